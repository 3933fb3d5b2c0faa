import { aircraftKey } from '../fleet/identity.ts';
import type { LegKind } from '../tracks/classify.ts';
import { whereAll, type Sql } from './sql.ts';

/**
 * Which legs a question is about. Every answer, the CLI's and the API's, picks legs with this one
 * type and `legWhere`, so the same filter picks the same legs everywhere. The legs are read as
 * counted (the `counted_legs` view, src/query/legs.ts): an end the data did not show is the one
 * classification filled, and a leg merged into another is left out.
 */
export interface LegFilter {
  /** ISO date or instant, inclusive: `2024-06-04` starts at 00:00 UTC that day. */
  from?: string;
  /** ISO date or instant, exclusive: `2024-07-03` holds nothing of 3 July. */
  to?: string;
  /** ICAO addresses or registrations: each value finds the aircraft by either (the FAA rule, else the registry). */
  aircraft?: string[];
  /** ISO-2: either end in it. */
  country?: string;
  /** ISO-2: the arrival in it (where a removal went). */
  arrivalCountry?: string;
  /** ISO-2: the departure in it. */
  departureCountry?: string;
  /** ICAO code: either end at it. */
  airport?: string;
  /** The legs of one mission. */
  mission?: number;
  /** One leg, by its id. */
  leg?: number;
  kind?: LegKind;
  /** The legs in the possible band whose ends would make them this kind (`kind = 'possible' AND candidate_kind = ?`). */
  possibleOf?: LegKind;
  /** Only legs not classified (an end unknown): `kind IS NULL`. */
  unclassified?: boolean;
  /** true: only GENERATED legs (synthetic demo data); false: only real ones; omitted: both. */
  generated?: boolean;
}

/**
 * SQL for a leg's time on the timeline: departure, else arrival, else the day the record gives.
 * The `counted_legs` view carries it as the column `leg_time`; this expression is for the
 * `legs` table itself.
 */
export const LEG_TIME = `coalesce(dep_time, arr_time, leg_date::TIMESTAMPTZ)`;

/**
 * The WHERE clause and its bound parameters for a filter over the `counted_legs` view (or any
 * relation with its columns): the one place a leg filter becomes SQL.
 *
 * @example
 * const where = legWhere({ kind: 'removal', from: '2024-06-04', to: '2024-07-03' });
 * await store.value(`SELECT count(*) FROM counted_legs ${where.sql}`, where.params);
 */
export function legWhere({ from, to, aircraft, country, arrivalCountry, departureCountry, airport, mission, leg, kind, possibleOf, unclassified, generated }: LegFilter): Sql {
  const on: Sql[] = [];
  const add = (sql: string, ...params: Sql['params']) => on.push({ sql, params });
  if (from) add(`leg_time >= ?::TIMESTAMPTZ`, from);
  if (to) add(`leg_time < ?::TIMESTAMPTZ`, to);
  // A registration and its ICAO address find the same legs; registrations are compared in
  // capitals, however a source wrote them.
  if (aircraft?.length) on.push(aircraftSql(aircraft));
  if (country) add(`(dep_country = ? OR arr_country = ?)`, country, country);
  if (arrivalCountry) add(`arr_country = ?`, arrivalCountry);
  if (departureCountry) add(`dep_country = ?`, departureCountry);
  if (airport) add(`(dep_airport = ? OR arr_airport = ?)`, airport, airport);
  if (mission !== undefined) add(`mission_id = ?`, mission);
  if (leg !== undefined) add(`id = ?`, leg);
  if (kind) add(`kind = ?`, kind);
  if (possibleOf) add(`kind = 'possible' AND candidate_kind = ?`, possibleOf);
  if (unclassified) add(`kind IS NULL`);
  if (generated !== undefined) add(`generated = ?`, generated);
  return whereAll(on);
}

/**
 * SQL matching a table's `icao24` and `registration` columns against filter values: by the FAA
 * rule, and by the registry for registrations no rule maps. Params in order.
 */
export function aircraftSql(values: string[], { icao24 = 'icao24', registration = 'registration' } = {}): Sql {
  const parts: string[] = [];
  const params: Sql['params'] = [];
  for (const value of values) {
    const key = aircraftKey(value);
    const or: string[] = [];
    if (key.icao24) { or.push(`${icao24} = ?`); params.push(key.icao24); }
    if (key.registration) {
      or.push(`upper(${registration}) = ?`);
      params.push(key.registration);
      if (!key.icao24) {
        or.push(`${icao24} IN (SELECT icao24 FROM aircraft WHERE upper(registration) = ? UNION SELECT icao24 FROM aircraft_attributes WHERE attribute = 'registration' AND upper(value) = ?)`);
        params.push(key.registration, key.registration);
      }
    } else if (key.icao24) {
      or.push(`upper(${registration}) IN (SELECT upper(registration) FROM aircraft WHERE icao24 = ? AND registration IS NOT NULL UNION SELECT upper(value) FROM aircraft_attributes WHERE attribute = 'registration' AND icao24 = ?)`);
      params.push(key.icao24, key.icao24);
    }
    parts.push(`(${or.join(' OR ')})`);
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'true', params };
}
