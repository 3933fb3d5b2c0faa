import type { Store } from '../store/store.ts';
import { legWhere, type LegFilter } from './filter.ts';
import { isoSql, sqlString } from './sql.ts';

/**
 * The legs as every figure counts them: the database view `counted_legs` (migration 13). Each
 * leg that stands for a flight, its unseen ends filled as classification filled them, with
 * `leg_time` (departure, else arrival, else the record's day) and `reason` (the stored code of
 * the evidence that weighed most).
 */
export const COUNTED_LEGS = 'counted_legs';

/**
 * The keys legs can be grouped by. `country` and `airport` are the counted end (the foreign end
 * of removals and returns: where a return left from); `us-airport` the other one (where a removal
 * left from, where a return came back to); `departure-country` and `arrival-country` the ends as
 * they are; `aircraft` the ICAO address (the registration, in capitals, of a leg without one);
 * `reason` the stored code of the evidence that weighed most; `week` the ISO week (2024-W27).
 */
export const LEG_GROUPINGS = ['country', 'month', 'week', 'day', 'year', 'operator', 'airport', 'us-airport', 'departure-country', 'arrival-country', 'aircraft', 'kind', 'reason'] as const;
export type LegGrouping = (typeof LEG_GROUPINGS)[number];

/** The end of a leg a count is about: the foreign end, which for a return is where it left from. */
const countedEnd = (what: 'country' | 'airport') => `CASE WHEN coalesce(candidate_kind, kind) = 'return' THEN dep_${what} ELSE arr_${what} END`;
/** The other end: the US airport of a removal or a return. */
const US_END_AIRPORT = `CASE WHEN coalesce(candidate_kind, kind) = 'return' THEN arr_airport ELSE dep_airport END`;

/**
 * The SQL of a grouping's key over `counted_legs`. A leg whose value the data do not show gets
 * `unknownKey` (default '?', and '(not recorded)' for an operator); a leg without a kind is
 * 'unclassified' (not an unknown value: an end is unknown).
 */
export function groupKeySql(by: LegGrouping, unknownKey?: string): string {
  const unknown = (text: string) => sqlString(unknownKey ?? text);
  const utc = `leg_time AT TIME ZONE 'UTC'`;
  switch (by) {
    case 'country': return `coalesce(${countedEnd('country')}, ${unknown('?')})`;
    case 'airport': return `coalesce(${countedEnd('airport')}, ${unknown('?')})`;
    case 'us-airport': return `coalesce(${US_END_AIRPORT}, ${unknown('?')})`;
    case 'departure-country': return `coalesce(dep_country, ${unknown('?')})`;
    case 'arrival-country': return `coalesce(arr_country, ${unknown('?')})`;
    case 'month': return `strftime(${utc}, '%Y-%m')`;
    case 'week': return `strftime(${utc}, '%G-W%V')`;
    case 'day': return `strftime(${utc}, '%Y-%m-%d')`;
    case 'year': return `strftime(${utc}, '%Y')`;
    case 'operator': return `coalesce(operator, ${unknown('(not recorded)')})`;
    case 'aircraft': return `coalesce(icao24, upper(registration), ${unknown('?')})`;
    case 'kind': return `coalesce(kind, 'unclassified')`;
    case 'reason': return `coalesce(reason, ${unknown('?')})`;
  }
}

/** Time keys sort in time order; every other grouping most legs first. */
const byTime = (by: LegGrouping) => by === 'month' || by === 'week' || by === 'day' || by === 'year';

/** What `countLegsBy` gives per key. */
export interface LegGroup {
  key: string;
  legs: number;
  /** Legs of the group that are GENERATED (synthetic demo data). */
  generated: number;
}

export interface GroupOptions {
  unknownKey?: string;
}

/** How many legs a filter picks, read as counted. */
export async function countLegs(store: Store, filter: LegFilter = {}): Promise<number> {
  const where = legWhere(filter);
  return Number(await store.value(`SELECT count(*) FROM ${COUNTED_LEGS} ${where.sql}`, where.params));
}

/** Figures over the legs a filter picks, each leg counted once. */
export interface LegTotals {
  legs: number;
  /** GENERATED legs among them. */
  generated: number;
  /** Distinct countries at the counted end (the foreign end of removals and returns). */
  countries: number;
  /** Legs derived from ADS-B positions, alone or merged with a record. */
  adsb: number;
}

/** Totals over the legs a filter picks (`flights count`'s header figures). */
export async function legTotals(store: Store, filter: LegFilter = {}): Promise<LegTotals> {
  const where = legWhere(filter);
  const row = await store.one<{ legs: number; generated: number; countries: number; adsb: number }>(
    `SELECT count(*)::BIGINT AS legs, count(*) FILTER (WHERE generated)::BIGINT AS generated,
            count(DISTINCT ${countedEnd('country')})::BIGINT AS countries,
            count(*) FILTER (WHERE origin = 'adsb' OR (origin = 'merged' AND id IN (SELECT merged_into FROM legs WHERE origin = 'adsb')))::BIGINT AS adsb
     FROM ${COUNTED_LEGS} ${where.sql}`,
    where.params,
  );
  return { legs: Number(row?.legs ?? 0), generated: Number(row?.generated ?? 0), countries: Number(row?.countries ?? 0), adsb: Number(row?.adsb ?? 0) };
}

/**
 * The legs a filter picks, counted by one key: time keys in time order, others most legs first
 * (then by key). Every leg is in exactly one group, so the groups sum to `countLegs`.
 *
 * @example
 * await countLegsBy(store, { kind: 'removal', from: '2024-06-04', to: '2024-07-03' }, 'country'); // [{ key: 'HN', legs: 19, generated: 19 }, …]
 */
