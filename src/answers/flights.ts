import { airportByCode } from '../airports/airports.ts';
import { countryByCode } from '../countries/countries.ts';
import type { Store } from '../store/store.ts';
import { describeSources, type SourceRef } from './provenance.ts';
import { citeLegSources, COUNTED_LEGS } from './counted-legs.ts';
import { LEG_TIME, legWhere, type LegFilter, type LegKind } from './legs.ts';

import { COUNT_BREAKDOWNS, type CountBreakdown } from './vocabulary.ts';

export { COUNT_BREAKDOWNS, type CountBreakdown };

export interface FlightCount {
  /** null: legs of every kind, and unclassified ones. */
  kind: LegKind | null;
  from: string | null;
  to: string | null;
  /** Legs counted: the firm figure. */
  total: number;
  /** Legs of the possible band that would be of this kind: reported beside the total, never in it (null when no kind is asked). */
  possible: number | null;
  /** Distinct countries at the counted end. */
  countries: number;
  by: CountBreakdown | null;
  /** Legs of the total that are GENERATED (synthetic demo data, not observed): 0 on real data. */
  generated: number;
  /** `generated`: legs of the row that are GENERATED (only when there are some). */
  rows: { key: string; name: string | null; legs: number; generated?: number; possible?: number; cells?: Record<string, number> }[];
  /** Breakdown keys with possible legs of the kind but no firm one (not rows of the firm figure). */
  possibleOnly: { key: string; name: string | null; possible: number }[];
  /** With a second breakdown (`--by country,month`): its values, the columns of each row's `cells`. */
  then: CountBreakdown | null;
  columns: string[];
  /** Legs of other kinds left out because an end is unknown, in the period. */
  unclassified: number;
  rule: string;
  sources: SourceRef[];
}

export interface FlightCountQuestion extends LegFilter {
  /** Omitted: every leg, classified or not. */
  kind?: LegKind;
  by?: CountBreakdown;
  then?: CountBreakdown;
  /** The key of legs whose country, airport or operator the data do not show (default '?', '?' and '(not recorded)'). */
  unknownKey?: string;
  /** false: leave `sources` empty (for a caller that cites the legs of several counts once, as the monthly report does). */
  cite?: boolean;
}

/** SQL for the end of a leg a count is about: the foreign end, which for a return is where it left from. */
const countedEnd = (what: 'country' | 'airport') => `CASE WHEN coalesce(candidate_kind, kind) = 'return' THEN dep_${what} ELSE arr_${what} END`;
/** SQL for the airport at the other end: the US airport of a removal or a return. */
const US_END_AIRPORT = `CASE WHEN coalesce(candidate_kind, kind) = 'return' THEN arr_airport ELSE dep_airport END`;

/** SQL for the key of each breakdown. */
function breakdownSql(unknownKey?: string): Record<CountBreakdown, string> {
  const label = (text: string) => `'${(unknownKey ?? text).replace(/'/g, "''")}'`;
  return {
    country: `coalesce(${countedEnd('country')}, ${label('?')})`,
    month: `strftime(${LEG_TIME} AT TIME ZONE 'UTC', '%Y-%m')`,
    operator: `coalesce(operator, ${label('(not recorded)')})`,
    airport: `coalesce(${countedEnd('airport')}, ${label('?')})`,
    'us-airport': `coalesce(${US_END_AIRPORT}, ${label('?')})`,
    // The evidence that weighed most against (other legs) or for (every other kind): its stored code.
    reason: `coalesce((SELECT r.code FROM (SELECT unnest(from_json(reasons, '[{"code":"VARCHAR","weight":"DOUBLE"}]')) AS r) ORDER BY CASE WHEN kind = 'other' THEN r.weight ELSE -r.weight END, r.code LIMIT 1), ${label('?')})`,
    // Not an unknown value: the leg has not been given a kind (an end is unknown).
    kind: `coalesce(kind, 'unclassified')`,
  };
}

/**
 * Counts legs of one kind (or of all) between dates, optionally by destination country, month,
 * operator, airport, reason or kind. "How many international removal flights since 4 June, to how many countries" is
 * `countFlights(store, { kind: 'removal', from: '2024-06-04' , by: 'country' })`.
 */
