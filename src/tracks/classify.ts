/**
 * Classification by weighed evidence. A leg's ends give the kind it would have as the program's
 * work (its candidate): `removal` US → abroad, `return` abroad → US, `foreign` abroad → abroad,
 * `domestic` US → US, `lateral` US → a border airport used for land removals. Whether it is the
 * program's work is decided by evidence for and against, each piece with a weight
 * (classify-evidence.ts): the callsign against the program's flight-number blocks, the airports
 * against ICE's ARTS records, public-charter destinations, timetable regularity, and the
 * aircraft's day (the legs just before and after). The sum decides:
 *
 * - score ≥ FIRM: the candidate kind (counted);
 * - score < AGAINST: `other` (not the program's work);
 * - between: `possible` (reported beside the firm count, never added to it);
 * - no kind (null) when an end is unknown: a leg is never a removal without a known foreign destination.
 *
 * Geography alone never makes a removal: a leg from the US abroad with no other evidence scores
 * only what its airports' history in the program gives.
 */
import { airportByCode } from '../airports/airports.ts';
import { countryByCode } from '../countries/countries.ts';
import { programLists, type ProgramLists } from './classify-lists.ts';
import { aircraftWeekEvidence, airportEvidence, callsignEvidence, dayShapeEvidence, publicCharterEvidence, timetableEvidence, type Evidence, type ProgramKind } from './classify-evidence.ts';
import { chainMissions, fillEndsFromNeighbours, legsByAircraft, sideOf, timeOf, type LegRecord, type Mission } from './missions.ts';
import { Timetable } from './timetable.ts';

import { LEG_KINDS, type LegKind } from './kinds.ts';
export { LEG_KINDS, type LegKind };
export const PROGRAM_KINDS: readonly ProgramKind[] = ['removal', 'return', 'domestic', 'lateral', 'foreign'];

/** Score at and above which a leg is the program's work. */
export const FIRM = 3;
/** Score below which a leg is not. */
export const AGAINST = 1;
/** Longest time on the ground between two legs of the aircraft's day. */
const DAY_GAP_S = 36 * 3600;
const DAY_WEIGHT = 1.5;
/** Legs to or from listed public-charter destinations that make a US airport the fleet's public-charter base. */
const CHARTER_BASE_LEGS = 20;
/** The aircraft's week: seven days either side. */
const WEEK_S = 7 * 86400;

export interface Classified {
  kind: LegKind | null;
  /** The kind the leg's ends give it as program work (null: an end is unknown). */
  candidate: ProgramKind | null;
  score: number | null;
  /** The probability the score stands for (logistic around the middle of the possible band). */
  confidence: number | null;
  reasons: Evidence[];
  evidence: string;
  missionId: number | null;
  /** The ends the data did not show, as the mission shape filled them (null: nothing filled). */
  filled: Pick<LegRecord, 'depAirport' | 'depCountry' | 'arrAirport' | 'arrCountry'> | null;
}

/**
 * Chains missions and classifies every leg.
 *
 * @example classifyLegs(legs).classes.get(legId) // { kind: 'removal', score: 4.5, reasons: [...], evidence: 'KAEX … → MGGT …: …', missionId: 3 }
 */
