import type { Context } from 'hono';
import { airportByCode } from '../airports/airports.ts';
import { encountersAnswer, ENCOUNTER_BREAKDOWNS, notNamedMessage } from '../answers/encounters.ts';
import { checkClaims } from '../answers/claims.ts';
import { readClaimFile, shippedClaimFiles } from '../answers/claims-file.ts';
import { dataPath } from '../paths.ts';
import { countFlights, monthlySeries, type CountBreakdown } from '../answers/flights.ts';
import { countLegs, LEG_KINDS, LEG_SORT_VALUES, listLegs, type LegKind } from '../answers/legs.ts';
import { countMissions, listMissions } from '../answers/missions.ts';
import { removalCountries } from '../answers/removal-countries.ts';
import { estimateMission } from '../answers/passengers.ts';
import { passengersAnswer } from '../answers/passengers-answer.ts';
import { CharterwatchError } from '../errors.ts';
import { encountersChart, monthlyFlightsChart } from '../render/charts.ts';
import { KIND_COLOURS, routeMapSvg, type MapRoute } from '../render/map.ts';
import { countrySheetHtml, monthlyReportHtml } from '../render/report.ts';
import type { Store } from '../store/store.ts';
import { listLegRecords } from '../answers/leg-files.ts';
import { LEG_EXPORT_FORMATS, legsAs } from '../format/legs.ts';
import { MEDIA } from '../format/media.ts';
import type { ParamSpec, ParamValues } from './params.ts';
import { legFilter, missionFilter } from './questions.ts';
import { apiLeg, apiMission, type CoordsLookup, type Leg, type Mission, type Page } from './shapes.ts';
import { listSources } from './sources.ts';
import { REPORT_CSP } from './security.ts';

/** One API endpoint: its declaration (validation and OpenAPI) and its handler. */
export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  params?: ParamSpec[];
  pathParams?: ParamSpec[];
  /** Media types it answers with (the first is the default). */
  produces?: string[];
  handle: (args: { c: Context; store: Store; query: ParamValues; path: Record<string, string | number>; body: unknown }) => Promise<Response> | Response;
}

/** Largest page of a list, and largest download. */
export const MAX_PAGE = 1000;
export const MAX_DOWNLOAD = 50_000;

const coords: CoordsLookup = (code) => {
  if (!code) return undefined;
  const a = airportByCode(code);
  return a ? { lat: a.lat, lon: a.lon } : undefined;
};

const P = {
  from: { name: 'from', type: 'date', description: 'first day (UTC), inclusive: 2024-06-04' },
  to: { name: 'to', type: 'date', description: 'last day (UTC), inclusive' },
  kind: { name: 'kind', type: 'enum', values: LEG_KINDS, description: 'leg kind' },
  country: { name: 'country', type: 'country', description: 'a country at either end: CN, China' },
  aircraft: { name: 'aircraft', type: 'aircraft', description: 'ICAO 24-bit address or registration' },
  airport: { name: 'airport', type: 'airport', description: 'ICAO airport code at either end (KAEX)' },
  mission: { name: 'mission', type: 'integer', min: 1, max: 999_999_999, description: 'mission id' },
  limit: { name: 'limit', type: 'integer', min: 1, max: MAX_PAGE, default: 100, description: `rows per page (at most ${MAX_PAGE})` },
  offset: { name: 'offset', type: 'integer', min: 0, max: 10_000_000, default: 0, description: 'rows to skip' },
  fy: { name: 'fy', type: 'fiscalYear', description: 'US fiscal year (October–September): 2024, FY2024' },
} satisfies Record<string, ParamSpec>;

const legFilters: ParamSpec[] = [P.from, P.to, P.kind, P.country, P.aircraft, P.airport, P.mission];

/** The months from `first` to `last` (YYYY-MM, both included); none when either is missing or the span exceeds 20 years. */
function monthsBetween(first: string | undefined, last: string | undefined): string[] {
  if (!first || !last) return [];
  const out: string[] = [];
  for (let [y, m] = first.split('-').map(Number) as [number, number]; out.length <= 240; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) return out;
    out.push(key);
  }
  return [];
}

/**
 * The API's breakdowns and countFlights' for each: the API's `airport` is where a removal left
 * from (a return came back to), countFlights' `us-airport`.
 */