export async function countFlights(store: Store, { kind, by, then, unknownKey, cite = true, ...filter }: FlightCountQuestion): Promise<FlightCount> {
  const { sql, params } = legWhere({ ...filter, kind });
  const keySql = breakdownSql(unknownKey);
  const total = Number(await store.value(`SELECT count(*) FROM ${COUNTED_LEGS} ${sql}`, params as never));
  const countries = Number(await store.value(`SELECT count(DISTINCT ${countedEnd('country')}) FROM ${COUNTED_LEGS} ${sql}`, params as never));
  const rows: FlightCount['rows'] = by
    ? (await store.all<{ key: string; legs: number; generated: number }>(`SELECT ${keySql[by]} AS key, count(*)::INTEGER AS legs, count(*) FILTER (WHERE generated)::INTEGER AS generated FROM ${COUNTED_LEGS} ${sql} GROUP BY 1 ORDER BY ${by === 'month' ? 'key' : 'legs DESC, key'}`, params as never)).map(({ generated, ...r }) => ({
        ...r,
        name: by === 'country' ? (countryByCode(r.key)?.name ?? null) : by === 'airport' || by === 'us-airport' ? (airportByCode(r.key)?.name ?? null) : null,
        ...(generated ? { generated } : {}),
      }))
    : [];
  const generated = Number(await store.value(`SELECT count(*) FROM ${COUNTED_LEGS} ${sql} ${sql ? 'AND' : 'WHERE'} generated`, params as never));
  // The possible band of the same kind, beside the firm figure.
  const band = kind && kind !== 'other' && kind !== 'possible' ? legWhere({ ...filter, possibleOf: kind }) : null;
  const possible = band ? Number(await store.value(`SELECT count(*) FROM ${COUNTED_LEGS} ${band.sql}`, band.params as never)) : null;
  // Keys with possible legs but no firm one are listed apart: rows (and the API's groups) are the firm figure's.
  const possibleOnly: FlightCount['possibleOnly'] = [];
  if (band && by && possible) {
    const extra = await store.all<{ key: string; legs: number }>(`SELECT ${keySql[by]} AS key, count(*)::INTEGER AS legs FROM ${COUNTED_LEGS} ${band.sql} GROUP BY 1 ORDER BY 2 DESC, 1`, band.params as never);
    for (const e of extra) {
      const row = rows.find((r) => r.key === e.key);
      if (row) row.possible = e.legs;
      else possibleOnly.push({ key: e.key, name: by === 'country' ? (countryByCode(e.key)?.name ?? null) : by === 'airport' || by === 'us-airport' ? (airportByCode(e.key)?.name ?? null) : null, possible: e.legs });
    }
  }
  let columns: string[] = [];
  if (by && then) {
    const cells = await store.all<{ key: string; col: string; legs: number }>(`SELECT ${keySql[by]} AS key, ${keySql[then]} AS col, count(*)::INTEGER AS legs FROM ${COUNTED_LEGS} ${sql} GROUP BY 1, 2`, params as never);
    columns = [...new Set(cells.map((c) => c.col))].sort();
    for (const r of rows) r.cells = Object.fromEntries(columns.map((col) => [col, cells.find((c) => c.key === r.key && c.col === col)?.legs ?? 0]));
  }
  const { sql: periodSql, params: periodParams } = legWhere({ ...filter });
  const unclassified = Number(await store.value(`SELECT count(*) FROM legs ${periodSql ? `${periodSql} AND` : 'WHERE'} kind IS NULL`, periodParams as never));
  // The rows cited are the legs counted, read the same way.
  const sources = cite ? await citeLegSources(store, { sql, params }) : [];
  const adsb = Number(await store.value(`SELECT count(*) FROM ${COUNTED_LEGS} ${sql} ${sql ? 'AND' : 'WHERE'} (origin = 'adsb' OR (origin = 'merged' AND id IN (SELECT merged_into FROM legs WHERE origin = 'adsb')))`, params as never));
  return {
    kind: kind ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    total,
    generated,
    possible,
    possibleOnly,
    countries,
    by: by ?? null,
    rows,
    then: by && then ? then : null,
    columns,
    unclassified,
    rule:
      `${kind ? `legs classified "${kind}" (${RULES[kind]})` : 'legs of every kind, and those not classified'}, counted once per leg, dated by departure (else arrival, else the day the record gives), UTC` +
      (adsb ? `; ${adsb} of them derived from ADS-B positions` : ''),
    sources,
  };
}

