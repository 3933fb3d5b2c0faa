/**
 * The evidence a leg carries for and against being the program's work, each piece with a weight
 * (points; positive: for the program) and a code counts can group by. The weights are documented
 * in docs/flights.md and were set on January–February 2020 of the real history (scored on
 * March–April, which they were not set on).
 *
 * Evidence of the leg alone: its callsign against the program's flight-number blocks, its airports
 * against ICE's ARTS records, the public-charter list, and timetable regularity. The aircraft's
 * day (the legs before and after) is weighed in classify.ts once every leg has its own evidence.
 */
import { blockOf, type ProgramLists } from './classify-lists.ts';
import type { Regularity } from './timetable.ts';
import { US_SIDE, type LegRecord, type Side } from './missions.ts';

export interface Evidence {
  /** A stable code, e.g. `callsign-block`. */
  code: string;
  weight: number;
  text: string;
}

/** Kinds a leg's ends give it when it is the program's work. */
export type ProgramKind = 'removal' | 'return' | 'domestic' | 'lateral' | 'foreign';

/** ARTS missions whose last leg touches an airport, above which it is a regular program airport. */
const REGULAR_MISSIONS = 25;
const OCCASIONAL_MISSIONS = 5;
/** Other days with the same route at the same time that make a timetable, and a scheduled service. */
const RECURRING_DAYS = 4;
const SCHEDULED_DAYS = 10;
const DAILY_DAYS = 15;

/** One formatter for every count (toLocaleString builds one per call). */
const COUNT = new Intl.NumberFormat('en-US');
const plural = (n: number, word: string) => `${COUNT.format(n)} ${word}${n === 1 ? '' : 's'}`;

/** The callsign against the program's flight-number blocks of the leg's day. */
export function callsignEvidence(leg: LegRecord, lists: ProgramLists, day: string | null): Evidence | null {
  const cs = leg.callsign?.trim();
  if (!cs) return null;
  const { block, outside } = blockOf(lists, cs, day, leg.generated === true);
  if (block) {
    const period = block.validFrom || block.validTo ? ` (${block.validFrom ?? '…'} to ${block.validTo ?? 'now'})` : '';
    if (block.kind === 'agency') return { code: 'callsign-agency', weight: 8, text: `callsign ${cs} is ${block.operator}'s own ${block.prefix} callsign${period}, used on nothing but its flights` };
    return { code: 'callsign-block', weight: 6, text: `callsign ${cs} is in the program block ${block.prefix} ${block.numbers} of ${block.operator}${period}` };
  }
  if (outside) return { code: 'callsign-outside-block', weight: -3, text: `callsign ${cs} is one of ${outside.operator}'s ordinary numbers, outside its program blocks of that period` };
  return null;
}

/** A foreign end against the program's history there (ARTS missions). */
function foreignAirportEvidence(airport: string, lists: ProgramLists): Evidence {
  const a = lists.arts.get(airport);
  const n = a?.missions ?? 0;
  if (n >= REGULAR_MISSIONS) return { code: 'destination-regular', weight: 2, text: `${airport} is a regular program destination (${plural(n, 'ARTS mission')} FY2011–2019 ended their last leg there)` };
  if (n >= OCCASIONAL_MISSIONS) return { code: 'destination-occasional', weight: 1, text: `${airport} is an occasional program destination (${plural(n, 'ARTS mission')} FY2011–2019)` };
  if (n > 0) return { code: 'destination-rare', weight: -1, text: `${airport} is a rare program destination (${plural(n, 'ARTS mission')} FY2011–2019)` };
  if (a?.dictionary) return { code: 'destination-rare', weight: -1, text: `${airport} is in ARTS's airport list but no ARTS mission FY2011–2019 ended there` };
  return { code: 'destination-never', weight: -3, text: `${airport} is not in ICE's ARTS records FY2011–2019: a destination the program never used needs stronger evidence` };
}