export async function countLegsBy(store: Store, filter: LegFilter, by: LegGrouping, { unknownKey }: GroupOptions = {}): Promise<LegGroup[]> {
  const where = legWhere(filter);
  return store.all<LegGroup>(
    `SELECT key, count(*)::INTEGER AS legs, count(*) FILTER (WHERE generated)::INTEGER AS generated
     FROM (SELECT ${groupKeySql(by, unknownKey)} AS key, generated FROM ${COUNTED_LEGS} ${where.sql})
     GROUP BY key ORDER BY ${byTime(by) ? 'key' : 'legs DESC, key'}`,
    where.params,
  );
}

/**
 * The legs a filter picks, counted by several keys at once (`--by country,month`; the dashboard's
 * month × kind × country series): one row per combination that has legs, in key order.
 */
export async function countLegsByKeys(store: Store, filter: LegFilter, keys: readonly LegGrouping[], { unknownKey }: GroupOptions = {}): Promise<{ keys: (string | null)[]; legs: number }[]> {
  const where = legWhere(filter);
  const columns = keys.map((by, i) => `${groupKeySql(by, unknownKey)} AS k${i}`).join(', ');
  const names = keys.map((_, i) => `k${i}`).join(', ');
  const rows = await store.all<Record<string, string | null> & { legs: number }>(
    `SELECT ${names}, count(*)::INTEGER AS legs FROM (SELECT ${columns} FROM ${COUNTED_LEGS} ${where.sql}) GROUP BY ${names} ORDER BY ${names}`,
    where.params,
  );
  return rows.map((r) => ({ keys: keys.map((_, i) => r[`k${i}`] ?? null), legs: r.legs }));
}

/**
 * Chains of legs among the legs a filter picks: a mission with several of them counts once, a
 * leg no mission holds is a chain of its own (the monthly report's "missions").
 */
export async function countChains(store: Store, filter: LegFilter): Promise<number> {
  const where = legWhere(filter);
  return Number(await store.value(`SELECT count(DISTINCT coalesce('m' || mission_id, 'l' || id)) FROM ${COUNTED_LEGS} ${where.sql}`, where.params));
}

/** The first and last instant of the legs a filter picks (ISO, UTC), null when it picks none. */
export async function legSpan(store: Store, filter: LegFilter = {}): Promise<{ first: string; last: string } | null> {
  const where = legWhere(filter);
  const row = await store.one<{ first: string | null; last: string | null }>(`SELECT ${isoSql('min(leg_time)')} AS first, ${isoSql('max(leg_time)')} AS last FROM ${COUNTED_LEGS} ${where.sql}`, where.params);
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** Per country the legs went to (the arrival): all of them, those of one calendar year, the last day, whether some are generated. */
export async function legsByArrivalCountry(store: Store, filter: LegFilter, year: number | null): Promise<{ country: string; in_year: number; flights: number; last: string | null; generated: boolean }[]> {
  const where = legWhere(filter);
  return store.all(
    `SELECT coalesce(arr_country, '?') AS country,
            count(*) FILTER (WHERE year(leg_time AT TIME ZONE 'UTC') = ?)::INTEGER AS in_year,
            count(*)::INTEGER AS flights,
            strftime(max(leg_time) AT TIME ZONE 'UTC', '%Y-%m-%d') AS last,
            bool_or(generated) AS generated
     FROM ${COUNTED_LEGS} ${where.sql} GROUP BY 1 ORDER BY in_year DESC, flights DESC, country`,
    [year ?? -1, ...where.params],
  );
}

/** The days (YYYY-MM-DD, UTC) of the legs a filter picks, each once, in order. */
export async function legDays(store: Store, filter: LegFilter): Promise<string[]> {
  const where = legWhere(filter);
  return (await store.all<{ day: string }>(`SELECT DISTINCT strftime(leg_time AT TIME ZONE 'UTC', '%Y-%m-%d') AS day FROM ${COUNTED_LEGS} ${where.sql} ORDER BY 1`, where.params)).map((r) => r.day);
}

/** The aircraft (ICAO addresses) of the legs a filter picks. */
export async function legAircraft(store: Store, filter: LegFilter): Promise<string[]> {
  const where = legWhere(filter);
  return (await store.all<{ icao24: string }>(`SELECT DISTINCT icao24 FROM ${COUNTED_LEGS} ${where.sql} AND icao24 IS NOT NULL ORDER BY 1`, where.params)).map((r) => r.icao24);
}

/** The first (or last) leg a filter picks on the timeline: its day and whether it is generated. */
export async function edgeLeg(store: Store, filter: LegFilter, which: 'first' | 'last'): Promise<{ day: string; generated: boolean } | undefined> {
  const where = legWhere(filter);
  return store.one(
    `SELECT strftime(leg_time AT TIME ZONE 'UTC', '%Y-%m-%d') AS day, generated FROM ${COUNTED_LEGS} ${where.sql} ORDER BY leg_time ${which === 'first' ? 'ASC' : 'DESC'} LIMIT 1`,
    where.params,
  );
}

/**
 * The routes flown, as recorded (ends the data show or a record reports, not filled ones),
 * between two different airports, with how many legs flew each: by departure, most flown first.
 */
export function routeCounts(store: Store): Promise<{ dep: string; arr: string; n: number }[]> {
  return store.all(
    `SELECT dep_airport AS dep, arr_airport AS arr, count(*)::INTEGER AS n FROM legs
     WHERE merged_into IS NULL AND dep_airport IS NOT NULL AND arr_airport IS NOT NULL AND arr_airport <> dep_airport
     GROUP BY ALL ORDER BY dep, n DESC, arr`,
  );
}
