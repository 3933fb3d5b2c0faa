import { airportByCode } from '../airports/airports.ts';
import { countryByCode } from '../countries/countries.ts';
import type { LegFilter } from '../query/filter.ts';
import { citeLegSources } from '../query/leg-sources.ts';
import { countLegs, countLegsBy, countLegsByKeys, legTotals } from '../query/legs.ts';
import type { Store } from '../store/store.ts';
import type { LegKind } from '../tracks/classify.ts';
import { describeSources, type SourceRef } from './provenance.ts';

import { COUNT_BREAKDOWNS, type CountBreakdown } from '../query/vocabulary.ts';

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

/** The name of a key: a country's or an airport's. */
function keyName(by: CountBreakdown, key: string): string | null {
  if (by === 'country') return countryByCode(key)?.name ?? null;
  if (by === 'airport' || by === 'us-airport') return airportByCode(key)?.name ?? null;
  return null;
}

/**
 * Counts legs of one kind (or of all) between dates, optionally by destination country, month,
 * operator, airport, reason or kind. "How many international removal flights since 4 June, to how many countries" is
 * `countFlights(store, { kind: 'removal', from: '2024-06-04' , by: 'country' })`.
 */
export async function countFlights(store: Store, { kind, by, then, unknownKey, cite = true, ...filter }: FlightCountQuestion): Promise<FlightCount> {
  const picked: LegFilter = { ...filter, kind };
  const totals = await legTotals(store, picked);
  const rows: FlightCount['rows'] = by
    ? (await countLegsBy(store, picked, by, { unknownKey })).map(({ key, legs, generated }) => ({ key, legs, name: keyName(by, key), ...(generated ? { generated } : {}) }))
    : [];
  // The possible band of the same kind, beside the firm figure.
  const band: LegFilter | null = kind && kind !== 'other' && kind !== 'possible' ? { ...filter, possibleOf: kind } : null;
  const possible = band ? await countLegs(store, band) : null;
  // Keys with possible legs but no firm one are listed apart: rows (and the API's groups) are the firm figure's.
  const possibleOnly: FlightCount['possibleOnly'] = [];
  if (band && by && possible) {
    for (const e of await countLegsBy(store, band, by, { unknownKey })) {
      const row = rows.find((r) => r.key === e.key);
      if (row) row.possible = e.legs;
      else possibleOnly.push({ key: e.key, name: keyName(by, e.key), possible: e.legs });
    }
  }
  let columns: string[] = [];
  if (by && then) {
    const cells = await countLegsByKeys(store, picked, [by, then], { unknownKey });
    columns = [...new Set(cells.map((c) => String(c.keys[1])))].sort();
    for (const r of rows) r.cells = Object.fromEntries(columns.map((col) => [col, cells.find((c) => String(c.keys[0]) === r.key && String(c.keys[1]) === col)?.legs ?? 0]));
  }
  const unclassified = await countLegs(store, { ...filter, unclassified: true });
  // The rows cited are the legs counted, read the same way.
  const sources = cite ? await citeLegSources(store, picked) : [];
  return {
    kind: kind ?? null,
    from: filter.from ?? null,
    to: filter.to ?? null,
    total: totals.legs,
    generated: totals.generated,
    possible,
    possibleOnly,
    countries: totals.countries,
    by: by ?? null,
    rows,
    then: by && then ? then : null,
    columns,
    unclassified,
    rule:
      `${kind ? `legs classified "${kind}" (${RULES[kind]})` : 'legs of every kind, and those not classified'}, counted once per leg, dated by departure (else arrival, else the day the record gives), UTC` +
      (by === 'reason' ? '; by reason: the stored code of the evidence that weighed most (against, for legs of kind "other"; for, otherwise)' : '') +
      (totals.adsb ? `; ${totals.adsb} of them derived from ADS-B positions` : ''),
    sources,
  };
}

/**
 * Legs per month by kind and country (the foreign end, as countFlights counts it: where a return
 * came from), counted as countFlights counts them (the dashboard's
 * charts): months in order, then kinds and countries.
 */
export async function monthlySeries(store: Store, filter: LegFilter = {}): Promise<{ month: string; kind: string; country: string; flights: number }[]> {
  // A leg with no time at all has no month: it is in no month's figure.
  return (await countLegsByKeys(store, filter, ['month', 'kind', 'country'], { unknownKey: 'unknown' }))
    .filter((r) => r.keys[0] !== null)
    .map(({ keys: [month, kind, country], legs }) => ({ month: month!, kind: kind!, country: country!, flights: legs }));
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