const COUNT_BY = { country: 'country', month: 'month', operator: 'operator', airport: 'us-airport', kind: 'kind' } as const satisfies Record<string, CountBreakdown>;

/** A page of the legs matching the request's filter, in the API's shape, with how many match in all. */
async function legPage(store: Store, q: ParamValues, { limit, offset, sort }: { limit: number; offset: number; sort: string }): Promise<Page<Leg>> {
  const filter = legFilter(q);
  const total = await countLegs(store, filter);
  const legs = await listLegs(store, filter, { sort, limit, offset });
  return { total, limit, offset, items: legs.map((l) => apiLeg(l, coords)) };
}

const pageLinks = (c: Context, total: number, limit: number, offset: number) => {
  const url = new URL(c.req.url);
  const at = (o: number) => {
    url.searchParams.set('offset', String(o));
    return `${url.pathname}?${url.searchParams}`;
  };
  return { next: offset + limit < total ? at(offset + limit) : null, previous: offset > 0 ? at(Math.max(0, offset - limit)) : null };
};

const svg = (c: Context, text: string) => {
  c.header('Content-Type', 'image/svg+xml; charset=utf-8');
  return c.body(text);
};

const html = (c: Context, text: string) => {
  c.header('Content-Security-Policy', REPORT_CSP);
  return c.html(text);
};

/** The lead's answer modules are loaded when first asked for, so the rest of the API works while one is being rebuilt. */
const countryModule = () => import('../answers/country.ts');
const monthlyModule = () => import('../answers/monthly.ts');

/** Map routes for a leg filter: identical airport pairs of a kind drawn once, thicker. */
async function mapRoutes(store: Store, q: ParamValues): Promise<MapRoute[]> {
  const page = await legPage(store, q, { limit: MAX_DOWNLOAD, offset: 0, sort: 'departure' });
  const groups = new Map<string, MapRoute>();
  for (const l of page.items) {
    if (l.departure.lat === null || l.arrival.lat === null || !l.departure.airport || !l.arrival.airport) continue;
    const key = `${l.departure.airport}|${l.arrival.airport}|${l.kind}`;
    const g = groups.get(key);
    if (g) {
      g.legs++;
      if (g.missionId !== l.missionId) g.missionId = null;
    } else {
      groups.set(key, {
        from: { code: l.departure.airport, lat: l.departure.lat, lon: l.departure.lon! },
        to: { code: l.arrival.airport, lat: l.arrival.lat, lon: l.arrival.lon! },
        kind: l.kind,
        legs: 1,
        missionId: l.missionId,
      });
    }
  }
  return [...groups.values()];
}

