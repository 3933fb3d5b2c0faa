import type { Store } from '../store/store.ts';
import type { LegKind } from '../tracks/classify.ts';
import { aircraftSql, type LegFilter } from './filter.ts';
import { isoSql, pageSql, whereAll, type Page, type Sql } from './sql.ts';

/** Which missions (chains of one aircraft's legs from a US airport, abroad and back) a question is about. */
export interface MissionFilter extends Pick<LegFilter, 'from' | 'to' | 'aircraft' | 'country'> {
  /** One mission. */
  id?: number;
  /**
   * Which missions a period holds: those that start in it (the CLI's), or those under way at any
   * time of it, including one that left before `from` and came back after (the API's).
   */
  period?: 'start' | 'overlap';
}

/** The WHERE clause and its bound parameters for a filter over `missions m`: the one place a mission filter becomes SQL. */
export function missionWhere({ from, to, aircraft, country, id, period = 'start' }: MissionFilter): Sql {
  const on: Sql[] = [];
  const add = (sql: string, ...params: Sql['params']) => on.push({ sql, params });
  if (from) add(`${period === 'overlap' ? 'coalesce(m.end_time, m.start_time)' : 'm.start_time'} >= ?::TIMESTAMPTZ`, from);
  if (to) add('m.start_time < ?::TIMESTAMPTZ', to);
  // A registration and its ICAO address find the same missions (the FAA rule, else the registry).
  if (aircraft?.length) on.push(aircraftSql(aircraft, { icao24: 'm.icao24', registration: 'm.registration' }));
  if (country) add('list_contains(m.countries, ?)', country);
  if (id !== undefined) add('m.id = ?', id);
  return whereAll(on);
}

export interface MissionListing extends Page {
  newestFirst?: boolean;
}

/** A mission as stored, its times as ISO strings, with its legs (in stored order) and whether any is generated. */
export interface MissionRow {
  id: number;
  icao24: string | null;
  registration: string | null;
  start_airport: string | null;
  end_airport: string | null;
  start_iso: string | null;
  end_iso: string | null;
  countries: string[] | null;
  legs: number;
  complete: boolean;
  legs_of: { kind: LegKind | null; dep: string | null; arr: string | null }[] | null;
  generated: boolean;
}

/** How many missions match a filter. */
export async function countMissions(store: Store, filter: MissionFilter = {}): Promise<number> {
  const where = missionWhere(filter);
  return Number(await store.value(`SELECT count(*) FROM missions m ${where.sql}`, where.params));
}

/** The missions a filter picks, oldest first unless asked, optionally a page of them. */
export async function selectMissions(store: Store, filter: MissionFilter = {}, { newestFirst = false, limit, offset }: MissionListing = {}): Promise<MissionRow[]> {
  const where = missionWhere(filter);
  const page = pageSql({ limit, offset });
  return store.all<MissionRow>(
    `SELECT m.*, ${isoSql('m.start_time')} AS start_iso, ${isoSql('m.end_time')} AS end_iso,
            (SELECT list({'kind': l.kind, 'dep': l.dep_airport, 'arr': l.arr_airport} ORDER BY coalesce(l.dep_time, l.arr_time, l.leg_date::TIMESTAMPTZ), l.line DESC) FROM legs l WHERE l.mission_id = m.id) AS legs_of,
            coalesce((SELECT bool_or(l.generated) FROM legs l WHERE l.mission_id = m.id), false) AS generated
     FROM missions m ${where.sql} ORDER BY m.start_time${newestFirst ? ' DESC' : ''} NULLS LAST, m.id${page.sql}`,
    [...where.params, ...page.params],
  );
}

/** The statement of the stored rows of the missions `selectMissions` lists, oldest first (for exports). */
export function missionExportSql(filter: MissionFilter = {}): Sql {
  const where = missionWhere(filter);
  return { sql: `SELECT m.* FROM missions m ${where.sql} ORDER BY m.start_time NULLS LAST, m.id`, params: where.params };
}
