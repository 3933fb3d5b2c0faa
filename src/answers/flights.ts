import { airportByCode } from '../airports/airports.ts';
import { countryByCode } from '../countries/countries.ts';
import type { Store } from '../store/store.ts';
import { citeSources, describeSources, type SourceRef } from './provenance.ts';
import { LEG_TIME, legWhere, type LegFilter, type LegKind } from './legs.ts';

export const COUNT_BREAKDOWNS = ['country', 'month', 'operator', 'airport', 'reason'] as const;
export type CountBreakdown = (typeof COUNT_BREAKDOWNS)[number];

export interface FlightCount {
  kind: LegKind;
  from: string | null;
  to: string | null;
  /** Legs counted. */
  total: number;
  /** Distinct countries at the counted end. */
  countries: number;
  by: CountBreakdown | null;
  rows: { key: string; name: string | null; legs: number; cells?: Record<string, number> }[];
  /** With a second breakdown (`--by country,month`): its values, the columns of each row's `cells`. */
  then: CountBreakdown | null;
  columns: string[];
  /** Legs of other kinds left out because an end is unknown, in the period. */
  unclassified: number;
  rule: string;
  sources: SourceRef[];
}

/**
 * The legs with an end the data did not show filled, for counting, the way classification filled
 * it (mission shape): a classified leg lost in the air is counted for where the aircraft next took off.
 * A FROM-clause item named `legs`: `SELECT … FROM ${COUNTED_LEGS} WHERE kind = 'removal' AND arr_country = ?`.
 */
export const COUNTED_LEGS = `(SELECT * REPLACE (
    coalesce(arr_airport, CASE WHEN kind IS NOT NULL THEN lead(dep_airport) OVER w END) AS arr_airport,
    coalesce(arr_country, CASE WHEN kind IS NOT NULL AND arr_airport IS NULL THEN lead(dep_country) OVER w END) AS arr_country,
    coalesce(dep_airport, CASE WHEN kind IS NOT NULL THEN lag(arr_airport) OVER w END) AS dep_airport,
    coalesce(dep_country, CASE WHEN kind IS NOT NULL AND dep_airport IS NULL THEN lag(arr_country) OVER w END) AS dep_country)
  FROM legs WINDOW w AS (PARTITION BY coalesce(icao24, registration) ORDER BY coalesce(dep_time, arr_time, leg_date::TIMESTAMPTZ), line DESC, id)) legs`;

/** Which end of a leg a count is about: the foreign end for removals and returns, else the arrival. */
const END: Record<LegKind, 'dep' | 'arr'> = { removal: 'arr', return: 'dep', foreign: 'arr', domestic: 'arr', lateral: 'arr', other: 'arr' };

/**
 * Counts legs of one kind between dates, optionally by destination country, month, operator or
 * airport. "How many international removal flights since 4 June, to how many countries" is
 * `countFlights(store, { kind: 'removal', from: '2024-06-04' , by: 'country' })`.
 */
