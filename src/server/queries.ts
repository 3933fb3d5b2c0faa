import { CharterwatchError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import type { ParamValues } from './params.ts';

/**
 * The API's reads over the `legs` and `missions` tables. Every user value reaches SQL as a
 * parameter; column names come only from the fixed maps below.
 */

export const LEG_KINDS = ['removal', 'return', 'domestic', 'lateral', 'foreign', 'other'] as const;

/** Sort keys a client may ask for, and the SQL each means (a leading '-' sorts descending). */
export const LEG_SORTS: Record<string, string> = {
  departure: 'l.dep_time',
  arrival: 'l.arr_time',
  registration: 'l.registration',
  operator: 'l.operator',
  kind: 'l.kind',
  from: 'l.dep_airport',
  to: 'l.arr_airport',
  country: 'l.arr_country',
};
export const LEG_SORT_VALUES = Object.keys(LEG_SORTS).flatMap((k) => [k, `-${k}`]);

export interface Leg {
  id: number;
  icao24: string | null;
  registration: string | null;
  aircraftType: string | null;
  operator: string | null;
  callsign: string | null;
  departure: { airport: string | null; country: string | null; time: string | null; status: string; lat: number | null; lon: number | null };
  arrival: { airport: string | null; country: string | null; time: string | null; status: string; lat: number | null; lon: number | null };
  kind: string | null;
  evidence: string | null;
  missionId: number | null;
  origin: string;
  sourceId: number | null;
  generated: boolean;
}

const iso = (col: string) => `strftime(${col} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')`;

const LEG_SELECT = `l.id, l.icao24, l.registration, l.aircraft_type, l.operator, l.callsign,
  l.dep_airport, l.dep_country, ${iso('l.dep_time')} AS dep_time, l.dep_status,
  l.arr_airport, l.arr_country, ${iso('l.arr_time')} AS arr_time, l.arr_status,
  l.kind, l.evidence, l.mission_id, l.origin, l.source_id, l.generated`;

interface LegRow {
  id: bigint | number; icao24: string | null; registration: string | null; aircraft_type: string | null; operator: string | null; callsign: string | null;
  dep_airport: string | null; dep_country: string | null; dep_time: string | null; dep_status: string;
  arr_airport: string | null; arr_country: string | null; arr_time: string | null; arr_status: string;
  kind: string | null; evidence: string | null; mission_id: bigint | number | null; origin: string; source_id: number | null; generated: boolean;
}

/** Builds the WHERE clause of a leg filter; values go to `params`. */
function legWhere(q: ParamValues, params: (string | number)[]): string {
  const where: string[] = [];
  // A leg belongs to the day it left (or arrived, when its departure is unknown).
  const when = 'coalesce(l.dep_time, l.arr_time)';
  if (q.from !== undefined) (where.push(`${when} >= ?::TIMESTAMPTZ`), params.push(q.from));
  if (q.to !== undefined) (where.push(`${when} < ?::TIMESTAMPTZ + INTERVAL 1 DAY`), params.push(q.to));
  if (q.kind !== undefined) (where.push('l.kind = ?'), params.push(q.kind));
  if (q.country !== undefined) (where.push('(l.arr_country = ? OR l.dep_country = ?)'), params.push(q.country, q.country));
  if (q.aircraft !== undefined) (where.push('(l.icao24 = ? OR upper(l.registration) = ?)'), params.push(String(q.aircraft).toLowerCase(), String(q.aircraft).toUpperCase()));
  if (q.airport !== undefined) (where.push('(l.dep_airport = ? OR l.arr_airport = ?)'), params.push(q.airport, q.airport));
  if (q.mission !== undefined) (where.push('l.mission_id = ?'), params.push(q.mission));
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export interface Page<T> {
  total: number;
  limit: number;
  offset: number;
  items: T[];
}

/** One page of legs matching the filter, with the total count. */
export async function listLegs(store: Store, q: ParamValues, { airportCoords = noCoords }: { airportCoords?: CoordsLookup } = {}): Promise<Page<Leg>> {
  const params: (string | number)[] = [];
  const where = legWhere(q, params);
  const sort = String(q.sort ?? 'departure');
  const column = LEG_SORTS[sort.replace(/^-/, '')];
  if (!column) throw new CharterwatchError('USAGE', `sort expects one of ${LEG_SORT_VALUES.join(', ')}`);
  const order = `${column} ${sort.startsWith('-') ? 'DESC' : 'ASC'} NULLS LAST, l.id`;
  const limit = Number(q.limit);
  const offset = Number(q.offset ?? 0);
  const total = Number(await store.value(`SELECT count(*) FROM legs l ${where}`, params));
  const rows = await store.all<LegRow>(`SELECT ${LEG_SELECT} FROM legs l ${where} ORDER BY ${order} LIMIT ? OFFSET ?`, [...params, limit, offset]);
  return { total, limit, offset, items: rows.map((r) => toLeg(r, airportCoords)) };
}

export type CoordsLookup = (airport: string | null) => { lat: number; lon: number } | undefined;
const noCoords: CoordsLookup = () => undefined;

function toLeg(r: LegRow, coords: CoordsLookup): Leg {
  const dep = coords(r.dep_airport);
  const arr = coords(r.arr_airport);
  return {
    id: Number(r.id),
    icao24: r.icao24,
    registration: r.registration,
    aircraftType: r.aircraft_type,
    operator: r.operator,
    callsign: r.callsign,
    departure: { airport: r.dep_airport, country: r.dep_country, time: r.dep_time, status: r.dep_status, lat: dep?.lat ?? null, lon: dep?.lon ?? null },
    arrival: { airport: r.arr_airport, country: r.arr_country, time: r.arr_time, status: r.arr_status, lat: arr?.lat ?? null, lon: arr?.lon ?? null },
    kind: r.kind,
    evidence: r.evidence,
    missionId: r.mission_id === null ? null : Number(r.mission_id),
    origin: r.origin,
    sourceId: r.source_id,
    generated: r.generated,
  };
}

export interface Mission {
  id: number;
  icao24: string | null;
  registration: string | null;
  start: string | null;
  end: string | null;
  startAirport: string | null;
  endAirport: string | null;
  countries: string[];
  legs: number;
  complete: boolean;
}

interface MissionRow {
  id: bigint | number; icao24: string | null; registration: string | null; start_time: string | null; end_time: string | null;
  start_airport: string | null; end_airport: string | null; countries: string[] | null; legs: number; complete: boolean;
}

const MISSION_SELECT = `m.id, m.icao24, m.registration, ${iso('m.start_time')} AS start_time, ${iso('m.end_time')} AS end_time,
  m.start_airport, m.end_airport, m.countries, m.legs, m.complete`;

const toMission = (r: MissionRow): Mission => ({
  id: Number(r.id),
  icao24: r.icao24,
  registration: r.registration,
  start: r.start_time,
  end: r.end_time,
  startAirport: r.start_airport,
  endAirport: r.end_airport,
  countries: listOf(r.countries),
  legs: r.legs,
  complete: r.complete,
});

/** DuckDB lists arrive as arrays or as list values with `.items`. */
function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (v && typeof v === 'object' && 'items' in v && Array.isArray((v as { items: unknown[] }).items)) return (v as { items: unknown[] }).items.map(String);
  return [];
}

/** One page of missions overlapping the period, optionally to a country or by an aircraft. */
export async function listMissions(store: Store, q: ParamValues): Promise<Page<Mission>> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.from !== undefined) (where.push('coalesce(m.end_time, m.start_time) >= ?::TIMESTAMPTZ'), params.push(q.from));
  if (q.to !== undefined) (where.push('m.start_time < ?::TIMESTAMPTZ + INTERVAL 1 DAY'), params.push(q.to));
  if (q.country !== undefined) (where.push('list_contains(m.countries, ?)'), params.push(q.country));
  if (q.aircraft !== undefined) (where.push('(m.icao24 = ? OR upper(m.registration) = ?)'), params.push(String(q.aircraft).toLowerCase(), String(q.aircraft).toUpperCase()));
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(await store.value(`SELECT count(*) FROM missions m ${w}`, params));
  const rows = await store.all<MissionRow>(`SELECT ${MISSION_SELECT} FROM missions m ${w} ORDER BY m.start_time DESC NULLS LAST, m.id LIMIT ? OFFSET ?`, [
    ...params,
    Number(q.limit),
    Number(q.offset ?? 0),
  ]);
  return { total, limit: Number(q.limit), offset: Number(q.offset ?? 0), items: rows.map(toMission) };
}

