import { airportByCode } from '../../airports/airports.ts';
import { addressOf, loadIdentities, registrationOf } from '../../fleet/identity.ts';
import { icao24FromRegistration, isUsRegistration, normaliseRegistration } from '../../fleet/nnumber.ts';
import { appendHistoryLegRows } from '../../query/write/legs.ts';
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

/** A registration no rule or registry resolves, and how many of the file's legs carry it. */
export interface UnresolvedRegistration {
  registration: string;
  legs: number;
}

/**
 * Appends the legs with their ends' countries (from the shipped airports) and status
 * `reported` (or `unknown` for an end without an airport). Every leg is keyed by its aircraft's
 * ICAO address: a registration is resolved to it by the FAA rule, else by the fleet registry
 * (src/fleet/identity.ts), and an address gets its registration the same way. A registration
 * neither knows is kept on its legs (icao24 NULL) and reported: counted, named in the warning and
 * in `--json` (`unresolvedRegistrations`). A leg another source already holds is kept too: the
 * derivation merges the two into one leg citing both (src/tracks/merge.ts).
 */
export async function appendHistoryLegs(ctx: LoadContext, legs: HistoryLeg[]): Promise<{ kept: number; unresolved: UnresolvedRegistration[] }> {
  const { store, sourceId } = ctx;
  const known = await loadIdentities(store);
  const unresolved = new Map<string, number>();
  for (const l of legs) {
    if (l.registration) l.registration = normaliseRegistration(l.registration);
    if (!l.icao24 && l.registration) l.icao24 = addressOf(l.registration, known);
    if (l.icao24 && !l.registration) l.registration = registrationOf(l.icao24, known);
    if (!l.icao24 && l.registration) unresolved.set(l.registration, (unresolved.get(l.registration) ?? 0) + 1);
  }
  await appendHistoryLegRows(
    store,
    sourceId,
    legs.map((l) => ({
      ...l,
      depCountry: countryOf(l.depAirport),
      depStatus: l.depAirport ? 'reported' : 'unknown',
      arrCountry: countryOf(l.arrAirport),
      arrStatus: l.arrAirport ? 'reported' : 'unknown',
    })),
    () => ctx.progress.advance(0),
  );
  const kept = legs.length;
  const list = [...unresolved].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([registration, n]) => ({ registration, legs: n }));
  if (list.length > 0) {
    const total = list.reduce((n, r) => n + r.legs, 0);
    const named = list.map((r) => `${r.registration} (${r.legs})`);
    ctx.warn(
      'unresolved-registrations',
      `${total} leg(s) of ${list.length} registration(s) could not be resolved to an ICAO address (not an N-number, not in the fleet registry), kept under the registration: ${named.slice(0, 10).join(', ')}${named.length > 10 ? ', …' : ''}; give the address with "charterwatch fleet add HEX --registration REG"`,
    );
  }
  // An airport the shipped list does not know has no country: its legs are never classified.
  const unknown = new Map<string, number>();
  for (const l of legs) for (const code of [l.depAirport, l.arrAirport]) if (code && !countryOf(code)) unknown.set(code, (unknown.get(code) ?? 0) + 1);
  if (unknown.size > 0) {
    const list = [...unknown].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code, n]) => `${code} (${n})`);
    ctx.warn('unknown-airports', `${unknown.size} airport code(s) are not in the shipped airport list, so their legs have no country and are not classified: ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`);
  }
  return { kept, unresolved: list };
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
