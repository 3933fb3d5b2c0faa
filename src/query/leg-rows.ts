import { LEG_SORT_VALUES, type LegSortKey } from './vocabulary.ts';
import { usageError } from '../errors.ts';
import { shownSourceNameSql } from '../store/source-name.ts';
import type { Store } from '../store/store.ts';
import type { LegKind } from '../tracks/classify.ts';
import { legWhere, type LegFilter } from './filter.ts';
import { COUNTED_LEGS } from './legs.ts';
import { isoSql, pageSql, type Page, type Sql } from './sql.ts';

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
export const LEG_SORTS: Record<LegSortKey, string> = {
  departure: 'dep_time',
  arrival: 'arr_time',
  registration: 'registration',
  operator: 'operator',
  kind: 'kind',
  from: 'dep_airport',
  to: 'arr_airport',
  country: 'arr_country',
};
export { LEG_SORT_VALUES };

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
  const column = LEG_SORTS[sort.replace(/^-/, '') as LegSortKey];
  if (!column) throw usageError(`sort expects one of ${LEG_SORT_VALUES.join(', ')}`);
  return `${column} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, id`;
}