/** One mission with its legs, or a NOT_FOUND error. */
export async function missionById(store: Store, id: number, coords: CoordsLookup): Promise<Mission & { legList: Leg[] }> {
  const row = await store.one<MissionRow>(`SELECT ${MISSION_SELECT} FROM missions m WHERE m.id = ?`, [id]);
  if (!row) throw new CharterwatchError('NOT_FOUND', `no mission ${id}`);
  const legs = await store.all<LegRow>(`SELECT ${LEG_SELECT} FROM legs l WHERE l.mission_id = ? ORDER BY l.dep_time NULLS LAST, l.id`, [id]);
  return { ...toMission(row), legList: legs.map((r) => toLeg(r, coords)) };
}

export const COUNT_BY = ['country', 'month', 'operator', 'airport', 'kind'] as const;

const GROUP_SQL: Record<(typeof COUNT_BY)[number], string> = {
  country: `coalesce(CASE WHEN l.kind = 'return' THEN l.dep_country ELSE l.arr_country END, 'unknown')`,
  month: `strftime(coalesce(l.dep_time, l.arr_time) AT TIME ZONE 'UTC', '%Y-%m')`,
  operator: `coalesce(l.operator, 'unknown')`,
  airport: `coalesce(CASE WHEN l.kind = 'return' THEN l.arr_airport ELSE l.dep_airport END, 'unknown')`,
  kind: `coalesce(l.kind, 'unclassified')`,
};

