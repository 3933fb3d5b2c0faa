import type { Context } from 'hono';
import { airportByCode } from '../airports/airports.ts';
import { encountersAnswer } from '../answers/encounters.ts';
import { dataPath } from '../paths.ts';
import { monthlySeries } from '../answers/flights.ts';
import { countLegs, listLegs, type LegKind } from '../answers/legs.ts';
import { countMissions, listMissions } from '../answers/missions.ts';
import { removalCountries } from '../answers/removal-countries.ts';
import { estimateMission } from '../answers/passengers.ts';
import { CharterwatchError } from '../errors.ts';
import { claimsQuestion } from '../questions/claims.ts';
import { cooperationQuestion } from '../questions/cooperation.ts';
import { countryQuestion } from '../questions/country.ts';
import { paramsOn, type Param, type Question, type Values } from '../questions/declare.ts';
import { encountersQuestion } from '../questions/encounters.ts';
import { flightsCountQuestion } from '../questions/flights-count.ts';
import { flightsMonthlyQuestion } from '../questions/flights-monthly.ts';
import { COUNTRY, FROM, KIND, LEG_FILTER, legFilterOf, MAX_PAGE, TO } from '../questions/leg-filter.ts';
import { legsQuestion } from '../questions/legs.ts';
import { missionFilterOf, missionsQuestion } from '../questions/missions.ts';
import { monthlyReportQuestion } from '../questions/monthly-report.ts';
import { maybeDate } from '../questions/params.ts';
import { passengersQuestion } from '../questions/passengers.ts';
import { removalsQuestion } from '../questions/removals.ts';
import { encountersChart, monthlyFlightsChart } from '../render/charts.ts';
import { KIND_COLOURS, routeMapSvg, type MapRoute } from '../render/map.ts';
import type { Store } from '../store/store.ts';
import { listLegRecords } from '../answers/leg-files.ts';
import { LEG_EXPORT_FORMATS, legsAs } from '../format/legs.ts';
import { MEDIA } from '../format/media.ts';
import { apiLeg, apiMission, type CoordsLookup, type Leg, type Mission, type Page } from './shapes.ts';
import { listSources } from './sources.ts';
import { REPORT_CSP } from './security.ts';

/**
 * One API endpoint: its parameters (declared in src/questions/, which also makes the command
 * line's options; checked by app.ts and described by /openapi.json) and its handler.
 */
export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** Query and path parameters (`api.path`), in declared order. */
  params?: readonly Param[];
  /** Media types it answers with (the first is the default). */
  produces?: string[];
  handle: (args: { c: Context; store: Store; query: Values; path: Values; body: unknown }) => Promise<Response> | Response;
}

/** A question's route: its path, summary and parameters as declared. */
function asked(question: Question<any>, produces: string[] | undefined, handle: ApiRoute['handle']): ApiRoute {
  return { method: 'GET', path: question.path!, summary: question.summary, params: paramsOn(question, 'api'), produces, handle };
}

/** A question's answer as JSON, or written by the question's own writer (the command line's) for html and md. */
async function answered<A>(c: Context, question: Question<A>, answer: A, values: Values): Promise<Response> {
  const format = typeof values.format === 'string' ? values.format : 'json';
  const writer = question.write?.[format];
  if (format === 'json' || !writer) return c.json(answer as object);
  const text = String(await writer(answer, values));
  if (format === 'html') return html(c, text);
  c.header('Content-Type', 'text/markdown; charset=utf-8');
  return c.body(text);
}

/** Largest page of a list, and largest download. */
export { MAX_PAGE };
export const MAX_DOWNLOAD = 50_000;

const coords: CoordsLookup = (code) => {
  if (!code) return undefined;
  const a = airportByCode(code);
  return a ? { lat: a.lat, lon: a.lon } : undefined;
};

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