export async function countFlights(store: Store, { kind = 'removal', by, then, ...filter }: LegFilter & { kind?: LegKind; by?: CountBreakdown; then?: CountBreakdown }): Promise<FlightCount> {
  const { sql, params } = legWhere({ ...filter, kind });
  const end = END[kind];
  const keySql: Record<CountBreakdown, string> = {
    country: `coalesce(${end}_country, '?')`,
    month: `strftime(${LEG_TIME} AT TIME ZONE 'UTC', '%Y-%m')`,
    operator: `coalesce(operator, '(not recorded)')`,
    airport: `coalesce(${end}_airport, '?')`,
    // The deciding part of the evidence: which list entry, or which rule.
    reason: `CASE WHEN evidence LIKE '%non-program destination: %' THEN 'non-program destination: ' || trim(split_part(split_part(split_part(evidence, 'non-program destination: ', 2), ':', 1), ',', 1))
      WHEN evidence LIKE '%within the US between airports on neither%' THEN 'US to US, neither end a staging or border airport, no program callsign'
      ELSE trim(split_part(split_part(evidence, ';', 1), ': ', 2)) END`,
  };
  const total = Number(await store.value(`SELECT count(*) FROM ${COUNTED_LEGS} ${sql}`, params as never));
  const countries = Number(await store.value(`SELECT count(DISTINCT ${end}_country) FROM ${COUNTED_LEGS} ${sql}`, params as never));
  const rows: FlightCount['rows'] = by
    ? (await store.all<{ key: string; legs: number }>(`SELECT ${keySql[by]} AS key, count(*)::INTEGER AS legs FROM ${COUNTED_LEGS} ${sql} GROUP BY 1 ORDER BY ${by === 'month' ? 'key' : 'legs DESC, key'}`, params as never)).map((r) => ({
        ...r,
        name: by === 'country' ? (countryByCode(r.key)?.name ?? null) : by === 'airport' ? (airportByCode(r.key)?.name ?? null) : null,
      }))
    : [];
  let columns: string[] = [];
  if (by && then) {
    const cells = await store.all<{ key: string; col: string; legs: number }>(`SELECT ${keySql[by]} AS key, ${keySql[then]} AS col, count(*)::INTEGER AS legs FROM ${COUNTED_LEGS} ${sql} GROUP BY 1, 2`, params as never);
    columns = [...new Set(cells.map((c) => c.col))].sort();
    for (const r of rows) r.cells = Object.fromEntries(columns.map((col) => [col, cells.find((c) => c.key === r.key && c.col === col)?.legs ?? 0]));
  }
  const { sql: periodSql, params: periodParams } = legWhere({ ...filter });
  const unclassified = Number(await store.value(`SELECT count(*) FROM legs ${periodSql ? `${periodSql} AND` : 'WHERE'} kind IS NULL`, periodParams as never));
  const sources = await citeSources(store, `SELECT source_id, count(*) AS rows FROM legs ${sql} ${sql ? 'AND' : 'WHERE'} source_id IS NOT NULL GROUP BY 1`, params);
  const adsb = Number(await store.value(`SELECT count(*) FROM legs ${sql} ${sql ? 'AND' : 'WHERE'} origin = 'adsb'`, params as never));
  return {
    kind,
    from: filter.from ?? null,
    to: filter.to ?? null,
    total,
    countries,
    by: by ?? null,
    rows,
    then: by && then ? then : null,
    columns,
    unclassified,
    rule:
      `legs classified "${kind}" (${RULES[kind]}), counted once per leg, dated by departure (else arrival, else the day the record gives), UTC` +
      (adsb ? `; ${adsb} of them derived from ADS-B positions` : ''),
    sources,
  };
}

const RULES: Record<LegKind, string> = {
  removal: 'from a US airport to a known foreign airport that is not a listed non-program destination',
  return: 'from abroad back to the US',
  foreign: 'between two foreign airports',
  domestic: 'between two US airports, touching a staging airport or with a program callsign',
  lateral: 'from a US airport to a border airport used for land removals',
  other: "not the program's work",
};

export function renderFlightCount(c: FlightCount): string {
  const period = `${c.from ? `from ${c.from.slice(0, 10)}` : 'from the start of the data'} ${c.to ? `to ${c.to.slice(0, 10)} (exclusive)` : 'to the end of the data'}`;
  const head = `${c.total.toLocaleString('en-US')} ${c.kind} leg(s) ${period}${c.kind === 'removal' || c.kind === 'return' ? `, ${c.countries} countr${c.countries === 1 ? 'y' : 'ies'}` : ''}`;
  const width = Math.max(8, ...c.rows.map((r) => `${r.key}${r.name ? ` ${r.name}` : ''}`.length));
  const cols = c.columns.map((k) => k.padStart(Math.max(7, k.length)));
  const rows = [
    ...(c.then ? [`  ${''.padEnd(width)}  ${'total'.padStart(6)}  ${cols.join(' ')}`] : []),
    ...c.rows.map((r) => `  ${`${r.key}${r.name ? ` ${r.name}` : ''}`.padEnd(width)}  ${String(r.legs).padStart(6)}${r.cells ? `  ${c.columns.map((k, i) => String(r.cells![k]).padStart(cols[i]!.length)).join(' ')}` : ''}`),
  ];
  return [
    head,
    ...(c.by ? [`by ${c.by}${c.then ? ` and ${c.then}` : ''}:`, ...rows] : []),
    ...(c.unclassified ? [`${c.unclassified} leg(s) in the period have an unknown end and are not classified (never counted as removals)`] : []),
    `rule: ${c.rule}`,
    ...(c.sources.length ? ['sources:', describeSources(c.sources)] : []),
  ].join('\n');
}

