import { listValue } from '@duckdb/node-api';
import { usageError } from '../errors.ts';
import { shownSourceNameSql } from '../store/source-name.ts';
import type { Store } from '../store/store.ts';
import type { LegKind } from '../tracks/classify.ts';
import { legWhere, type LegFilter } from './filter.ts';
import { citeSources, type SourceRef } from './sources.ts';
import { isoSql, literal, pageSql, type Page, type Sql } from './sql.ts';

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
  const unknown = (text: string) => literal(unknownKey ?? text);
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
 * await countLegsBy(store, { kind: 'removal', from: '2024-06-04' }, 'country'); // [{ key: 'HN', legs: 19, generated: 19 }, …]
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

/** A leg's mission and its time on the timeline (ISO, UTC), by id; undefined when there is no such leg. */
export async function legById(store: Store, id: number): Promise<{ missionId: number | null; time: string | null } | undefined> {
  const row = await store.one<{ mission_id: number | null; t: string | null }>(`SELECT mission_id, ${isoSql('leg_time')} AS t FROM ${COUNTED_LEGS} WHERE id = ?`, [id]);
  return row && { missionId: row.mission_id, time: row.t };
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

/** A leg as stored, with its ends as recorded or as counted, its times as ISO strings and where it comes from. */
export interface LegRow {
  id: number;
  origin: string;
  source_id: number | null;
  line: number | null;
  generated: boolean;
  icao24: string | null;
  registration: string | null;
  callsign: string | null;
  aircraft_type: string | null;
  operator: string | null;
  dep_airport: string | null;
  dep_country: string | null;
  dep_status: string;
  dep_evidence: string | null;
  arr_airport: string | null;
  arr_country: string | null;
  arr_status: string;
  arr_evidence: string | null;
  kind: LegKind | null;
  candidate_kind: string | null;
  score: number | null;
  confidence: number | null;
  /** JSON: `[{"code","weight","text"}]`. */
  reasons: string | null;
  evidence: string | null;
  merge_evidence: string | null;
  mission_id: number | null;
  dep_iso: string | null;
  arr_iso: string | null;
  /** The day the record gives (YYYY-MM-DD), for histories without times. */
  day: string | null;
  /** Every leg behind this one with its file (one for a leg of one source). */
  leg_sources: { legId: number; origin: string; sourceId: number | null; file: string | null; format: string | null; line: number | null }[] | null;
}

/** Sort keys of a leg listing and the column each sorts by. */
export const LEG_SORTS: Record<string, string> = {
  departure: 'dep_time',
  arrival: 'arr_time',
  registration: 'registration',
  operator: 'operator',
  kind: 'kind',
  from: 'dep_airport',
  to: 'arr_airport',
  country: 'arr_country',
};
export const LEG_SORT_VALUES = Object.keys(LEG_SORTS).flatMap((k) => [k, `-${k}`]);

/** How a list of legs is read: which rows, in which order. */
export interface LegListing extends Page {
  /** A key of LEG_SORTS, descending with a leading '-'; without one, the timeline. */
  sort?: string;
  /**
   * Show the legs as counted (ends lost in the air filled from the next take-off). Either way the
   * filter picks the legs as counted: a leg lost on the way to Honduras is listed under Honduras.
   */
  counted?: boolean;
}

/** The legs a filter picks, as `LegRow`s, in time order unless a sort key is given, optionally a page of them. */
export async function selectLegs(store: Store, filter: LegFilter = {}, { sort, limit, offset, counted = false }: LegListing = {}): Promise<LegRow[]> {
  const picked = pick(filter, counted);
  const page = pageSql({ limit, offset });
  return store.all<LegRow>(
    `SELECT *, ${isoSql('dep_time')} AS dep_iso, ${isoSql('arr_time')} AS arr_iso, leg_date::VARCHAR AS day,
            (SELECT list({'legId': m.member_id, 'origin': m.origin, 'sourceId': m.source_id, 'file': ${shownSourceNameSql('s.path')}, 'format': s.format, 'line': m.line}
                         ORDER BY m.origin <> 'adsb', s.format, m.source_id, m.line)
             FROM leg_sources m LEFT JOIN sources s ON s.id = m.source_id WHERE m.leg_id = legs.id) AS leg_sources
     FROM ${picked.sql} ORDER BY ${legOrder(sort)}${page.sql}`,
    [...picked.params, ...page.params],
  );
}

/**
 * The statement of the stored rows of the legs `selectLegs` lists, in its order, each with its
 * source file and sha256 (for exports); a merged leg's are those of every file behind it, joined by "; ".
 */
export function legExportSql(filter: LegFilter = {}): Sql {
  const picked = pick(filter, false);
  const member = (value: string) => `(SELECT string_agg(${value}, '; ' ORDER BY s.id) FROM leg_sources m JOIN sources s ON s.id = m.source_id WHERE m.leg_id = legs.id)`;
  return {
    sql: `SELECT *, ${member(shownSourceNameSql('s.path'))} AS source_file, ${member('s.sha256')} AS source_sha256
          FROM ${picked.sql} ORDER BY ${legOrder(undefined)}`,
    params: picked.params,
  };
}

/**
 * The FROM item of the legs a filter picks, named `legs`: as counted, or as recorded (the same
 * legs, their ends as the data give them).
 */
function pick(filter: LegFilter, counted: boolean): Sql {
  const where = legWhere(filter);
  return counted
    ? { sql: `${COUNTED_LEGS} legs ${where.sql}`, params: where.params }
    : { sql: `legs WHERE id IN (SELECT id FROM ${COUNTED_LEGS} ${where.sql})`, params: where.params };
}

/** ORDER BY for a sort key; column names come only from LEG_SORTS. */
function legOrder(sort: string | undefined): string {
  // The timeline: a history's legs of one day in the order flown (its lines run newest first).
  if (sort === undefined) return `coalesce(dep_time, arr_time, leg_date::TIMESTAMPTZ), coalesce(icao24, registration), source_id, line DESC, id`;
  const column = LEG_SORTS[sort.replace(/^-/, '')];
  if (!column) throw usageError(`sort expects one of ${LEG_SORT_VALUES.join(', ')}`);
  return `${column} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, id`;
}

/**
 * The sources behind the legs a filter picks: a leg from a file cites that file; a leg derived
 * from ADS-B cites the position files whose positions of its aircraft span its take-off to
 * landing; a merged leg cites every source of every leg merged into it. `rowsUsed` counts legs.
 * Each file's span per aircraft is one row, so the join never touches the positions one by one.
 */
export function citeLegSources(store: Store, filter: LegFilter): Promise<SourceRef[]> {
  const where = legWhere(filter);
  return citeSources(store, {
    sql: `SELECT coalesce(m.source_id, p.source_id) AS source_id, count(DISTINCT l.id)::BIGINT AS rows
          FROM (SELECT id FROM ${COUNTED_LEGS} ${where.sql}) l
          JOIN leg_sources m ON m.leg_id = l.id
          LEFT JOIN (SELECT icao24, source_id, min(time) AS first, max(time) AS last FROM positions GROUP BY ALL) p
            ON m.origin = 'adsb' AND p.icao24 = m.icao24
           AND p.first <= epoch(coalesce(m.arr_time, m.dep_time)) AND p.last >= epoch(coalesce(m.dep_time, m.arr_time))
          GROUP BY 1`,
    params: where.params,
  });
}

/** A file behind a leg: its shown name (never a local path) and its sha256. */
export interface LegFile {
  file: string;
  sha256: string;
}

/**
 * The files behind each of the legs given, by the rule of `citeLegSources` applied leg by leg
 * (for exports that cite every row): distinct files of each leg, ordered by sha256. A leg the
 * store holds no source for has no entry.
 */
export async function legFiles(store: Store, ids: number[]): Promise<Map<number, LegFile[]>> {
  const out = new Map<number, LegFile[]>();
  if (ids.length === 0) return out;
  // Each file's span per aircraft is one row, so the join never touches the positions one by one.
  const rows = await store.all<{ id: number; file: string; sha256: string }>(
    `WITH members AS (SELECT m.* FROM leg_sources m WHERE list_contains(?::BIGINT[], m.leg_id)),
          spans AS (SELECT icao24, source_id, min(time) AS first, max(time) AS last FROM positions
                    WHERE icao24 IN (SELECT icao24 FROM members WHERE origin = 'adsb') GROUP BY ALL)
     SELECT DISTINCT m.leg_id AS id, ${shownSourceNameSql('s.path')} AS file, s.sha256
     FROM members m
     LEFT JOIN spans p ON m.origin = 'adsb' AND p.icao24 = m.icao24
       AND p.first <= epoch(coalesce(m.arr_time, m.dep_time)) AND p.last >= epoch(coalesce(m.dep_time, m.arr_time))
     JOIN sources s ON s.id = coalesce(m.source_id, p.source_id)
     ORDER BY m.leg_id, s.sha256`,
    [listValue(ids.map((id) => BigInt(id)))],
  );
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    list.push({ file: r.file, sha256: r.sha256 });
    out.set(r.id, list);
  }
  return out;
}