/** A page of the legs matching the request's filter, in the API's shape, with how many match in all. */
async function legPage(store: Store, q: Values, { limit, offset, sort }: { limit: number; offset: number; sort: string }): Promise<Page<Leg>> {
  const filter = legFilterOf(q);
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

/** Map routes for a leg filter: identical airport pairs of a kind drawn once, thicker. */
async function mapRoutes(store: Store, q: Values): Promise<MapRoute[]> {
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
  asked(legsQuestion, ['application/json', ...LEG_EXPORT_FORMATS.map((f) => MEDIA[f].type)], async ({ c, store, query }) => {
    if (query.format !== 'json') {
      const format = query.format as (typeof LEG_EXPORT_FORMATS)[number];
      const [filter, offset] = [legFilterOf(query), Number(query.offset)];
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
  }),
  asked(missionsQuestion, undefined, async ({ c, store, query }) => {
    const missions = await missionsQuestion.ask(store, query);
    const [limit, offset] = [Number(query.limit), Number(query.offset)];
    const page: Page<Mission> = { total: await countMissions(store, missionFilterOf(query)), limit, offset, items: missions.map(apiMission) };
    return c.json({ ...page, ...pageLinks(c, page.total, page.limit, page.offset) });
  }),
  {
    method: 'GET',
    path: '/api/missions/{id}',
    summary: 'One mission with its legs and a passenger estimate',
    params: [{ name: 'id', type: 'integer', min: 1, max: 999_999_999, api: { path: true }, cli: false, help: 'mission id' }],
    handle: async ({ c, store, path }) => {
      const [mission] = await listMissions(store, { id: Number(path.id) });
      if (!mission) throw new CharterwatchError('NOT_FOUND', `no mission ${path.id}`);
      const m = { ...apiMission(mission), legList: (await listLegs(store, { mission: mission.id }, { sort: 'departure' })).map((l) => apiLeg(l, coords)) };
      return c.json({ ...m, passengers: estimateMission(await listLegs(store, { mission: mission.id }, { sort: 'departure' })) });
    },
  },
  // The command line's answer, field for field, with each row's legs also as `flights` and the number of groups.
  asked(flightsCountQuestion, undefined, async ({ c, store, query }) => {
    const count = await flightsCountQuestion.ask(store, query);
    return c.json({ ...count, groups: count.rows.length, rows: count.rows.map((r) => ({ ...r, flights: r.legs })) });
  }),
  asked(flightsMonthlyQuestion, undefined, async ({ c, store, query }) => c.json(await flightsMonthlyQuestion.ask(store, query))),
  {
    method: 'GET',
    path: '/api/countries',
    summary: 'Every country with removal flights: name, flights (legs) in a calendar year (default: the latest in the data), all flights, the last flight',
    params: [{ name: 'year', type: 'integer', min: 1900, max: 2999, cli: false, help: 'calendar year the "flights in year" column counts (default: the latest year in the data)' }],
    handle: async ({ c, store, query }) => c.json(await removalCountries(store, { year: query.year as number | undefined })),
  },
  asked(countryQuestion, ['application/json', 'text/html', 'text/markdown'], async ({ c, store, query, path }) => {
    const values = { ...query, ...path };
    return answered(c, countryQuestion, await countryQuestion.ask(store, values), values);
  }),
  asked(encountersQuestion, undefined, async ({ c, store, query }) => c.json(await encountersQuestion.ask(store, query))),
  asked(removalsQuestion, undefined, async ({ c, store, query }) => c.json(await removalsQuestion.ask(store, query))),
  asked(cooperationQuestion, undefined, async ({ c, store, path }) => c.json(await cooperationQuestion.ask(store, path))),
  // The API checks the shipped claim files only, by name.
  asked(claimsQuestion, undefined, async ({ c, store, query }) => c.json(await claimsQuestion.ask(store, { ...query, file: dataPath(`claims/${String(query.file)}`) }))),
  asked(monthlyReportQuestion, ['application/json', 'text/html', 'text/markdown'], async ({ c, store, query, path }) => {
    const values = { ...query, ...path };
    return answered(c, monthlyReportQuestion, await monthlyReportQuestion.ask(store, values), values);
  }),
  asked(passengersQuestion, undefined, async ({ c, store, query }) => c.json(await passengersQuestion.ask(store, query))),
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
    params: [...LEG_FILTER, { name: 'world', type: 'enum', values: ['true', 'false'], default: 'false', cli: false, help: 'show the whole world' }],
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
    params: [FROM, TO, { ...KIND, default: 'removal' }, COUNTRY, { name: 'by', type: 'enum', values: ['country', 'kind'], default: 'country', cli: false, help: 'colour by' }],
    produces: ['image/svg+xml'],
    handle: async ({ c, store, query }) => {
      const byKind = query.by === 'kind';
      const filter = legFilterOf(query);
      const rows = await monthlySeries(store, { ...filter, kind: byKind ? undefined : (query.kind as LegKind) });
      const data = rows.map((r) => ({ month: r.month, key: byKind ? r.kind : r.country, flights: r.flights }));
      // Every month of the period on the axis; a month without any leg (of any kind) is outside
      // the data: it reads "no data", never a bar of 0.
      const covered = new Set((await monthlySeries(store, { from: filter.from, to: filter.to })).map((r) => r.month));
      // `to` is exclusive: the last month on the axis is that of the instant before it.
      const last = filter.to ? new Date(Date.parse(filter.to) - 1).toISOString().slice(0, 7) : [...covered].at(-1);
      const months = monthsBetween(filter.from ? filter.from.slice(0, 7) : [...covered][0], last);
      const noData = months.filter((m) => !covered.has(m));
      return svg(c, monthlyFlightsChart(data, { title: byKind ? 'Legs by month and kind' : `${query.kind} legs by month and country`, colours: byKind ? KIND_COLOURS : undefined, months, noData }));
    },
  },
  {
    method: 'GET',
    path: '/api/charts/encounters.svg',
    summary: 'Chart (SVG): monthly encounters of a citizenship over a fiscal year',
    params: encountersQuestion.params.filter((p) => p.name === 'citizenship' || p.name === 'fy'),
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