/** A US end against the program's use of it (ARTS). */
function usAirportEvidence(airport: string, lists: ProgramLists): Evidence {
  const a = lists.arts.get(airport);
  const n = a?.missions ?? 0;
  if (n >= REGULAR_MISSIONS) return { code: 'us-airport-hub', weight: 1, text: `${airport} is a program hub (${plural(n, 'ARTS mission')} FY2011–2019)` };
  if (a?.dictionary || n >= OCCASIONAL_MISSIONS) return { code: 'us-airport-arts', weight: 0, text: `${airport} is an ARTS pickup or drop-off airport (${plural(n, 'ARTS mission')} FY2011–2019)` };
  return { code: 'us-airport-not-arts', weight: -2, text: `${airport} is not an airport the program used in ARTS FY2011–2019${n ? ` (${plural(n, 'mission')} ended a leg there, and it is not in ARTS's airport list)` : ''}` };
}

/** Both ends against ARTS: what the ends of a program leg would be. */
export function airportEvidence(leg: LegRecord, dep: Side, arr: Side, lists: ProgramLists): Evidence[] {
  const weigh = (airport: string, side: Side) => (side === 'us' ? usAirportEvidence(airport, lists) : foreignAirportEvidence(airport, lists));
  const out = [weigh(leg.depAirport!, dep)];
  if (leg.arrAirport !== leg.depAirport) out.push(weigh(leg.arrAirport!, arr));
  return out;
}

/** A listed public-charter destination (Cuba from Florida, resort airports). */
export function publicCharterEvidence(why: string | undefined): Evidence | null {
  return why ? { code: 'public-charter-destination', weight: -3, text: why } : null;
}

/**
 * The same route at the same time of day on many days. The program runs timetables too (daily
 * flights from a hub to Central America), so regularity alone weighs little; a regular route flown
 * by an aircraft that rotates (back from abroad and straight out again) is scheduled service.
 */
export function timetableEvidence(reg: Regularity | null, rotation: boolean, charterBase: number): Evidence | null {
  if (!reg || reg.days < RECURRING_DAYS) return null;
  const words = `the same route leaves at about ${reg.at} UTC on ${plural(reg.days, 'other day')} within three weeks`;
  if (reg.days >= SCHEDULED_DAYS && (rotation || charterBase > 0)) {
    const why = rotation ? 'flown in rotation with other trips abroad' : `from the fleet's public-charter base (${plural(charterBase, 'leg')} of it to listed public-charter destinations in these data)`;
    return { code: 'timetable-scheduled', weight: reg.days >= DAILY_DAYS ? -3 : -2, text: `${words}, ${why}: a timetabled service` };
  }
  return { code: 'timetable-recurring', weight: 0, text: `${words}: a timetable (the program keeps timetables too)` };
}

/**
 * The aircraft's day, as the legs just before and after show it, without reading their callsigns:
 * a removal whose aircraft has just flown in from another US airport (a pickup) is the program's
 * pattern; one whose aircraft is back from abroad and straight out again is rotation work.
 */
export function dayShapeEvidence(leg: LegRecord, dep: Side, arr: Side, prev: LegRecord | null, next: LegRecord | null, lists: ProgramLists): Evidence[] {
  const out: Evidence[] = [];
  const side = (l: LegRecord, end: 'dep' | 'arr') => (end === 'dep' ? sideOfLeg(l.depAirport, l.depCountry) : sideOfLeg(l.arrAirport, l.arrCountry));
  const at = (l: LegRecord) => `${l.depAirport} → ${l.arrAirport}`;
  if (dep === 'us' && arr === 'abroad' && prev) {
    const from = prev.depAirport ? (lists.arts.get(prev.depAirport)?.missions ?? 0) : 0;
    if (side(prev, 'dep') === 'us' && from >= OCCASIONAL_MISSIONS) out.push({ code: 'day-pickup-before', weight: 1.5, text: `the aircraft flew in just before from ${prev.depAirport}, a program airport (${at(prev)}): a pickup` });
    else if (side(prev, 'dep') === 'abroad') out.push({ code: 'day-rotation', weight: 0, text: `the aircraft was back from abroad (${at(prev)}) and straight out again: rotation work` });
  }
  if (dep === 'abroad' && arr === 'us' && next) {
    if (side(next, 'arr') === 'us') out.push({ code: 'day-transfer-after', weight: 1, text: `the aircraft flies on within the US next (${at(next)})` });
    else if (side(next, 'arr') === 'abroad') out.push({ code: 'day-rotation', weight: 0, text: `the aircraft goes straight out abroad again (${at(next)}): rotation work` });
  }
  return out;
}

function sideOfLeg(airport: string | null, country: string | null): Side {
  if (!airport || !country) return 'unknown';
  return US_SIDE.has(country) ? 'us' : 'abroad';
}

/**
 * The aircraft's week: contractors give the program whole aircraft for weeks at a time, so a leg
 * flown by an aircraft whose other legs of the week are firmly the program's is likely the
 * program's too, and one whose week is other charter work likely is not.
 */
export function aircraftWeekEvidence(program: number, other: number): Evidence | null {
  const n = program + other;
  if (n < 3) return null;
  if (program / n >= 0.6) return { code: 'aircraft-week-program', weight: 1.5, text: `the aircraft's other legs within a week are mostly program work (${program} of ${n} firmly decided)` };
  if (program / n <= 0.2) return { code: 'aircraft-week-other', weight: -1.5, text: `the aircraft's other legs within a week are mostly other work (${other} of ${n} firmly decided)` };
  return null;
}
