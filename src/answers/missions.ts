import { aircraftSql } from '../fleet/identity.ts';
import type { Store } from '../store/store.ts';
import type { LegFilter, LegKind } from './legs.ts';
import { pageSql, type PageOf } from './paging.ts';

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
  /** Its legs are GENERATED (synthetic demo data, not observed). */
  generated: boolean;
}

export interface MissionFilter extends Pick<LegFilter, 'from' | 'to' | 'aircraft' | 'country'> {
  /** One mission. */
  id?: number;
  /**
   * Which missions a period holds: those that start in it (the CLI's), or those under way at any
   * time of it, including one that left before `from` and came back after (the API's).
   */
  period?: 'start' | 'overlap';
}

export interface MissionListing extends PageOf {
  newestFirst?: boolean;
}

/** WHERE clause and parameters for a filter over `missions m`. */
function missionWhere({ from, to, aircraft, country, id, period = 'start' }: MissionFilter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (from) { where.push(`${period === 'overlap' ? 'coalesce(m.end_time, m.start_time)' : 'm.start_time'} >= ?::TIMESTAMPTZ`); params.push(from); }
  if (to) { where.push('m.start_time < ?::TIMESTAMPTZ'); params.push(to); }
  // A registration and its ICAO address find the same missions (the FAA rule, else the registry).
  if (aircraft?.length) { const match = aircraftSql(aircraft, { icao24: 'm.icao24', registration: 'm.registration' }); where.push(match.sql); params.push(...match.params); }
  if (country) { where.push('list_contains(m.countries, ?)'); params.push(country); }
  if (id !== undefined) { where.push('m.id = ?'); params.push(id); }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** How many missions match a filter. */
export async function countMissions(store: Store, filter: MissionFilter = {}): Promise<number> {
  const { sql, params } = missionWhere(filter);
  return Number(await store.value(`SELECT count(*) FROM missions m ${sql}`, params as never));
}

/** Missions that start in the period (or overlap it), optionally of one aircraft or visiting one country, oldest first unless asked. */
export async function listMissions(store: Store, filter: MissionFilter = {}, { newestFirst = false, limit, offset }: MissionListing = {}): Promise<MissionView[]> {
  const { sql, params } = missionWhere(filter);
  const page = pageSql({ limit, offset });
  const rows = await store.all<Record<string, any>>(
    `SELECT m.*, strftime(m.start_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS s, strftime(m.end_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS e,
            (SELECT list({'kind': l.kind, 'dep': l.dep_airport, 'arr': l.arr_airport} ORDER BY coalesce(l.dep_time, l.arr_time, l.leg_date::TIMESTAMPTZ), l.line DESC) FROM legs l WHERE l.mission_id = m.id) AS legs_of,
            coalesce((SELECT bool_or(l.generated) FROM legs l WHERE l.mission_id = m.id), false) AS generated
     FROM missions m ${sql} ORDER BY m.start_time${newestFirst ? ' DESC' : ''} NULLS LAST, m.id${page.sql}`,
    [...params, ...page.params] as never,
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
      generated: r.generated === true,
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
    .map((m) => `${String(m.id).padStart(5)}  ${(m.start.time ?? '').slice(0, 10)}  ${(m.registration ?? m.icao24 ?? '?').padEnd(7)}  ${m.route.join(' → ')}  [${m.countries.join(', ')}]${m.complete ? '' : '  (return not seen)'}${m.generated ? '  GENERATED' : ''}`)
    .join('\n')}\n${missions.length} mission(s)${generatedNote(missions)}; a mission is a chain of legs (flights), counted once however many stops it makes\n`;
}

function generatedNote(missions: MissionView[]): string {
  const made = missions.filter((m) => m.generated).length;
  return made ? `; ${made === missions.length ? 'all' : made} GENERATED (synthetic demo data, not observed)` : '';
}