export function classifyLegs(stored: LegRecord[], lists: ProgramLists = programLists()): { classes: Map<number, Classified>; missions: Mission[] } {
  const { legs, notes } = fillEndsFromNeighbours(stored);
  const { missions, missionOf } = chainMissions(legs);
  const timetable = new Timetable(legs);
  const byAircraft = [...legsByAircraft(legs).values()];
  const neighbours = new Map<number, { prev: LegRecord | null; next: LegRecord | null }>();
  for (const list of byAircraft) {
    for (let i = 0; i < list.length; i++) {
      const prev = list[i - 1];
      const next = list[i + 1];
      neighbours.set(list[i]!.id, { prev: prev && connected(prev, list[i]!) ? prev : null, next: next && connected(list[i]!, next) ? next : null });
    }
  }
  // The fleet's public-charter bases: US airports with many legs to listed public-charter destinations.
  const charterLegs = new Map<string, number>();
  const listed = new Map<number, string>();
  for (const leg of legs) {
    const why = nonProgramOf(leg, lists);
    if (!why) continue;
    listed.set(leg.id, why);
    for (const [a, c] of [[leg.depAirport, leg.depCountry], [leg.arrAirport, leg.arrCountry]] as const) {
      if (a && sideOf(a, c) === 'us') charterLegs.set(a, (charterLegs.get(a) ?? 0) + 1);
    }
  }
  const charterBase = (airport: string | null) => ((airport && charterLegs.get(airport)) || 0) >= CHARTER_BASE_LEGS ? charterLegs.get(airport!)! : 0;
  const own = new Map<number, { candidate: ProgramKind | null; reasons: Evidence[]; score: number; route: string; unknown?: string }>();
  const place = placeWords();
  for (const leg of legs) own.set(leg.id, legEvidence(leg, lists, timetable, neighbours.get(leg.id) ?? { prev: null, next: null }, charterBase, listed.get(leg.id), place));

  // The aircraft's day: a leg flown just after (or just before) a firm program leg, from where it landed.
  const day = new Map<number, Evidence[]>();
  for (const list of byAircraft) {
    // The week loop below looks at every leg within seven days of every leg: it reads these
    // per-aircraft arrays rather than objects and maps (it was the classifier's largest cost).
    const n = list.length;
    const times = new Float64Array(n);
    /** 1 firm program work, -1 other work, 0 neither or no candidate. */
    const verdict = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const t = timeOf(list[i]!);
      times[i] = t === null ? NaN : t;
      const o = own.get(list[i]!.id)!;
      verdict[i] = o.candidate === null ? 0 : o.score >= FIRM ? 1 : o.score < AGAINST ? -1 : 0;
    }
    for (let i = 0; i < n; i++) {
      const leg = list[i]!;
      const found: Evidence[] = [];
      const prev = list[i - 1];
      const next = list[i + 1];
      // The other half of a round trip is not independent evidence: it weighs the same airports.
      const reverse = (l: LegRecord) => l.depAirport === leg.arrAirport && l.arrAirport === leg.depAirport;
      if (prev && connected(prev, leg) && !reverse(prev)) {
        const e = neighbourEvidence(prev, own.get(prev.id)!, 'before');
        if (e) found.push(e);
      }
      if (next && connected(leg, next) && !reverse(next)) {
        const e = neighbourEvidence(next, own.get(next.id)!, 'after');
        if (e) found.push(e);
      }
      // The aircraft's week: its other legs within seven days either side, as their own evidence
      // decides them; legs between the same two airports weigh the same evidence again and are left out.
      const t = times[i]!;
      let program = 0;
      let other = 0;
      if (!Number.isNaN(t)) {
        for (let step = -1; step <= 1; step += 2) {
          for (let j = i + step; j >= 0 && j < n; j += step) {
            const lt = times[j]!;
            if (Math.abs(lt - t) > WEEK_S) break;
            const v = verdict[j]!;
            if (v === 0) continue;
            const l = list[j]!;
            if ((l.depAirport === leg.depAirport && l.arrAirport === leg.arrAirport) || (l.depAirport === leg.arrAirport && l.arrAirport === leg.depAirport)) continue;
            if (v === 1) program++;
            else other++;
          }
        }
      }
      const week = aircraftWeekEvidence(program, other);
      if (week) found.push(week);
      day.set(leg.id, found);
    }
  }

  const classes = new Map<number, Classified>();
  for (const leg of legs) {
    const o = own.get(leg.id)!;
    const note = notes.get(leg.id);
    const filled = note ? { depAirport: leg.depAirport, depCountry: leg.depCountry, arrAirport: leg.arrAirport, arrCountry: leg.arrCountry } : null;
    const missionId = missionOf.get(leg.id) ?? null;
    if (o.candidate === null) {
      classes.set(leg.id, { kind: null, candidate: null, score: null, confidence: null, reasons: [], evidence: note ? `${o.unknown}; ${note}` : o.unknown!, missionId, filled });
      continue;
    }
    const reasons = [...o.reasons, ...(day.get(leg.id) ?? [])];
    const score = round(reasons.reduce((s, e) => s + e.weight, 0));
    const kind: LegKind = score >= FIRM ? o.candidate : score < AGAINST ? 'other' : 'possible';
    const confidence = round(1 / (1 + Math.exp(-(score - (FIRM + AGAINST) / 2))));
    let evidence = `${o.route}: ${decision(kind, o.candidate, score)}; ${describe(reasons)}`;
    if (note) evidence += `; ${note}`;
    classes.set(leg.id, { kind, candidate: o.candidate, score, confidence, reasons, evidence, missionId, filled });
  }

  const byId = new Map(legs.map((l) => [l.id, l]));
  for (const m of missions) {
    const shape = missionShape(m, byId);
    for (const id of m.legs) classes.get(id)!.evidence += `; mission ${m.id}: ${shape}${m.complete ? '' : ' (return to the US not seen)'}`;
  }
  return { classes, missions };
}

