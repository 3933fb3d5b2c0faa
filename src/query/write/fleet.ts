/**
 * The fleet registry's statements: `aircraft` (src/fleet/registry.ts), the dated claims of
 * `aircraft_attributes` (src/fleet/attributes.ts), what they say of identities
 * (src/fleet/identity.ts), and the owner names the FAA import forgets (src/fleet/faa.ts).
 */
import { listValue } from '@duckdb/node-api';
import type { Aircraft, OperatorClaim } from '../../fleet/registry.ts';
import type { Store } from '../../store/store.ts';
import type { SqlValue } from '../sql.ts';

/**
 * The order of an aircraft's operator claims, the shown one first:
 *
 * 1. a dated claim (a period, as the FAA registry's certificate date or a flight history's span
 *    gives) before an undated one;
 * 2. among dated ones, the latest: the one still open or ending last, then starting last;
 * 3. a registry's or the flights' own word before a list's claim (`claimed`);
 * 4. then the claim recorded first (an earlier import), then by name (claims of one import).
 */
export const ORDER_OPERATORS = `(valid_from IS NULL AND valid_to IS NULL), coalesce(valid_to, DATE '9999-12-31') DESC, valid_from DESC NULLS LAST, claimed, added_at, value`;

/** The `aircraft` columns as an `Aircraft` (without its operator claims). */
const AIRCRAFT = `icao24, registration, verifiable, icao24_published AS "icao24Published", icao_type AS "icaoType", operator, seats,
  strftime(watch_from, '%Y-%m-%d') AS "watchFrom", strftime(watch_to, '%Y-%m-%d') AS "watchTo", source,
  type_source AS "typeSource", operator_source AS "operatorSource", seats_source AS "seatsSource", note`;

/**
 * The registry's aircraft, by registration then address; with `watchedOn` (YYYY-MM-DD) only
 * those watched that day.
 */
export function selectAircraft(store: Store, { watchedOn }: { watchedOn?: string } = {}): Promise<Aircraft[]> {
  if (watchedOn === undefined) return store.all<Aircraft>(`SELECT ${AIRCRAFT} FROM aircraft ORDER BY registration NULLS LAST, icao24`);
  return store.all<Aircraft>(
    `SELECT ${AIRCRAFT} FROM aircraft WHERE (watch_from IS NULL OR watch_from <= ?::DATE) AND (watch_to IS NULL OR watch_to >= ?::DATE) ORDER BY registration NULLS LAST, icao24`,
    [watchedOn, watchedOn],
  );
}

/** Every aircraft of the registry, in no order. */
export function allAircraft(store: Store): Promise<Aircraft[]> {
  return store.all<Aircraft>(`SELECT ${AIRCRAFT} FROM aircraft`);
}

/**
 * Writes registry rows, replacing any with the same address; `addedAt` is their time of entry
 * (ISO). One DELETE and one INSERT per 500 aircraft: a statement per aircraft took 4 ms each.
 */
export async function replaceAircraftRows(store: Store, entries: readonly Aircraft[], addedAt: string): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const batch = entries.slice(i, i + 500);
    await store.run(`DELETE FROM aircraft WHERE icao24 IN (${batch.map(() => '?').join(', ')})`, batch.map((a) => a.icao24));
    const values = batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::DATE, ?::DATE, ?, ?, ?, ?, ?, ?::TIMESTAMPTZ)').join(', ');
    await store.run(
      `INSERT INTO aircraft VALUES ${values}`,
      batch.flatMap((a): SqlValue[] => [
        a.icao24, a.registration, a.verifiable, a.icao24Published, a.icaoType, a.operator, a.seats,
        a.watchFrom, a.watchTo, a.source, a.typeSource, a.operatorSource, a.seatsSource, a.note, addedAt,
      ]),
    );
  }
}

/** The address of the registry's aircraft with this address or registration (any case), if any. */
export async function findAircraftAddress(store: Store, key: string): Promise<string | undefined> {
  return (await store.one<{ icao24: string }>(`SELECT icao24 FROM aircraft WHERE icao24 = lower(?) OR upper(registration) = upper(?)`, [key, key]))?.icao24;
}

/** Removes an aircraft and every claim about it. */
export async function deleteAircraft(store: Store, icao24: string): Promise<void> {
  await store.run(`DELETE FROM aircraft WHERE icao24 = ?`, [icao24]);
  await store.run(`DELETE FROM aircraft_attributes WHERE icao24 = ?`, [icao24]);
}

/** One claim about an aircraft: its registration or an operator, for a period (YYYY-MM-DD, either end open) and from a source. */
export interface AttributeRow {
  icao24: string;
  attribute: 'registration' | 'operator';
  value: string;
  from: string | null;
  to: string | null;
  source: string;
  claimed: boolean;
}