/**
 * Legs per month by kind and country (the foreign end, as countFlights counts it: where a return
 * came from), counted as countFlights counts them (the dashboard's
 * charts): months in order, then kinds and countries.
 */
export async function monthlySeries(store: Store, filter: LegFilter = {}): Promise<{ month: string; kind: string; country: string; flights: number }[]> {
  const { sql, params } = legWhere(filter);
  const keySql = breakdownSql();
  // Grouped by position from a subquery: with GROUP BY ALL, a HAVING on the month's alias made
  // DuckDB group by the raw times as well, which gave one row per leg.
  return store.all(
    `SELECT month, kind, country, count(*)::INTEGER AS flights
     FROM (SELECT ${keySql.month} AS month, ${keySql.kind} AS kind, coalesce(${countedEnd('country')}, 'unknown') AS country FROM ${COUNTED_LEGS} ${sql})
     WHERE month IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    params as never,
  );
}

const FIRM_RULE = 'whose evidence for the program (flight-number block, ARTS airports, timetable, the aircraft\'s day) scores at least 3';
const RULES: Record<LegKind, string> = {
  removal: `from a US airport to a known foreign airport, ${FIRM_RULE}`,
  return: `from abroad back to the US, ${FIRM_RULE}`,
  foreign: `between two foreign airports, ${FIRM_RULE}`,
  domestic: `between two US airports, ${FIRM_RULE}`,
  lateral: `from a US airport to a border airport used for land removals, ${FIRM_RULE}`,
  other: "not the program's work: the evidence scores below 1",
  possible: 'the evidence scores between 1 and 3: neither counted nor ruled out',
};

export function renderFlightCount(c: FlightCount): string {
  const period = `${c.from ? `from ${c.from.slice(0, 10)}` : 'from the start of the data'} ${c.to ? `to ${c.to.slice(0, 10)} (exclusive)` : 'to the end of the data'}`;
  const band = c.possible ? `; ${c.possible.toLocaleString('en-US')} more possible (not in the figure)` : '';
  const made = c.generated ? ` [GENERATED: ${c.generated === c.total ? 'all' : c.generated.toLocaleString('en-US')} of them synthetic demo data, not observed]` : '';
  const head = `${c.total.toLocaleString('en-US')} ${c.kind ? `${c.kind} ` : ''}leg(s) ${period}${c.kind === 'removal' || c.kind === 'return' ? `, ${c.countries} countr${c.countries === 1 ? 'y' : 'ies'}` : ''}${band}${made}`;
  const mark = (r: { legs: number; generated?: number }) => (r.generated ? `  [GENERATED${r.generated === r.legs ? '' : `: ${r.generated}`}]` : '');
  const width = Math.max(8, ...c.rows.map((r) => `${r.key}${r.name ? ` ${r.name}` : ''}`.length));
  const cols = c.columns.map((k) => k.padStart(Math.max(7, k.length)));
  const rows = [
    ...(c.then ? [`  ${''.padEnd(width)}  ${'total'.padStart(6)}  ${cols.join(' ')}`] : []),
    ...c.rows.map((r) => `  ${`${r.key}${r.name ? ` ${r.name}` : ''}`.padEnd(width)}  ${String(r.legs).padStart(6)}${r.cells ? `  ${c.columns.map((k, i) => String(r.cells![k]).padStart(cols[i]!.length)).join(' ')}` : ''}${r.possible ? `  (+${r.possible} possible)` : ''}${mark(r)}`),
    ...c.possibleOnly.map((r) => `  ${`${r.key}${r.name ? ` ${r.name}` : ''}`.padEnd(width)}  ${'0'.padStart(6)}  (+${r.possible} possible)`),
  ];
  return [
    head,
    ...(c.by ? [`by ${c.by}${c.then ? ` and ${c.then}` : ''}:`, ...rows] : []),
    ...(c.unclassified ? [`${c.unclassified} leg(s) in the period have an unknown end and are not classified (never counted as removals)`] : []),
    `rule: ${c.rule}`,
    ...(c.sources.length ? ['sources:', describeSources(c.sources)] : []),
  ].join('\n');
}