export interface FlightCount {
  kind: string | null;
  from: string | null;
  to: string | null;
  by: string;
  total: number;
  groups: number;
  rows: { key: string; flights: number }[];
  rule: string;
}

/** "How many international removal flights since 4 June, by country." */
export async function countFlights(store: Store, q: ParamValues): Promise<FlightCount> {
  const params: (string | number)[] = [];
  const where = legWhere(q, params);
  const by = String(q.by ?? 'country') as (typeof COUNT_BY)[number];
  const rows = await store.all<{ key: string; flights: number }>(
    `SELECT ${GROUP_SQL[by]} AS key, count(*)::INTEGER AS flights FROM legs l ${where} GROUP BY 1 ORDER BY flights DESC, key`,
    params,
  );
  return {
    kind: (q.kind as string | undefined) ?? null,
    from: (q.from as string | undefined) ?? null,
    to: (q.to as string | undefined) ?? null,
    by,
    total: rows.reduce((s, r) => s + r.flights, 0),
    groups: rows.length,
    rows,
    rule: `legs${q.kind ? ` of kind ${q.kind}` : ''} departing in the period, grouped by ${by}; a leg is one take-off to landing`,
  };
}

/** Monthly leg counts by kind, for the dashboard's chart. */
export async function monthlySeries(store: Store, q: ParamValues): Promise<{ month: string; kind: string; country: string; flights: number }[]> {
  const params: (string | number)[] = [];
  const where = legWhere(q, params);
  return store.all(
    `SELECT strftime(coalesce(l.dep_time, l.arr_time) AT TIME ZONE 'UTC', '%Y-%m') AS month, coalesce(l.kind, 'unclassified') AS kind,
            coalesce(l.arr_country, 'unknown') AS country, count(*)::INTEGER AS flights
     FROM legs l ${where} GROUP BY ALL HAVING month IS NOT NULL ORDER BY month, kind, country`,
    params,
  );
}

export interface SourceFile {
  id: number;
  path: string;
  format: string;
  sha256: string;
  rows: number | null;
  ingestedAt: string | null;
  generated: boolean;
}

/** Every source file in the store: what each figure's `sources` point at. */
export async function listSources(store: Store): Promise<SourceFile[]> {
  const cols = new Set((await store.all<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'sources'`)).map((r) => r.column_name));
  const pick = (name: string, fallback = 'NULL') => (cols.has(name) ? name : fallback);
  const rows = await store.all<{ id: number; path: string; format: string; sha256: string; rows: number | null; at: string | null; generated: boolean | null }>(
    `SELECT id, path, format, sha256, ${pick('rows_kept')}::BIGINT AS rows, ${iso(pick('loaded_at'))} AS at, ${pick('generated', 'false')} AS generated FROM sources ORDER BY id`,
  );
  return rows.map((r) => ({ id: Number(r.id), path: r.path, format: r.format, sha256: r.sha256, rows: r.rows === null ? null : Number(r.rows), ingestedAt: r.at, generated: r.generated === true }));
}