export interface MissionView {
  id: number;
  icao24: string | null;
  registration: string | null;
  start: { airport: string | null; time: string | null };
  end: { airport: string | null; time: string | null };
  countries: string[];
  legs: number;
  complete: boolean;
  /** The kinds of its legs, in order. */
  kinds: (LegKind | null)[];
  route: string[];
}

/** Missions that start in the period, optionally of one aircraft or visiting one country. */
export async function listMissions(store: Store, { from, to, aircraft, country }: LegFilter = {}): Promise<MissionView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (from) { where.push('m.start_time >= ?::TIMESTAMPTZ'); params.push(from); }
  if (to) { where.push('m.start_time < ?::TIMESTAMPTZ'); params.push(to); }
  if (aircraft?.length) { where.push(`(${aircraft.map(() => '(m.icao24 = ? OR m.registration = ?)').join(' OR ')})`); for (const a of aircraft) params.push(a.toLowerCase(), a.toUpperCase()); }
  if (country) { where.push('list_contains(m.countries, ?)'); params.push(country); }
  const rows = await store.all<Record<string, any>>(
    `SELECT m.*, strftime(m.start_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS s, strftime(m.end_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS e,
            (SELECT list({'kind': l.kind, 'dep': l.dep_airport, 'arr': l.arr_airport} ORDER BY coalesce(l.dep_time, l.arr_time, l.leg_date::TIMESTAMPTZ), l.line DESC) FROM legs l WHERE l.mission_id = m.id) AS legs_of
     FROM missions m ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.start_time, m.id`,
    params as never,
  );
  return rows.map((r) => {
    const ordered = chainOrder(r.legs_of ?? [], r.start_airport);
    return {
    id: r.id,
    icao24: r.icao24,
    registration: r.registration,
    start: { airport: r.start_airport, time: r.s },
    end: { airport: r.end_airport, time: r.e },
    countries: r.countries ?? [],
    legs: r.legs,
    complete: r.complete,
    kinds: ordered.map((l) => l.kind),
    route: [...ordered.map((l) => l.dep ?? '?'), ordered.at(-1)?.arr ?? r.end_airport ?? '?'],
    };
  });
}

interface MissionLeg { kind: LegKind | null; dep: string | null; arr: string | null }

/** A mission's legs in flying order: each from where the one before landed (legs without times sort only so). */
function chainOrder(legs: MissionLeg[], start: string | null): MissionLeg[] {
  const left = [...legs];
  const out: MissionLeg[] = [];
  let at = start;
  while (left.length) {
    const k = Math.max(0, left.findIndex((l) => l.dep === at));
    const [leg] = left.splice(k, 1);
    out.push(leg!);
    at = leg!.arr;
  }
  return out;
}

export function renderMissions(missions: MissionView[]): string {
  if (missions.length === 0) return 'no missions match\n';
  return `${missions
    .map((m) => `${String(m.id).padStart(5)}  ${(m.start.time ?? '').slice(0, 10)}  ${(m.registration ?? m.icao24 ?? '?').padEnd(7)}  ${m.route.join(' → ')}  [${m.countries.join(', ')}]${m.complete ? '' : '  (return not seen)'}`)
    .join('\n')}\n${missions.length} mission(s)\n`;
}
