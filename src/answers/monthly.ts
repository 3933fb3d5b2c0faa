import type { Store } from '../store/store.ts';
import { LEG_KINDS } from '../tracks/classify.ts';
import { citeLegSources } from '../query/leg-sources.ts';
import { countChains, countLegs, legSpan } from '../query/legs.ts';
import { countFlights } from './flights.ts';
import { listLegs } from './legs.ts';
import { estimateLeg, legDay, sumEstimates } from './passengers.ts';
import { airportByCode } from '../airports/airports.ts';
import { countryByCode } from '../countries/countries.ts';
import { monthlyComparisons, type PeriodCount } from './monthly-compare.ts';
import { weeksOfMonth } from './monthly-weeks.ts';
import type { SourceRef } from './provenance.ts';
import { checkClaim, type ClaimCheck } from './claims.ts';
import type { ClaimFile } from './claims-file.ts';


export interface MonthlyReport {
  month: string;
  /**
   * Whether the data hold any leg dated in the month. A month without data is not a month of
   * zero flights: its figures are null and the report says "no data".
   */
  hasData: boolean;
  /** Without data: what the report says instead of its tables ("No data for 2023-01: …"); null with data. */
  noData: string | null;
  /** The first and last month of the data (null: no legs at all). */
  dataSpan: { first: string; last: string } | null;
  /** The months the averages are over: those of the six before the month that the data cover. */
  averageMonths: string[];
  /**
   * Legs by kind this month, the month before, and the average over `averageMonths`. Null where
   * the month in question has no data (never 0 for "no data").
   */
  kinds: { kind: string; legs: number | null; previousMonth: number | null; average: number | null; change: number | null; yearBefore: number | null }[];
  /** The month the "same month a year before" columns are (YYYY-MM). */
  yearBeforeMonth: string;
  /**
   * Removal flights (legs) and missions this month against the previous month, the same month a
   * year before and the running fiscal year (October to this month); each names the months it
   * covers and those of them with data, and is null where none has.
   */
  comparisons: PeriodCount[];
  /** Removal legs per week (Monday to Sunday, cut at the month's ends), missions beside them. */
  weekly: { from: string; to: string; days: number; removalLegs: number; missions: number }[];
  /** Domestic shuffles (US to US) and lateral flights (US to a border airport used for land removals) of the month, by route, biggest first. */
  domestic: { legs: number | null; routes: RouteCount[] };
  lateral: { legs: number | null; routes: RouteCount[] };
  /** Possible removals of the month: legs the rules cannot settle as removals, beside the figure, never in it (null: no data). */
  possibleRemovals: number | null;
  /** What each figure counts and how: one rule per section (kinds, comparisons, weekly, countries, airports, operators, domestic, lateral, missions, passengers, possible). */
  rules: Record<string, string>;
  /** Firm removal legs by country, and the possible removals beside them (never added); previousMonth null: no data that month. */
  removalsByCountry: { country: string; name: string | null; legs: number; possible: number; previousMonth: number | null }[];
  removalsByOperator: { operator: string; legs: number }[];
  removalsByAirport: { airport: string; name: string | null; legs: number }[];
  /** Removal legs: each flight counted once (null: no data). */
  removalLegs: number | null;
  /** Missions (chains of legs) with at least one removal leg: a multi-stop mission counts once (null: no data). */
  missions: number | null;
  countries: number | null;
  /**
   * People estimated on the month's removal legs (estimateLeg, the function every answer uses):
   * the sum and its interval, the models used, and per country. Null when no leg has an estimate.
   */
  passengers: {
    low: number; point: number; high: number; flights: number; models: string[];
    byCountry: { country: string; name: string | null; low: number; point: number; high: number }[];
    /** How each model estimates (its method and sources), and the removal legs no model answers for. */
    methods: { model: string; method: string; coverage: string | null; sources: string[] }[];
    unestimated: number;
  } | null;
  /** Every leg of the month with its ends, for maps and tables. */
  routes: { legId: number; kind: string | null; registration: string | null; from: string | null; to: string | null; fromCountry: string | null; toCountry: string | null; departure: string | null; generated: boolean }[];
  /** The name of every airport code the report gives. */
  airportNames: Record<string, string>;
  /** The twelve months up to this one: legs per month by kind, for the chart; a month without data has `hasData` false and null counts. */
  trend: { month: string; hasData: boolean; removal: number | null; return: number | null; domestic: number | null; lateral: number | null }[];
  generated: boolean;
  /** Claims of the files given (`--claims`) whose period falls in the month, checked (docs/claims.md). */
  claims: (ClaimCheck & { file: string })[];
  rule: string;
  sources: SourceRef[];
}

