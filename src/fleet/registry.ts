import { CharterwatchError } from '../errors.ts';
import { allAircraft, deleteAircraft, findAircraftAddress, replaceAircraftRows, selectAircraft } from '../query/write/fleet.ts';
import type { Store } from '../store/store.ts';
import { icao24FromRegistration, isUsIcao24, isUsRegistration, normaliseRegistration, registrationFromIcao24 } from './nnumber.ts';
import { attachOperators, writeAttributes } from './attributes.ts';
import { seatsForType } from './seats.ts';
import { isGeneratedIcao24 } from './generated.ts';

/** One aircraft of the registry (a row of the `aircraft` table). */
export interface Aircraft {
  icao24: string;
  registration: string | null;
  /** True when registration and address agree by the FAA rule (US aircraft). */
  verifiable: boolean;
  /** The address a source published, when it gave one (may disagree with the computed one). */
  icao24Published: string | null;
  icaoType: string | null;
  operator: string | null;
  seats: number | null;
  /** Watched from this day, YYYY-MM-DD (null: always). */
  watchFrom: string | null;
  /** Watched through this day (null: still watched). */
  watchTo: string | null;
  source: string;
  typeSource: string | null;
  operatorSource: string | null;
  seatsSource: string | null;
  note: string | null;
  /** The period of the operator shown (YYYY-MM-DD; null: not given), and whether its source only claims it. */
  operatorFrom?: string | null;
  operatorTo?: string | null;
  operatorClaimed?: boolean;
  /** Every operator a source gave, each with its period and source (src/fleet/attributes.ts). */
  operators?: OperatorClaim[];
}

/** An operator as one source gives it: for a period (either end may be open) or undated. */
export interface OperatorClaim {
  operator: string;
  from: string | null;
  to: string | null;
  source: string;
  /** The source only claims it (a list that says so), not a registry or the flights themselves. */
  claimed: boolean;
}

/** What a caller knows about an aircraft; `entryFor` fills in and checks the rest. */
export interface AircraftClaim {
  /** A registration (any country) or nothing. */
  registration?: string | null;
  /** An ICAO address as published, or nothing. */
  icao24?: string | null;
  icaoType?: string | null;
  operator?: string | null;
  seats?: number | null;
  watchFrom?: string | null;
  watchTo?: string | null;
  source: string;
  typeSource?: string | null;
  operatorSource?: string | null;
  seatsSource?: string | null;
  note?: string | null;
  /** The period the source gives the operator for (YYYY-MM-DD), and whether it only claims it. */
  operatorFrom?: string | null;
  operatorTo?: string | null;
  operatorClaimed?: boolean;
}

export const SEATS_TABLE_SOURCE = 'data/fleet/seats.csv (by type)';

/**
 * Turns a claim into a registry entry. A US registration gives the address by rule (a published
 * address that disagrees is kept in `icao24Published` and named in `note`); a US address alone
 * gives the registration; anything else is kept as given, not verifiable. Seats come from the
 * seat table by type when the claim has none. Throws BAD_INPUT when there is nothing to go on.
 */
export function entryFor(claim: AircraftClaim): Aircraft {
  const notes: string[] = claim.note ? [claim.note] : [];
  const published = claim.icao24?.trim().toLowerCase() || null;
  if (published !== null && !/^[0-9a-f]{6}$/.test(published)) {
    throw new CharterwatchError('BAD_INPUT', `"${claim.icao24}" is not an ICAO address: expected 6 hex digits`);
  }
  const given = claim.registration ? normaliseRegistration(claim.registration) : null;
  let icao24: string;
  let registration: string | null;
  let verifiable: boolean;
  if (given && isUsRegistration(given)) {
    registration = given;
    icao24 = icao24FromRegistration(given);
    verifiable = true;
    if (published && published !== icao24) notes.push(`published address ${published} disagrees with ${icao24} computed from ${given}; the computed one is used`);
  } else if (given && given.startsWith('N') && !given.includes('-')) {
    // Looks like an N-number but cannot be one: say why rather than keep it as foreign.
    icao24FromRegistration(given);
    throw new Error('unreachable');
  } else if (published) {
    icao24 = published;
    registration = given;
    verifiable = false;
    if (!given && isUsIcao24(published)) {
      registration = registrationFromIcao24(published);
      verifiable = true;
    } else if (given && isUsIcao24(published)) {
      notes.push(`address ${published} is in the US block (${registrationFromIcao24(published)}) but the registration given is ${given}`);
    }
  } else {
    throw new CharterwatchError('BAD_INPUT', given ? `${given} is not a US registration: give its ICAO address too` : 'an aircraft needs a registration or an ICAO address');
  }
  const icaoType = claim.icaoType?.trim().toUpperCase() || null;
  let seats = claim.seats ?? null;
  let seatsSource = seats !== null ? (claim.seatsSource ?? claim.source) : null;
  if (seats === null && icaoType) {
    seats = seatsForType(icaoType) ?? null;
    if (seats !== null) seatsSource = SEATS_TABLE_SOURCE;
  }
  return {
    icao24,
    registration,
    verifiable,
    icao24Published: published,
    icaoType,
    operator: claim.operator?.trim() || null,
    seats,
    watchFrom: claim.watchFrom ?? null,
    watchTo: claim.watchTo ?? null,
    source: claim.source,
    typeSource: icaoType ? (claim.typeSource ?? claim.source) : null,
    operatorSource: claim.operator?.trim() ? (claim.operatorSource ?? claim.source) : null,
    seatsSource,
    note: notes.length ? notes.join('; ') : null,
    operatorFrom: claim.operator?.trim() ? (claim.operatorFrom ?? null) : null,
    operatorTo: claim.operator?.trim() ? (claim.operatorTo ?? null) : null,
    operatorClaimed: claim.operator?.trim() ? (claim.operatorClaimed ?? false) : false,
    operators: claim.operator?.trim()
      ? [{ operator: claim.operator.trim(), from: claim.operatorFrom ?? null, to: claim.operatorTo ?? null, source: claim.operatorSource ?? claim.source, claimed: claim.operatorClaimed ?? false }]
      : [],
  };
}