export const apiRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/legs',
    summary: 'Flight legs (take-off to landing), filtered, sorted and paginated; also as CSV, GeoJSON, KML or Parquet',
    params: [...legFilters, { name: 'sort', type: 'enum', values: LEG_SORT_VALUES, default: 'departure', description: 'sort key; a leading - sorts descending' }, P.limit, P.offset, { name: 'format', type: 'enum', values: ['json', ...LEG_EXPORT_FORMATS], default: 'json', description: `json (a page), or a download of up to ${MAX_DOWNLOAD.toLocaleString('en-US')} legs: ${LEG_EXPORT_FORMATS.join(', ')} (the columns of \`charterwatch legs --format\`)` }],
    produces: ['application/json', ...LEG_EXPORT_FORMATS.map((f) => MEDIA[f].type)],
    handle: async ({ c, store, query }) => {
      if (query.format !== 'json') {
        const format = query.format as (typeof LEG_EXPORT_FORMATS)[number];
        const [filter, offset] = [legFilter(query), Number(query.offset)];
        const total = await countLegs(store, filter);
        if (total - offset > MAX_DOWNLOAD) throw new CharterwatchError('USAGE', `${total} legs match: a download holds at most ${MAX_DOWNLOAD}; narrow the filter or page with offset`);
        // Without a sort asked for, the timeline order of `charterwatch legs`: the same bytes from both.
        const legs = await listLegRecords(store, filter, { limit: MAX_DOWNLOAD, offset, sort: c.req.query('sort') === undefined ? undefined : String(query.sort) });
        c.header('Content-Disposition', `attachment; filename="charterwatch-legs.${MEDIA[format].extension}"`);
        c.header('Content-Type', MEDIA[format].type);
        const body = await legsAs(format, legs);
        return typeof body === 'string' ? c.body(body) : c.body(body);
      }
      const page = await legPage(store, query, { limit: Number(query.limit), offset: Number(query.offset), sort: String(query.sort) });
      return c.json({ ...page, ...pageLinks(c, page.total, page.limit, page.offset) });
    },
  },
  {
    method: 'GET',
    path: '/api/missions',
    summary: 'Missions: one aircraft leaving a US airport, its foreign stops, and back',
    params: [P.from, P.to, P.country, P.aircraft, P.limit, P.offset],
    handle: async ({ c, store, query }) => {
      const filter = missionFilter(query);
      const [limit, offset] = [Number(query.limit), Number(query.offset)];
      const missions = await listMissions(store, filter, { newestFirst: true, limit, offset });
      const page: Page<Mission> = { total: await countMissions(store, filter), limit, offset, items: missions.map(apiMission) };
      return c.json({ ...page, ...pageLinks(c, page.total, page.limit, page.offset) });
    },
  },
  {
    method: 'GET',
    path: '/api/missions/{id}',
    summary: 'One mission with its legs and a passenger estimate',
    pathParams: [{ name: 'id', type: 'integer', min: 1, max: 999_999_999, description: 'mission id' }],
    handle: async ({ c, store, path }) => {
      const [mission] = await listMissions(store, { id: Number(path.id) });
      if (!mission) throw new CharterwatchError('NOT_FOUND', `no mission ${path.id}`);
      const m = { ...apiMission(mission), legList: (await listLegs(store, { mission: mission.id }, { sort: 'departure' })).map((l) => apiLeg(l, coords)) };
      return c.json({ ...m, passengers: estimateMission(await listLegs(store, { mission: mission.id }, { sort: 'departure' })) });
    },
  },
  {
    method: 'GET',
    path: '/api/flights/count',
    summary: 'How many flights (legs) of a kind between dates, by country, month, operator, airport or kind',
    params: [P.from, P.to, P.kind, P.country, P.aircraft, P.airport, P.mission, { name: 'by', type: 'enum', values: Object.keys(COUNT_BY), default: 'country', description: 'grouping' }],
    handle: async ({ c, store, query }) => {
      const by = query.by as keyof typeof COUNT_BY;
      const count = await countFlights(store, { ...legFilter(query), by: COUNT_BY[by], unknownKey: 'unknown' });
      // The API lists the biggest groups first, months too.
      const rows = count.rows.map((r) => ({ key: r.key, name: r.name, flights: r.legs, possible: r.possible ?? 0, generated: r.generated ?? 0 })).sort((a, b) => b.flights - a.flights || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return c.json({
        kind: count.kind,
        from: count.from,
        // As asked: the last day, inclusive.
        to: query.to ?? null,
        by,
        total: count.total,
        // The possible band beside the firm total, never in it (null when no kind is asked); and how many of the total are GENERATED.
        possible: count.possible,
        generated: count.generated,
        groups: rows.length,
        rows,
        // The answers' own rule (which legs, how they are dated), as the CLI prints it.
        rule: `${count.rule}; grouped by ${by}; a leg is one take-off to landing`,
      });
    },
  },
  {
    method: 'GET',
    path: '/api/flights/monthly',
    summary: 'Legs per month by kind and country (the foreign end: where a removal went, where a return came from; the dashboard chart data)',
    params: [P.from, P.to, P.kind, P.country],
    handle: async ({ c, store, query }) => c.json({ rows: await monthlySeries(store, legFilter(query)) }),
  },
  {
    method: 'GET',
    path: '/api/countries',
    summary: 'Every country with removal flights: name, flights (legs) in a calendar year (default: the latest in the data), all flights, the last flight',
    params: [{ name: 'year', type: 'integer', min: 1900, max: 2999, description: 'calendar year the "flights in year" column counts (default: the latest year in the data)' }],
    handle: async ({ c, store, query }) => c.json(await removalCountries(store, { year: query.year as number | undefined })),
  },
  {
    method: 'GET',
    path: '/api/countries/{code}',
    summary: 'The country sheet: removal flights, passengers, encounters, cooperation, with sources',
    pathParams: [{ name: 'code', type: 'country', description: 'ISO 3166-1 alpha-2 code or a country name' }],
    params: [P.fy, { name: 'format', type: 'enum', values: ['json', 'html'], default: 'json', description: 'json, or html (a printable sheet)' }],
    produces: ['application/json', 'text/html'],
    handle: async ({ c, store, query, path }) => {
      const { countrySheet } = await countryModule();
      const sheet = await countrySheet(store, { country: String(path.code), fiscalYear: query.fy as number | undefined });
      return query.format === 'html' ? html(c, countrySheetHtml(sheet)) : c.json(sheet);
    },
  },
  {
    method: 'GET',
    path: '/api/encounters',
    summary: 'Encounters of a citizenship in a fiscal year to date, against earlier years',
    params: [
      { ...P.country, name: 'citizenship', required: true, description: 'citizenship: CN, China' },
      { ...P.fy, required: true },
      { name: 'through', type: 'month', description: 'last month counted (YYYY-MM)' },
      { name: 'by', type: 'enum', values: ENCOUNTER_BREAKDOWNS, description: 'breakdown' },
    ],
    handle: async ({ c, store, query }) => {
      const a = await encountersAnswer(store, { citizenship: String(query.citizenship), fiscalYear: Number(query.fy), through: query.through as string | undefined, by: query.by as never });
      // A dataset that never names the citizenship has no figure for it (not zero encounters).
      if (!a.named) throw new CharterwatchError('NOT_FOUND', notNamedMessage(a));
      return c.json(a);
    },
  },
  {
    method: 'GET',
    path: '/api/claims',
    summary: 'A shipped claim file (data/claims/) checked against the data: each claim\'s figure, verdict and why, with coverage (docs/claims.md)',
    params: [{ name: 'file', type: 'enum', values: shippedClaimFiles(), default: 'dhs-2024-07-china.yaml', description: 'a claim file shipped in data/claims/' }],
    handle: async ({ c, store, query }) => c.json(await checkClaims(store, readClaimFile(dataPath(`claims/${String(query.file)}`)))),
  },
  {
    method: 'GET',
    path: '/api/reports/monthly/{month}',
    summary: 'The monthly flight report: legs by kind, country, operator and airport against earlier months',
    pathParams: [{ name: 'month', type: 'month', description: 'YYYY-MM' }],
    params: [{ name: 'format', type: 'enum', values: ['json', 'html'], default: 'json', description: 'json, or html (map and charts inline, readable offline)' }],
    produces: ['application/json', 'text/html'],
    handle: async ({ c, store, query, path }) => {
      const { monthlyReport } = await monthlyModule();
      const report = await monthlyReport(store, { month: String(path.month) });
      return query.format === 'html' ? html(c, monthlyReportHtml(report)) : c.json(report);
    },
  },
  {
    method: 'GET',
    path: '/api/passengers',
    summary: 'People on board a leg, a mission, or a type and kind (destination, day): point, 80% interval, model, method, sources; with every model\'s held-out error and coverage',
    params: [
      { name: 'leg', type: 'integer', min: 1, max: 999_999_999, description: 'leg id' },
      P.mission,
      { name: 'type', type: 'aircraftType', description: 'ICAO type designator (caps by its seats): B734' },
      P.kind,
      { ...P.country, description: 'destination of a removal: GT, China' },
      { name: 'date', type: 'date', description: 'day of the flight (chooses the period)' },
    ],
    handle: async ({ c, store, query }) =>
      c.json(await passengersAnswer(store, {
        leg: query.leg as number | undefined,
        mission: query.mission as number | undefined,
        type: query.type as string | undefined,
        kind: query.kind as string | undefined,
        country: query.country as string | undefined,
        date: query.date as string | undefined,
      })),
  },
  {
    method: 'GET',
    path: '/api/sources',
    summary: 'Every source file in the store (path, format, sha256, rows): what each figure cites',
    handle: async ({ c, store }) => c.json({ sources: await listSources(store) }),
  },
  {
    method: 'GET',
    path: '/api/map.svg',
    summary: 'Route map (SVG): legs matching the filter coloured by kind, over Natural Earth land',
    params: [...legFilters, { name: 'world', type: 'enum', values: ['true', 'false'], default: 'false', description: 'show the whole world' }],
    produces: ['image/svg+xml'],
    handle: async ({ c, store, query }) => {
      const routes = await mapRoutes(store, query);
      const title = `Routes${query.kind ? ` (${query.kind})` : ''}${query.mission ? `, mission ${query.mission}` : ''}: ${routes.reduce((s, r) => s + r.legs, 0)} legs`;
      return svg(c, routeMapSvg(routes, { title, world: query.world === 'true' }));
    },
  },
  {
    method: 'GET',
    path: '/api/charts/flights.svg',
    summary: 'Chart (SVG): legs of a kind per month, stacked by arrival country or by kind',
    params: [P.from, P.to, { ...P.kind, default: 'removal' }, P.country, { name: 'by', type: 'enum', values: ['country', 'kind'], default: 'country', description: 'colour by' }],
    produces: ['image/svg+xml'],
    handle: async ({ c, store, query }) => {
      const byKind = query.by === 'kind';
      const rows = await monthlySeries(store, { ...legFilter(query), kind: byKind ? undefined : (query.kind as LegKind) });
      const data = rows.map((r) => ({ month: r.month, key: byKind ? r.kind : r.country, flights: r.flights }));
      // Every month of the period on the axis; a month without any leg (of any kind) is outside
      // the data: it reads "no data", never a bar of 0.
      const covered = new Set((await monthlySeries(store, { from: legFilter(query).from, to: legFilter(query).to })).map((r) => r.month));
      const months = monthsBetween(query.from ? String(query.from).slice(0, 7) : [...covered][0], query.to ? String(query.to).slice(0, 7) : [...covered].at(-1));
      const noData = months.filter((m) => !covered.has(m));
      return svg(c, monthlyFlightsChart(data, { title: byKind ? 'Legs by month and kind' : `${query.kind} legs by month and country`, colours: byKind ? KIND_COLOURS : undefined, months, noData }));
    },
  },
  {
    method: 'GET',
    path: '/api/charts/encounters.svg',
    summary: 'Chart (SVG): monthly encounters of a citizenship over a fiscal year',
    params: [{ ...P.country, name: 'citizenship', required: true, description: 'citizenship' }, { ...P.fy, required: true }],
    produces: ['image/svg+xml'],
    handle: async ({ c, store, query }) => {
      const a = await encountersAnswer(store, { citizenship: String(query.citizenship), fiscalYear: Number(query.fy) });
      return svg(c, encountersChart(a.monthly, { title: `Encounters, ${a.countryName}, FY${a.fiscalYear} to ${a.through}` }));
    },
  },
  {
    method: 'POST',
    path: '/api/legs/rebuild',
    summary: 'Re-derive legs from positions for a period, then missions and kinds over every leg, as `charterwatch tracks` does (needs the operator token). Body: {"from": "2024-06-01", "to": "2024-07-01"} (to exclusive)',
    handle: async ({ c, store, body }) => {
      const b = (body ?? {}) as { from?: unknown; to?: unknown };
      for (const key of ['from', 'to'] as const) {
        if (b[key] !== undefined && typeof b[key] !== 'string') throw new CharterwatchError('USAGE', `${key} must be a date as a string (YYYY-MM-DD), got ${JSON.stringify(b[key]).slice(0, 40)}`);
      }
      const { maybeDate } = await import('../cli/options.ts');
      const from = typeof b.from === 'string' ? maybeDate(b.from, 'from') : undefined;
      const to = typeof b.to === 'string' ? maybeDate(b.to, 'to') : undefined;
      if (from && to && Date.parse(from) >= Date.parse(to)) throw new CharterwatchError('USAGE', `from (${from.slice(0, 10)}) must be before to (${to.slice(0, 10)}, the end, exclusive)`);
      // The writers' one step after positions: legs, then missions and classification (kinds, evidence) over every leg.
      const { rebuildFromPositions } = await import('../tracks/rebuild.ts');
      // On a connection of its own (its transactions must not take in other requests' reads), one writer at a time.
      const conn = await store.connection();
      try {
        const { legs, classification } = await conn.exclusive(() => rebuildFromPositions(conn, { from, to }));
        return c.json({ from: from ?? null, to: to ?? null, legs: legs.legs, aircraft: legs.aircraft, positions: legs.positions, missions: classification.missions, byKind: classification.byKind });
      } finally {
        conn.close();
      }
    },
  },
];
