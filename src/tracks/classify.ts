/**
 * Classification: every leg gets a kind and the evidence that decided it, in words.
 *
 * - `removal` US → abroad; `return` abroad → US; `foreign` abroad → abroad; `domestic` US → US;
 *   `lateral` US → a border airport used for land removals;
 * - `other`: not the program's work — a leg to or from a listed non-program destination (the
 *   Florida–Cuba public charters, resort islands, Canada), the rest of such a trip, and US legs
 *   that touch neither a staging nor a border airport and carry no program callsign;
 * - no kind (null) when an end is unknown: a leg is never a removal without a known foreign destination.
 */
import { airportByCode } from '../airports/airports.ts';
import { countryByCode } from '../countries/countries.ts';
import { callsignEntry, programLists, type ProgramLists } from './classify-lists.ts';
import { chainMissions, fillEndsFromNeighbours, sideOf, type LegRecord, type Mission } from './missions.ts';

export type LegKind = 'removal' | 'return' | 'domestic' | 'lateral' | 'foreign' | 'other';
export const LEG_KINDS: readonly LegKind[] = ['removal', 'return', 'domestic', 'lateral', 'foreign', 'other'];

export interface Classified {
  kind: LegKind | null;
  evidence: string;
  missionId: number | null;
  /** The ends the data did not show, as the mission shape filled them (null: nothing filled). */
  filled: Pick<LegRecord, 'depAirport' | 'depCountry' | 'arrAirport' | 'arrCountry'> | null;
}

/**
 * Chains missions and classifies every leg.
 *
 * @example classifyLegs(legs).classes.get(legId) // { kind: 'removal', evidence: 'US → Guatemala (MGGT) …', missionId: 3 }
 */
export function classifyLegs(stored: LegRecord[], lists: ProgramLists = programLists()): { classes: Map<number, Classified>; missions: Mission[] } {
  const { legs, notes } = fillEndsFromNeighbours(stored);
  const { missions, missionOf } = chainMissions(legs);
  const byId = new Map(legs.map((l) => [l.id, l]));
  const classes = new Map<number, Classified>();
  for (const leg of legs) {
    const c = classifyLeg(leg, lists);
    const note = notes.get(leg.id);
    const filled = note ? { depAirport: leg.depAirport, depCountry: leg.depCountry, arrAirport: leg.arrAirport, arrCountry: leg.arrCountry } : null;
    classes.set(leg.id, { kind: c.kind, evidence: note ? `${c.evidence}; ${note}` : c.evidence, missionId: missionOf.get(leg.id) ?? null, filled });
  }

  // A trip to a non-program destination is other work as a whole: its other legs abroad too.
  for (const m of missions) {
    const reason = m.legs.map((id) => nonProgramOf(byId.get(id)!, lists)).find((r) => r !== undefined);
    const shape = missionShape(m, byId);
    for (const id of m.legs) {
      const c = classes.get(id)!;
      if (reason && c.kind !== null && c.kind !== 'other' && c.kind !== 'domestic' && c.kind !== 'lateral') {
        c.kind = 'other';
        c.evidence = `part of a trip to a destination that is not the program's work (${reason}); mission ${m.id}: ${shape}`;
      } else c.evidence += `; mission ${m.id}: ${shape}${m.complete ? '' : ' (return to the US not seen)'}`;
    }
  }
  return { classes, missions };
}

