import { airportByCode } from '../../airports/airports.ts';
import { icao24FromRegistration, isUsRegistration } from '../../fleet/nnumber.ts';
import type { LoadContext } from '../format.ts';

/**
 * Leg-level records (flight histories, OpenSky's flights table) into the `legs` table with
 * origin 'history': the shared last step of the RadarBox and OpenSky-flights readers.
 */
export interface HistoryLeg {
  /** Line in the file (1-based, header = 1), or the record's index for JSON. */
  line: number;
  icao24: string | null;
  registration: string | null;
  aircraftType: string | null;
  operator: string | null;
  callsign: string | null;
  /** ICAO code, upper case; null when the record names none. */
  depAirport: string | null;
  /** Epoch seconds; null when the record gives no time. */
  depTime: number | null;
  arrAirport: string | null;
  arrTime: number | null;
  /** YYYY-MM-DD, the day the record gives the leg (local date of departure). */
  legDate: string | null;
}

const BATCH = 300;

/**
 * Appends the legs with their ends' countries (from the shipped airports) and status
 * `reported` (or `unknown` for an end without an airport). A leg that another history file
 * already holds (same aircraft, day, flight and airports) is not added twice.
 */
export async function appendHistoryLegs(ctx: LoadContext, legs: HistoryLeg[]): Promise<{ kept: number; duplicates: number }> {
  const { store, sourceId } = ctx;
  for (let k = 0; k < legs.length; k += BATCH) {
    const batch = legs.slice(k, k + BATCH);
    const values = batch.map(() => `(nextval('leg_id_seq'), 'history', ${sourceId}, ?, ?, ?, ?, ?, ?, ?, to_timestamp(?::DOUBLE), ?, ?, ?, to_timestamp(?::DOUBLE), ?, ?::DATE, ?)`).join(', ');
    const params = batch.flatMap((l) => [
      l.icao24, l.registration, l.aircraftType, l.operator, l.callsign,
      l.depAirport, countryOf(l.depAirport), l.depTime, l.depAirport ? 'reported' : 'unknown',
      l.arrAirport, countryOf(l.arrAirport), l.arrTime, l.arrAirport ? 'reported' : 'unknown',
      l.legDate, l.line,
    ]);
    await store.run(
      `INSERT INTO legs (id, origin, source_id, icao24, registration, aircraft_type, operator, callsign,
         dep_airport, dep_country, dep_time, dep_status, arr_airport, arr_country, arr_time, arr_status, leg_date, line)
       VALUES ${values}`,
      params as never,
    );
    ctx.progress.advance(0);
  }
  const before = Number(await store.value(`SELECT count(*) FROM legs WHERE source_id = ?`, [sourceId]));
  // Two history files often overlap (a per-airport history repeats the fleet's legs).
  await store.run(
    `DELETE FROM legs WHERE source_id = ? AND id IN (
       SELECT n.id FROM legs n JOIN legs o
         ON o.origin = 'history' AND o.source_id <> n.source_id
        AND coalesce(o.registration, o.icao24) = coalesce(n.registration, n.icao24)
        AND o.callsign IS NOT DISTINCT FROM n.callsign
        AND o.dep_airport IS NOT DISTINCT FROM n.dep_airport AND o.arr_airport IS NOT DISTINCT FROM n.arr_airport
        AND coalesce(o.leg_date, o.dep_time::DATE) = coalesce(n.leg_date, n.dep_time::DATE)
       WHERE n.source_id = ?)`,
    [sourceId, sourceId],
  );
  const kept = Number(await store.value(`SELECT count(*) FROM legs WHERE source_id = ?`, [sourceId]));
  const duplicates = before - kept;
  if (duplicates > 0) ctx.warn('duplicate-legs', `${duplicates} leg(s) already loaded from another history file were not added again`);
  // An airport the shipped list does not know has no country: its legs are never classified.
  const unknown = new Map<string, number>();
  for (const l of legs) for (const code of [l.depAirport, l.arrAirport]) if (code && !countryOf(code)) unknown.set(code, (unknown.get(code) ?? 0) + 1);
  if (unknown.size > 0) {
    const list = [...unknown].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code, n]) => `${code} (${n})`);
    ctx.warn('unknown-airports', `${unknown.size} airport code(s) are not in the shipped airport list, so their legs have no country and are not classified: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`);
  }
  return { kept, duplicates };
}

/** The ISO country of an airport code, when the shipped airports know it. */
export function countryOf(code: string | null): string | null {
  return code ? (airportByCode(code)?.country ?? null) : null;
}

/**
 * The ICAO address of a US registration by the FAA's rule (src/fleet/nnumber.ts); null for
 * other countries' registrations, which no fixed rule maps.
 *
 * @example addressOfRegistration('N703KW') === 'a960a9'
 */
export function addressOfRegistration(registration: string): string | null {
  return isUsRegistration(registration) ? icao24FromRegistration(registration) : null;
}