/** The leg's own evidence: callsign, airports, public-charter list, timetable. */
function legEvidence(leg: LegRecord, lists: ProgramLists, timetable: Timetable, around: { prev: LegRecord | null; next: LegRecord | null }, charterBase: (airport: string | null) => number, publicCharter: string | undefined, place: (code: string | null, country: string | null) => string) {
  const dep = sideOf(leg.depAirport, leg.depCountry);
  const arr = sideOf(leg.arrAirport, leg.arrCountry);
  const route = `${place(leg.depAirport, leg.depCountry)} → ${place(leg.arrAirport, leg.arrCountry)}`;
  if (dep === 'unknown' || arr === 'unknown') {
    const which = dep === 'unknown' && arr === 'unknown' ? 'both ends are' : dep === 'unknown' ? 'the departure is' : 'the arrival is';
    const unknownWhy = (code: string | null) => (code ? `airport ${code} is not in the shipped airport list` : 'no airport');
    const detail = dep === 'unknown' ? unknownWhy(leg.depAirport) : unknownWhy(leg.arrAirport);
    const removalNote = dep === 'us' ? '; not counted as a removal without a known foreign destination' : '';
    return { candidate: null, reasons: [], score: 0, route, unknown: `${route}: ${which} unknown (${detail}), so the leg is not classified${removalNote}` };
  }
  const candidate: ProgramKind =
    dep === 'us' && arr === 'abroad' ? 'removal' : dep === 'abroad' && arr === 'us' ? 'return' : dep === 'abroad' ? 'foreign' : lists.lateral.has(leg.arrAirport!) ? 'lateral' : 'domestic';
  const t = timeOf(leg);
  const day = leg.legDate ?? (t === null ? null : new Date(t * 1000).toISOString().slice(0, 10));
  const reasons: Evidence[] = [];
  const push = (e: Evidence | null) => e && reasons.push(e);
  push(callsignEvidence(leg, lists, day));
  reasons.push(...airportEvidence(leg, dep, arr, lists));
  if (candidate === 'lateral') {
    const l = lists.lateral.get(leg.arrAirport!)!;
    reasons.push({ code: 'border-airport', weight: 0, text: `${leg.arrAirport} is a border airport used for ${l.crossing}` });
  }
  push(publicCharterEvidence(publicCharter));
  const shape = dayShapeEvidence(leg, dep, arr, around.prev, around.next, lists);
  push(timetableEvidence(timetable.regularity(leg), shape.some((e) => e.code === 'day-rotation'), charterBase(dep === 'us' ? leg.depAirport : arr === 'us' ? leg.arrAirport : null)));
  reasons.push(...shape);
  return { candidate, reasons, score: reasons.reduce((s, e) => s + e.weight, 0), route };
}