/** Writes claims, each replacing the same claim (address, attribute, value, source) already there; 300 a statement. */
export async function replaceAttributeRows(store: Store, rows: readonly AttributeRow[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 300) {
    const batch = rows.slice(k, k + 300);
    await store.run(
      `DELETE FROM aircraft_attributes a USING (VALUES ${batch.map(() => '(?, ?, ?, ?)').join(', ')}) v(icao24, attribute, value, source)
       WHERE a.icao24 = v.icao24 AND a.attribute = v.attribute AND a.value = v.value AND a.source = v.source`,
      batch.flatMap((r) => [r.icao24, r.attribute, r.value, r.source]),
    );
    await store.run(
      `INSERT INTO aircraft_attributes (icao24, attribute, value, valid_from, valid_to, source, claimed)
       VALUES ${batch.map(() => '(?, ?, ?, ?::DATE, ?::DATE, ?, ?)').join(', ')}`,
      batch.flatMap((r) => [r.icao24, r.attribute, r.value, r.from, r.to, r.source, r.claimed]),
    );
  }
}

/** Sets each of these aircraft's shown operator to the claim ORDER_OPERATORS puts first (none: unchanged); 500 a statement. */
export async function chooseOperators(store: Store, addresses: readonly string[]): Promise<void> {
  for (let k = 0; k < addresses.length; k += 500) {
    const batch = addresses.slice(k, k + 500);
    await store.run(
      `UPDATE aircraft SET operator = b.value, operator_source = b.source
       FROM (SELECT icao24, arg_min(value, n) AS value, arg_min(source, n) AS source FROM (
               SELECT icao24, value, source, row_number() OVER (PARTITION BY icao24 ORDER BY ${ORDER_OPERATORS}) AS n
               FROM aircraft_attributes WHERE attribute = 'operator' AND icao24 IN (${batch.map(() => '?').join(', ')}))
             GROUP BY icao24) b
       WHERE aircraft.icao24 = b.icao24`,
      [...batch],
    );
  }
}

/** Every operator claim, by address, each aircraft's in ORDER_OPERATORS order. */
export function operatorClaims(store: Store): Promise<({ icao24: string } & OperatorClaim)[]> {
  return store.all<{ icao24: string } & OperatorClaim>(
    `SELECT icao24, value AS operator, strftime(valid_from, '%Y-%m-%d') AS "from", strftime(valid_to, '%Y-%m-%d') AS "to", source, claimed
     FROM aircraft_attributes WHERE attribute = 'operator' ORDER BY icao24, ${ORDER_OPERATORS}`,
  );
}

/**
 * Every registration the registry knows with its address (upper case): the registry's own, then
 * the dated claims oldest first, so a later one wins when read in order.
 */
export function registrationRows(store: Store): Promise<{ icao24: string; registration: string }[]> {
  return store.all<{ icao24: string; registration: string }>(
    `SELECT icao24, upper(registration) AS registration, valid_from FROM (
       SELECT icao24, registration, NULL::DATE AS valid_from FROM aircraft WHERE registration IS NOT NULL
       UNION ALL SELECT icao24, value, valid_from FROM aircraft_attributes WHERE attribute = 'registration')
     ORDER BY valid_from NULLS FIRST`,
  );
}

/** The source the FAA import gives a registered owner's name as operator (any release). */
const FAA_OWNER_SOURCE = `'FAA Releasable Aircraft Database % (registered owner)'`;

/**
 * Removes the registered owner's name an FAA import stored as the operator of these aircraft:
 * from the derived legs that copied it, from the registry, and from the operator claims. A name
 * another source gave stays.
 */
export async function forgetFaaOwnerOperators(store: Store, icao24s: readonly string[]): Promise<void> {
  const list = listValue([...icao24s]);
  await store.run(
    `UPDATE legs SET operator = NULL FROM aircraft a
     WHERE a.icao24 = legs.icao24 AND legs.origin = 'adsb' AND legs.operator = a.operator AND a.operator_source LIKE ${FAA_OWNER_SOURCE} AND list_contains(?::VARCHAR[], a.icao24)`,
    [list],
  );
  await store.run(`UPDATE aircraft SET operator = NULL, operator_source = NULL WHERE operator_source LIKE ${FAA_OWNER_SOURCE} AND list_contains(?::VARCHAR[], icao24)`, [list]);
  await store.run(`DELETE FROM aircraft_attributes WHERE attribute = 'operator' AND source LIKE ${FAA_OWNER_SOURCE} AND list_contains(?::VARCHAR[], icao24)`, [list]);
}