/** One leg on its own: ends, lists, callsign. */
function classifyLeg(leg: LegRecord, lists: ProgramLists): { kind: LegKind | null; evidence: string } {
  const dep = sideOf(leg.depAirport, leg.depCountry);
  const arr = sideOf(leg.arrAirport, leg.arrCountry);
  const route = `${place(leg.depAirport, leg.depCountry)} → ${place(leg.arrAirport, leg.arrCountry)}`;
  const call = callsignEntry(lists, leg.callsign);
  const callWords = call ? `callsign ${leg.callsign}: ${call.why}` : leg.callsign ? `callsign ${leg.callsign} is not on the program's list` : 'no callsign';
  if (dep === 'unknown' || arr === 'unknown') {
    const which = dep === 'unknown' && arr === 'unknown' ? 'both ends are' : dep === 'unknown' ? 'the departure is' : 'the arrival is';
    const unknownWhy = (code: string | null) => (code ? `airport ${code} is not in the shipped airport list` : 'no airport');
    const detail = dep === 'unknown' ? unknownWhy(leg.depAirport) : unknownWhy(leg.arrAirport);
    const removalNote = dep === 'us' ? '; not counted as a removal without a known foreign destination' : '';
    return { kind: null, evidence: `${route}: ${which} unknown (${detail}), so the leg is not classified${removalNote}` };
  }
  const nonProgram = nonProgramOf(leg, lists);
  if (nonProgram) return { kind: 'other', evidence: `${route}: ${nonProgram}` };
  const staging = (code: string | null) => {
    const s = code ? lists.staging.get(code) : undefined;
    return s ? `${code} is a staging airport (${s.why})` : `${code} is not on the staging list`;
  };
  if (dep === 'us' && arr === 'abroad') return { kind: 'removal', evidence: `${route}: US to abroad; ${staging(leg.depAirport)}; ${callWords}` };
  if (dep === 'abroad' && arr === 'us') return { kind: 'return', evidence: `${route}: abroad back to the US; ${callWords}` };
  if (dep === 'abroad' && arr === 'abroad') return { kind: 'foreign', evidence: `${route}: abroad to abroad; ${callWords}` };
  const lateral = leg.arrAirport ? lists.lateral.get(leg.arrAirport) : undefined;
  if (lateral) return { kind: 'lateral', evidence: `${route}: to ${leg.arrAirport}, a border airport used for ${lateral.crossing}; ${callWords}` };
  const touchesProgram = lists.staging.has(leg.depAirport!) || lists.staging.has(leg.arrAirport!) || lists.lateral.has(leg.depAirport!);
  if (touchesProgram || call?.program) {
    const which = lists.staging.has(leg.depAirport!) ? staging(leg.depAirport) : lists.staging.has(leg.arrAirport!) ? staging(leg.arrAirport) : `${leg.depAirport} is a border airport`;
    return { kind: 'domestic', evidence: `${route}: a transfer within the US; ${call?.program ? callWords : which}` };
  }
  return { kind: 'other', evidence: `${route}: within the US between airports on neither the staging nor the border list, and ${callWords}: not the program's pattern` };
}

/** Why a leg to or from abroad is not the program's work, or undefined. */
function nonProgramOf(leg: LegRecord, lists: ProgramLists): string | undefined {
  const ends = [
    [leg.arrAirport, leg.arrCountry, leg.depAirport, leg.depCountry],
    [leg.depAirport, leg.depCountry, leg.arrAirport, leg.arrCountry],
  ] as const;
  for (const [airport, country, other, otherCountry] of ends) {
    if (!airport || sideOf(airport, country) !== 'abroad') continue;
    for (const e of lists.nonProgram) {
      if (e.destination !== airport && e.destination !== country) continue;
      // An entry limited to some US airports (Cuba: the Florida gateways) does not cover flights from other US airports.
      if (e.usAirports && sideOf(other, otherCountry) === 'us' && !e.usAirports.has(other!)) continue;
      return `${e.destination === airport ? airport : `${countryName(country)} (${airport})`} is listed as a non-program destination: ${e.why}`;
    }
  }
  return undefined;
}

function missionShape(m: Mission, byId: Map<number, LegRecord>): string {
  const stops: string[] = [];
  for (const id of m.legs) {
    const l = byId.get(id)!;
    if (stops.length === 0) stops.push(l.depAirport ?? '?');
    stops.push(l.arrAirport ?? '?');
  }
  return stops.join(' → ');
}

function place(code: string | null, country: string | null): string {
  if (!code) return 'unknown';
  const name = airportByCode(code)?.name;
  return country ? `${code} (${name ? `${name}, ` : ''}${country})` : code;
}

function countryName(code: string | null): string {
  return code ? (countryByCode(code)?.name ?? code) : 'unknown';
}