/** Two legs of one aircraft in a row: the second leaves from where the first landed, within 36 hours. */
function connected(a: LegRecord, b: LegRecord): boolean {
  if (!a.arrAirport || a.arrAirport !== b.depAirport) return false;
  const end = a.arrTime ?? timeOf(a);
  const start = b.depTime ?? timeOf(b);
  return end !== null && start !== null && start - end >= -3600 && start - end <= DAY_GAP_S;
}

/** What a neighbouring leg's own evidence says of this one. */
function neighbourEvidence(n: LegRecord, o: { candidate: ProgramKind | null; score: number }, when: 'before' | 'after'): Evidence | null {
  if (o.candidate === null) return null;
  const what = `${n.callsign ? `${n.callsign} ` : ''}${n.depAirport} → ${n.arrAirport}`;
  const day = n.legDate ?? (timeOf(n) === null ? '' : new Date(timeOf(n)! * 1000).toISOString().slice(0, 10));
  if (o.score >= FIRM) {
    return when === 'before'
      ? { code: 'day-after-program', weight: DAY_WEIGHT, text: `the aircraft had just flown program work (${what}, ${day})` }
      : { code: 'day-before-program', weight: DAY_WEIGHT, text: `the aircraft flies program work next (${what}, ${day})` };
  }
  if (o.score <= AGAINST - 4) {
    return when === 'before'
      ? { code: 'day-after-other', weight: -DAY_WEIGHT, text: `the aircraft had just flown other work (${what}, ${day})` }
      : { code: 'day-before-other', weight: -DAY_WEIGHT, text: `the aircraft flies other work next (${what}, ${day})` };
  }
  return null;
}

const WORDS: Record<ProgramKind, string> = {
  removal: 'a removal (US to abroad)',
  return: 'a return (abroad back to the US)',
  foreign: 'a stop abroad (abroad to abroad)',
  domestic: 'a transfer within the US',
  lateral: 'a lateral transfer (US to a border airport)',
};

function decision(kind: LegKind, candidate: ProgramKind, score: number): string {
  const s = `score ${fmt(score)}`;
  if (kind === 'other') return `not the program's work (${s}, below ${AGAINST}); as program work it would be ${WORDS[candidate]}`;
  if (kind === 'possible') return `possibly ${WORDS[candidate]} (${s}: between ${AGAINST} and ${FIRM}, not counted in the firm figure)`;
  return `${WORDS[candidate]} (${s}, at least ${FIRM})`;
}

/** Evidence in words, for and against, each with its weight. */
function describe(reasons: Evidence[]): string {
  // One pass, strings joined as they come: this runs for every leg.
  let pro = '';
  let con = '';
  let neutral = '';
  for (const e of reasons) {
    const w = fmt(e.weight);
    if (e.weight > 0) pro += `${pro ? '; ' : ''}${e.text} (+${w})`;
    else if (e.weight < 0) con += `${con ? '; ' : ''}${e.text} (${w})`;
    else neutral += `${neutral ? '; ' : ''}${e.text} (${w})`;
  }
  return `for: ${pro || 'nothing'}; against: ${con || 'nothing'}${neutral ? `; also: ${neutral}` : ''}`;
}

/** Why a leg to or from abroad is listed as public-charter work, or undefined. */
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
      return `${e.destination === airport ? airport : `${countryName(country)} (${airport})`} is listed as public-charter work: ${e.why}`;
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

/** Airport words by code and country, kept for one classification run: the same few hundred airports recur in every leg. */
function placeWords(): (code: string | null, country: string | null) => string {
  const words = new Map<string, string>();
  return (code, country) => {
    if (!code) return 'unknown';
    if (!country) return code;
    const key = `${code}|${country}`;
    let text = words.get(key);
    if (text === undefined) {
      const name = airportByCode(code)?.name;
      text = `${code} (${name ? `${name}, ` : ''}${country})`;
      words.set(key, text);
    }
    return text;
  };
}

function countryName(code: string | null): string {
  return code ? (countryByCode(code)?.name ?? code) : 'unknown';
}

const round = (x: number) => Math.round(x * 100) / 100;
const fmt = (x: number) => String(round(x));