export interface PutOptions {
  /** Merge with an entry already there (its claims stand, the new ones fill gaps and are noted), instead of replacing it. */
  merge?: boolean;
  /** The caller is already in a transaction. */
  inTransaction?: boolean;
}

/**
 * Adds aircraft to the registry, one row per address: an entry with the same address is
 * replaced, or with `merge` merged. Runs in one transaction unless `inTransaction`.
 */
export async function putAircraft(store: Store, entries: Aircraft[], { merge = false, inTransaction = false }: PutOptions = {}): Promise<void> {
  const write = async () => {
    const now = new Date().toISOString();
    // Every claim is kept as an attribute with its period and source, whichever the registry shows.
    const attributes = entries.map((e) => ({ icao24: e.icao24, registration: e.registration, source: e.source, operators: e.operators ?? [] }));
    if (merge && entries.length) {
      const existing = new Map((await attachOperators(store, await allAircraft(store))).map((a) => [a.icao24, a]));
      entries = entries.map((e) => {
        const old = existing.get(e.icao24);
        return old ? mergeAircraft(old, e) : e;
      });
    }
    await replaceAircraftRows(store, entries, now);
    await writeAttributes(store, attributes);
  };
  if (inTransaction) await write();
  else await store.transaction(write);
}

/**
 * Two claims about one aircraft: the first claim of each field stands, the second fills gaps,
 * and where both say something different the second is noted. Sources are joined.
 */
export function mergeAircraft(a: Aircraft, b: Aircraft): Aircraft {
  const union = (x: string | null, y: string | null) => [...new Set([x, y].flatMap((v) => (v ? v.split('; ') : [])))].join('; ') || null;
  const out: Aircraft = { ...a, source: union(a.source, b.source)! };
  const notes: string[] = [];
  if (!a.icaoType && b.icaoType) Object.assign(out, { icaoType: b.icaoType, typeSource: b.typeSource, seats: a.seats ?? b.seats, seatsSource: a.seats !== null ? a.seatsSource : b.seatsSource });
  else if (a.icaoType && b.icaoType && a.icaoType !== b.icaoType) notes.push(`type also given as ${b.icaoType} by ${b.typeSource ?? b.source}`);
  if (out.seats === null && b.seats !== null) Object.assign(out, { seats: b.seats, seatsSource: b.seatsSource });
  const claimKey = (o: OperatorClaim) => `${o.operator}|${o.source}`;
  const known = new Set((a.operators ?? []).map(claimKey));
  out.operators = [...(a.operators ?? []), ...(b.operators ?? []).filter((o) => !known.has(claimKey(o)))];
  // A claim the registry already holds (a file imported again) is not a new disagreement.
  const newClaim = (b.operators ?? []).some((o) => !known.has(claimKey(o)));
  if (!a.operator && b.operator) Object.assign(out, { operator: b.operator, operatorSource: b.operatorSource, operatorFrom: b.operatorFrom, operatorTo: b.operatorTo, operatorClaimed: b.operatorClaimed });
  else if (a.operator && b.operator && a.operator !== b.operator && newClaim) notes.push(`operator also given as "${b.operator}" by ${b.operatorSource ?? b.source}`);
  if (!a.icao24Published && b.icao24Published) out.icao24Published = b.icao24Published;
  if (a.registration && b.registration && a.registration !== b.registration) notes.push(`registration also given as ${b.registration} by ${b.source}`);
  out.note = union(union(a.note, b.note), notes.join('; ') || null);
  return out;
}

export interface ListOptions {
  /** Include aircraft not watched on `on` (default: only those watched). */
  all?: boolean;
  /** The day "watched" refers to, YYYY-MM-DD (default today, UTC). */
  on?: string;
}

/** The registry's aircraft, by registration then address. */
export async function listAircraft(store: Store, { all = true, on = today() }: ListOptions = {}): Promise<Aircraft[]> {
  const list = await selectAircraft(store, all ? {} : { watchedOn: on });
  return attachOperators(store, list);
}

/**
 * Addresses of the aircraft watched on `on` (default today). Generated aircraft (the demo's, in
 * ICAO's reserved block: src/fleet/generated.ts) are never watched as real ones.
 */
export async function watchedIcao24(store: Store, on = today()): Promise<Set<string>> {
  return new Set((await listAircraft(store, { all: false, on })).map((a) => a.icao24).filter((hex) => !isGeneratedIcao24(hex)));
}

/**
 * Removes aircraft named by address or registration; returns the addresses removed.
 * Throws NOT_FOUND naming the first one that is not in the registry (and removes nothing).
 */
export async function removeAircraft(store: Store, ids: string[]): Promise<string[]> {
  return store.transaction(async () => {
    const removed: string[] = [];
    for (const id of ids) {
      const key = id.trim();
      const icao24 = await findAircraftAddress(store, key);
      if (!icao24) throw new CharterwatchError('NOT_FOUND', `${key} is not in the fleet registry (see "charterwatch fleet list")`);
      await deleteAircraft(store, icao24);
      removed.push(icao24);
    }
    return removed;
  });
}

const today = () => new Date().toISOString().slice(0, 10);