/** Legs on one route (airport to airport) of a kind. */
export interface RouteCount {
  from: string | null;
  fromName: string | null;
  fromCountry: string | null;
  to: string | null;
  toName: string | null;
  toCountry: string | null;
  legs: number;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The monthly flight report that monitors compile by hand today. Every figure is a count of
 * `countFlights` (legs read through the counted_legs view, dated by departure, else arrival, else the day
 * the record gives), so the report agrees with `charterwatch flights count` for the same month.
 */
export async function monthlyReport(store: Store, { month, claims: claimFiles = [] }: { month: string; claims?: ClaimFile[] }): Promise<MonthlyReport> {
  const first = shiftMonth(month, -11);
  const start = (m: string) => `${m}-01`;
  const next = start(shiftMonth(month, 1));
  const previous = shiftMonth(month, -1);
  const yearBeforeMonth = shiftMonth(month, -12);
  const byMonthAndKind = await countFlights(store, { from: start(yearBeforeMonth), to: next, by: 'month', then: 'kind', cite: false });
  // A month with no legs at all is outside the data, not a month of zero flights.
  const hasLegs = (m: string) => byMonthAndKind.rows.some((r) => r.key === m);
  const get = (m: string, kind: string): number | null => (hasLegs(m) ? (byMonthAndKind.rows.find((r) => r.key === m)?.cells?.[kind] ?? 0) : null);
  const six = Array.from({ length: 6 }, (_, i) => shiftMonth(month, -(i + 1)));
  // The average is over the months of the six that the data cover, and names them.
  const covered = six.filter(hasLegs).reverse();
  const hasData = hasLegs(month);
  const span = await legSpan(store);
  const dataSpan = span ? { first: span.first.slice(0, 7), last: span.last.slice(0, 7) } : null;
  const kinds = LEG_KINDS.map((kind) => {
    const legs = get(month, kind);
    const previousMonth = get(previous, kind);
    const average = covered.length ? Math.round((covered.reduce((a, m) => a + (get(m, kind) ?? 0), 0) / covered.length) * 10) / 10 : null;
    return { kind, legs, previousMonth, average, change: legs !== null && previousMonth !== null ? legs - previousMonth : null, yearBefore: get(yearBeforeMonth, kind) };
  });
  const removals = (by: 'country' | 'operator' | 'us-airport', m = month) =>
    countFlights(store, { kind: 'removal', from: start(m), to: start(shiftMonth(m, 1)), by, unknownKey: 'unknown', cite: false });
  const [thisMonth, monthBefore] = [await removals('country'), await removals('country', previous)];
  const removalsByCountry = thisMonth.rows.map((r) => ({ country: r.key, name: r.name, legs: r.legs, possible: r.possible ?? 0, previousMonth: hasLegs(previous) ? (monthBefore.rows.find((p) => p.key === r.key)?.legs ?? 0) : null }));
  const removalsByOperator = (await removals('operator')).rows.map((r) => ({ operator: r.key, legs: r.legs }));
  const removalsByAirport = (await removals('us-airport')).rows.map((r) => ({ airport: r.key, name: r.name, legs: r.legs }));
  const inMonth = { kind: 'removal', from: start(month), to: next } as const;
  // A mission is a chain of legs: one with several removal legs (a multi-stop mission) counts
  // once; a removal leg no mission holds is a chain of its own.
  const missions = await countChains(store, inMonth);
  const removalLegCount = await countLegs(store, inMonth);
  const routes = (await listLegs(store, { from: start(month), to: next }, { counted: true })).map((l) => ({
    legId: l.id,
    kind: l.kind,
    registration: l.registration,
    from: l.departure.airport,
    to: l.arrival.airport,
    fromCountry: l.departure.country,
    toCountry: l.arrival.country,
    departure: l.departure.time,
    generated: l.generated,
  }));
  const removalLegs = await listLegs(store, { kind: 'removal', from: start(month), to: next }, { counted: true });
  const byRoute = (kind: string): RouteCount[] => {
    const groups = new Map<string, RouteCount>();
    for (const r of routes.filter((x) => x.kind === kind)) {
      const key = `${r.from}|${r.to}`;
      const g = groups.get(key);
      if (g) g.legs++;
      else groups.set(key, { from: r.from, fromName: r.from ? (airportByCode(r.from)?.name ?? null) : null, fromCountry: r.fromCountry, to: r.to, toName: r.to ? (airportByCode(r.to)?.name ?? null) : null, toCountry: r.toCountry, legs: 1 });
    }
    return [...groups.values()].sort((a, b) => b.legs - a.legs || `${a.from}${a.to}`.localeCompare(`${b.from}${b.to}`));
  };
  const weekly = weeksOfMonth(month).map((w) => {
    const legs = removalLegs.filter((l) => { const d = legDay(l); return d !== null && d >= w.from && d <= w.to; });
    return { ...w, removalLegs: legs.length, missions: new Set(legs.map((l) => (l.missionId === null ? `l${l.id}` : `m${l.missionId}`))).size };
  });
  const comparisons = await monthlyComparisons(store, { month, hasLegs: (m) => hasLegs(m) });
  const possibleRemovals = hasData ? (comparisons.find((c) => c.period === 'this month')?.possible ?? null) : null;
  const airportNames: Record<string, string> = {};
  for (const code of [...routes.flatMap((r) => [r.from, r.to]), ...removalsByAirport.map((a) => a.airport)].filter((c): c is string => !!c).sort()) {
    const a = airportByCode(code);
    if (a) airportNames[code] = a.name;
  }
  const estimates = removalLegs.map((l) => ({ country: l.arrival.country ?? 'unknown', e: estimateLeg(l) }));
  const total = sumEstimates(estimates.map((x) => x.e));
  const methods = new Map<string, { model: string; method: string; coverage: string | null; sources: string[] }>();
  for (const { e } of estimates) if (e.modelName && !methods.has(e.modelName)) methods.set(e.modelName, { model: e.modelName, method: e.method, coverage: e.coverage, sources: e.sources });
  const countriesEstimated = [...new Set(estimates.map((x) => x.country))].sort();
  const passengers = total
    ? {
        ...total,
        byCountry: countriesEstimated
          .map((country) => ({ country, sum: sumEstimates(estimates.filter((x) => x.country === country).map((x) => x.e)) }))
          .filter((x) => x.sum)
          .map((x) => ({ country: x.country, name: countryByCode(x.country)?.name ?? null, low: x.sum!.low, point: x.sum!.point, high: x.sum!.high }))
          .sort((a, b) => b.point - a.point || a.country.localeCompare(b.country)),
        methods: [...methods.values()],
        unestimated: estimates.filter((x) => x.e.passengers === null).length,
      }
    : null;
  const trend = Array.from({ length: 12 }, (_, i) => shiftMonth(first, i)).map((m) => ({
    month: m, hasData: hasLegs(m), removal: get(m, 'removal'), return: get(m, 'return'), domestic: get(m, 'domestic'), lateral: get(m, 'lateral'),
  }));
  // Every leg of the twelve months the report shows (the trend), read as counted.
  const sources = await citeLegSources(store, { from: start(first), to: next });
  // A claim is the month's when its period (else the day it was said) overlaps the month.
  const claims: MonthlyReport['claims'] = [];
  for (const f of claimFiles) {
    for (const claim of f.claims) {
      const checked = await checkClaim(store, claim);
      const period = checked.period ?? { from: claim.when, to: claim.when };
      if (period.from < next && period.to >= start(month)) claims.push({ ...checked, file: f.file });
    }
  }
  return {
    month,
    hasData,
    noData: hasData ? null : noDataText({ month, dataSpan }),
    dataSpan,
    averageMonths: covered,
    kinds,
    yearBeforeMonth,
    comparisons,
    weekly: hasData ? weekly : [],
    domestic: { legs: hasData ? byRoute('domestic').reduce((a, r) => a + r.legs, 0) : null, routes: byRoute('domestic') },
    lateral: { legs: hasData ? byRoute('lateral').reduce((a, r) => a + r.legs, 0) : null, routes: byRoute('lateral') },
    possibleRemovals,
    removalsByCountry,
    removalsByOperator,
    removalsByAirport,
    removalLegs: hasData ? removalLegCount : null,
    missions: hasData ? missions : null,
    countries: hasData ? thisMonth.countries : null,
    passengers,
    routes,
    airportNames,
    trend,
    generated: routes.some((r) => r.generated),
    claims,
    rule: `Legs dated in ${month} (UTC; by departure, else arrival, else the day the record gives), counted as "charterwatch flights count" counts them, by the kind the classification gave them; a leg is one flight, a mission a chain of legs (counted once however many stops); "previous month" is ${previous}${hasLegs(previous) ? '' : ' (no data)'}; the average is over the months from ${six.at(-1)} to ${six[0]} that the data cover (${covered.length ? covered.join(', ') : 'none: no average'}); a month without data reads "no data", never 0.`,
    rules: {
      kinds: `Legs dated in ${month} by the kind the classification gave them, against ${previous} (previous month), ${yearBeforeMonth} (the same month a year before) and the average of the months with data among the six before; "no data" where a month holds no leg at all.`,
      comparisons: 'Removal legs and missions in each period, counted as "charterwatch flights count --kind removal" counts them; a period counts only its months with data (listed), and reads "no data" when none has; the running fiscal year is US fiscal, October to this month.',
      weekly: 'Removal legs by the UTC day of the leg (departure, else arrival, else the day the record gives), in weeks from Monday to Sunday cut at the ends of the month; a mission is counted in each week it has a removal leg.',
      countries: 'Removal legs by the country the leg arrives in; possible removals of the country beside them, never added.',
      airports: 'Removal legs by the US airport they left from.',
      operators: 'Removal legs by the operator the fleet registry gives for the aircraft ("unknown" where it gives none).',
      domestic: 'Domestic shuffles: legs between two US airports classified "domestic" (moving people between detention sites, or positioning for a removal), by route; a flight to a border airport used for land removals is lateral instead.',
      lateral: 'Lateral flights: legs from a US airport to a border airport used for land removals (data/program/lateral-airports.csv) classified "lateral", by route.',
      missions: 'A mission is a chain of legs of one aircraft out of the US and back; a mission with several removal legs counts once, a removal leg no mission holds counts as one.',
      passengers: 'People on board each removal leg estimated by its model (the one every answer uses: docs/passengers.md), summed; the 80% interval is the sum of the legs\' intervals.',
      possible: 'Possible removals: legs the classification could not settle as removals (the "possible" band), reported beside the firm figure and never in it.',
    },
    sources,
  };
}

/** What a month without data says instead of a table of zeros. */
export function noDataText(r: Pick<MonthlyReport, 'month' | 'dataSpan'>): string {
  return `No data for ${r.month}: the database holds no leg dated in that month (${r.dataSpan ? `its legs run from ${r.dataSpan.first} to ${r.dataSpan.last}` : 'it holds no legs at all'}). This is not a count of zero flights.`;
}

/** "the average of 2024-05" / "the average of 3 months (2024-03, 2024-04, 2024-05)" / null. */
export function averageLabel(months: string[]): string {
  return months.length === 0 ? 'average (no month with data)' : months.length === 1 ? `average of ${months[0]}` : `average of ${months.length} months (${months.join(', ')})`;
}

const shown = (x: number | null) => (x === null ? 'no data' : String(x));
const signed = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${x}`);

/** "KAEX Alexandria International Airport": the code and, where known, its name. */
export const airportNamed = (code: string | null, names: Record<string, string>): string => (code ? (names[code] ? `${code} ${names[code]}` : code) : 'unknown');

/** "GT Guatemala". */
export const countryNamed = (code: string | null, name?: string | null): string => (code ? `${code}${(name ?? countryByCode(code)?.name) ? ` ${name ?? countryByCode(code)!.name}` : ''}` : 'unknown');

/** "12 (3 GENERATED)" and "no data" for a period without data. */
export function periodFigure(c: PeriodCount, what: 'removalLegs' | 'missions' | 'possible'): string {
  const v = c[what];
  if (v === null) return 'no data';
  const made = what === 'removalLegs' && c.generated ? (c.generated === v ? ' GENERATED' : ` (${c.generated} GENERATED)`) : '';
  return `${v.toLocaleString('en-US')}${made}`;
}

/** Which months of a period the data cover: "" when all, else "data for 2020-01, 2020-02 of 6 months". */
export function periodCoverage(c: PeriodCount): string {
  if (c.monthsWithData.length === c.months.length) return '';
  if (c.monthsWithData.length === 0) return `no leg in ${c.months.length === 1 ? c.months[0] : `any of its ${c.months.length} months`}`;
  return `data for ${c.monthsWithData.join(', ')} only (${c.monthsWithData.length} of ${c.months.length} months)`;
}

/** The two sections of legs that are not removals, and their titles. */
export const SHUFFLES = [['domestic', 'Domestic shuffles (US to US)'], ['lateral', 'Lateral flights (US to a border airport for land removal)']] as const;
/** Routes a text or HTML report lists in each of those sections (the JSON has them all). */
export const ROUTES_SHOWN = 15;

/** The report as Markdown (also the CLI's text output). */
export function monthlyMarkdown(r: MonthlyReport): string {
  const out = [`# Removal flight report, ${r.month}`, ''];
  if (!r.hasData) {
    out.push(r.noData ?? noDataText(r));
    return out.join('\n');
  }
  const k = (x: number) => x.toLocaleString('en-US');
  const rule = (key: string) => out.push('', `Rule: ${r.rules[key]} Sources: the legs' files listed under Sources.`);
  if (r.generated) out.push('> This month includes GENERATED (synthetic demo) flights.', '');
  out.push(`${r.removalLegs} removal flight(s) (legs) in ${r.missions} mission(s) (chains of legs, a multi-stop mission counted once), to ${r.countries} countries; ${r.possibleRemovals ?? 0} more possible removal(s) beside the figure, not in it.`);
  out.push('', '## Against other periods', '', '| period | removal flights (legs) | missions | possible (not in the figure) | months with data |', '|---|---:|---:|---:|---|');
  for (const c of r.comparisons) out.push(`| ${c.period}: ${c.label} | ${periodFigure(c, 'removalLegs')} | ${periodFigure(c, 'missions')} | ${periodFigure(c, 'possible')} | ${periodCoverage(c) || 'all'} |`);
  rule('comparisons');
  out.push('', '## Legs by kind', '', `| kind | legs | previous month | change | same month a year before (${r.yearBeforeMonth}) | ${averageLabel(r.averageMonths)} |`, '|---|---:|---:|---:|---:|---:|');
  for (const x of r.kinds) out.push(`| ${x.kind} | ${shown(x.legs)} | ${shown(x.previousMonth)} | ${signed(x.change)} | ${shown(x.yearBefore)} | ${x.average ?? '–'} |`);
  rule('kinds');
  out.push('', '## Week by week', '', '| week | days | removal flights (legs) | missions |', '|---|---:|---:|---:|');
  for (const w of r.weekly) out.push(`| ${w.from} to ${w.to} | ${w.days} | ${w.removalLegs} | ${w.missions} |`);
  rule('weekly');
  out.push('', '## Removal flights by destination country', '', '| country | legs | possible (not in legs) | previous month |', '|---|---:|---:|---:|');
  for (const c of r.removalsByCountry) out.push(`| ${countryNamed(c.country, c.name)} | ${c.legs} | ${c.possible} | ${shown(c.previousMonth)} |`);
  rule('countries');
  out.push('', '## Removal flights by US departure airport', '', '| airport | legs |', '|---|---:|');
  for (const a of r.removalsByAirport) out.push(`| ${a.name ? `${a.airport} ${a.name}` : a.airport} | ${a.legs} |`);
  rule('airports');
  out.push('', '## Removal flights by operator', '', '| operator | legs |', '|---|---:|');
  for (const o of r.removalsByOperator) out.push(`| ${o.operator} | ${o.legs} |`);
  rule('operators');
  for (const [key, title] of SHUFFLES) {
    const d = r[key];
    out.push('', `## ${title}`, '', `${shown(d.legs)} ${key} leg(s) on ${d.routes.length} route(s)${d.routes.length > ROUTES_SHOWN ? `; the ${ROUTES_SHOWN} busiest below, every route in the JSON` : ''}.`);
    if (d.routes.length) {
      out.push('', '| from | to | legs |', '|---|---|---:|');
      for (const x of d.routes.slice(0, ROUTES_SHOWN)) out.push(`| ${airportNamed(x.from, r.airportNames)}${x.fromCountry ? ` (${x.fromCountry})` : ''} | ${airportNamed(x.to, r.airportNames)}${x.toCountry ? ` (${x.toCountry})` : ''} | ${x.legs} |`);
    }
    rule(key);
  }
  out.push('', '## People on board (estimate)', '');
  if (r.passengers) {
    const p = r.passengers;
    out.push(`About ${k(p.point)} people on ${p.flights} removal flight(s) (80% interval ${k(p.low)}–${k(p.high)}, the flights' intervals summed)${p.unestimated ? `; ${p.unestimated} removal flight(s) have no estimate` : ''}.`, '');
    out.push('| country | people (estimate) | 80% interval |', '|---|---:|---:|');
    for (const c of p.byCountry) out.push(`| ${countryNamed(c.country, c.name)} | ${k(c.point)} | ${k(c.low)}–${k(c.high)} |`);
    out.push('', 'Method:');
    for (const m of p.methods) out.push(`- ${m.method}${m.coverage && !m.method.includes(m.coverage) ? ` (${m.coverage})` : ''}. Sources: ${m.sources.join('; ')}.`);
  } else out.push('No removal flight of the month has an estimate.');
  rule('passengers');
  if (r.claims.length) {
    out.push('', '## Claims of the month', '', '| claim | said by, when | verdict | data | why |', '|---|---|---|---:|---|');
    const cell = (t: string) => t.replace(/\|/g, '\\|');
    for (const c of r.claims) out.push(`| "${cell(c.words)}" | ${cell(c.saidBy)}, ${c.when} | ${c.verdict} | ${c.figure === null ? '' : `${c.figure.toLocaleString('en-US')}${c.generated ? ' (GENERATED)' : ''}`} | ${cell(c.why)} |`);
  }
  out.push('', '## Rules', '', `- ${r.rule}`, `- ${r.rules.missions}`, `- ${r.rules.possible}`, '', '## Sources', '');
  for (const s of r.sources) out.push(`- ${s.file} (source ${s.sourceId}, ${s.format}${s.generated ? ', GENERATED' : ''}): ${s.rowsUsed} rows, sha256 \`${s.sha256}\``);
  return out.join('\n');
}
