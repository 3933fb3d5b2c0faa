/**
 * Missions: one aircraft's legs chained from leaving a US airport, through foreign stops, back
 * to the US. Works on plain leg records (from positions or from histories alike).
 */

/** US soil for the program: the states and the territories (their airports are "domestic"). */
export const US_SIDE = new Set(['US', 'PR', 'VI', 'GU', 'MP', 'AS', 'UM']);

/** A leg as classification sees it. Times are epoch seconds. */
export interface LegRecord {
  id: number;
  origin: string;
  sourceId: number | null;
  line: number | null;
  icao24: string | null;
  registration: string | null;
  callsign: string | null;
  depAirport: string | null;
  depCountry: string | null;
  depTime: number | null;
  arrAirport: string | null;
  arrCountry: string | null;
  arrTime: number | null;
  /** YYYY-MM-DD, for records that give only a day. */
  legDate: string | null;
  /** Made by the traffic generator: its fictional operators' program numbers are weighed too. */
  generated?: boolean;
}

export interface Mission {
  id: number;
  icao24: string | null;
  registration: string | null;
  /** Leg ids in order. */
  legs: number[];
  startTime: number | null;
  endTime: number | null;
  /** The US airport it left from. */
  startAirport: string | null;
  end: string | null;
  /** Foreign countries visited, in order. */
  countries: string[];
  /** Seen back in the US. */
  complete: boolean;
}

/** Where a leg end is: 'us', 'abroad', or 'unknown' (no airport, or an airport without a known country). */
export type Side = 'us' | 'abroad' | 'unknown';

export function sideOf(airport: string | null, country: string | null): Side {
  if (!airport || !country) return 'unknown';
  return US_SIDE.has(country) ? 'us' : 'abroad';
}

/** Longest gap between two legs of one mission: beyond it the chain is broken (the data lost the aircraft). */
const MAX_GROUND_S = 5 * 86400;

/**
 * Groups legs by aircraft (ICAO address, else registration) and orders each aircraft's legs in time
 * (see `compareLegs`). Legs with neither identity are left out: they cannot be chained.
 */
export function legsByAircraft(legs: LegRecord[]): Map<string, LegRecord[]> {
  const direction = fileDirections(legs);
  const groups = new Map<string, LegRecord[]>();
  for (const leg of legs) {
    const key = leg.icao24 ?? (leg.registration ? `reg:${leg.registration}` : null);
    if (!key) continue;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(leg);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => compareLegs(a, b, direction));
    placeUntimed(list);
  }
  return groups;
}

/**
 * A leg without times can only be placed within its day by its airports: moved to where it
 * continues the leg before and leads into the leg after, when it does not already.
 */
function placeUntimed(list: LegRecord[]): void {
  const fits = (prev: LegRecord | undefined, leg: LegRecord, next: LegRecord | undefined) =>
    (!prev || prev.arrAirport === leg.depAirport) && (!next || next.depAirport === leg.arrAirport);
  for (let i = 0; i < list.length; i++) {
    const leg = list[i]!;
    if (leg.depTime !== null || leg.arrTime !== null || !leg.depAirport || !leg.arrAirport) continue;
    if (fits(list[i - 1], leg, list[i + 1])) continue;
    const rest = [...list.slice(0, i), ...list.slice(i + 1)];
    const day = dayOf(leg);
    for (let k = 0; k <= rest.length; k++) {
      const prev = rest[k - 1];
      const next = rest[k];
      if ((prev && dayOf(prev) !== day && (!next || dayOf(next) !== day)) || (!prev && !next)) continue;
      if (prev && dayOf(prev) > day) break;
      if (prev && next && prev.arrAirport === leg.depAirport && next.depAirport === leg.arrAirport) {
        list.splice(0, list.length, ...rest.slice(0, k), leg, ...rest.slice(k));
        break;
      }
    }
  }
}

/**
 * Chains each aircraft's legs into missions: a leg from the US to a known foreign airport starts
 * one; legs that follow from where the last landed (within five days) belong to it; the first that
 * lands in the US ends it. A leg from elsewhere (a leg missing from the data) or from the US
 * before that ends it incomplete (the way back was not seen).
 */
export function chainMissions(legs: LegRecord[]): { missions: Mission[]; missionOf: Map<number, number> } {
  const missions: Mission[] = [];
  const missionOf = new Map<number, number>();
  for (const list of legsByAircraft(legs).values()) {
    let current: Mission | null = null;
    let lastEnd: number | null = null;
    const add = (m: Mission, leg: LegRecord, atStart = false) => {
      if (atStart) m.legs.unshift(leg.id);
      else m.legs.push(leg.id);
      missionOf.set(leg.id, m.id);
    };
    for (let i = 0; i < list.length; i++) {
      const leg = list[i]!;
      if (missionOf.has(leg.id)) continue;
      const dep = sideOf(leg.depAirport, leg.depCountry);
      const arr = sideOf(leg.arrAirport, leg.arrCountry);
      const start = timeOf(leg);
      // The chain holds while each leg leaves from where the last one landed: a leg missing from the data breaks it.
      const broken = current !== null && leg.depAirport !== null && current.end !== null && leg.depAirport !== current.end;
      if (current && (broken || dep === 'us' || (lastEnd !== null && start !== null && start - lastEnd > MAX_GROUND_S))) current = null;
      if (!current && dep === 'us' && arr === 'abroad') {
        current = {
          id: missions.length + 1, icao24: leg.icao24, registration: leg.registration, legs: [], startTime: leg.depTime ?? start,
          endTime: null, startAirport: leg.depAirport, end: null, countries: [], complete: false,
        };
        missions.push(current);
        // US legs flown just before under the same callsign (a pickup, a fuel stop such as Anchorage) belong to it.
        for (let j = i - 1; j >= 0; j--) {
          const before = list[j]!;
          if (!sameFlight(before, list[j + 1]!) || missionOf.has(before.id)) break;
          add(current, before, true);
          current.startAirport = before.depAirport;
          current.startTime = before.depTime ?? timeOf(before);
        }
      }
      if (current) {
        add(current, leg);
        current.endTime = leg.arrTime ?? timeOf(leg);
        current.end = leg.arrAirport;
        if (arr === 'abroad' && leg.arrCountry && !current.countries.includes(leg.arrCountry)) current.countries.push(leg.arrCountry);
        if (arr === 'us') {
          current.complete = true;
          // And the US legs flown just after under the same callsign (back to the staging airport).
          for (let j = i + 1; j < list.length && sameFlight(list[j - 1]!, list[j]!); j++) {
            add(current, list[j]!);
            current.endTime = list[j]!.arrTime ?? timeOf(list[j]!);
            current.end = list[j]!.arrAirport;
          }
          current = null;
        } else if (arr === 'unknown') current = null;
      }
      lastEnd = leg.arrTime ?? start;
    }
  }
  return { missions, missionOf };
}

/** Longest stop between two legs of one flight under one callsign. */
const MAX_STOP_S = 12 * 3600;

/** `b` continues `a` within the US: the same callsign, from where `a` landed, within 12 hours. */
function sameFlight(a: LegRecord, b: LegRecord): boolean {
  const us = (x: LegRecord) => sideOf(x.depAirport, x.depCountry) === 'us' && sideOf(x.arrAirport, x.arrCountry) === 'us';
  const inside = us(a) || us(b);
  if (!inside || !a.callsign || a.callsign !== b.callsign || a.arrAirport !== b.depAirport) return false;
  const gap = (b.depTime ?? NaN) - (a.arrTime ?? NaN);
  return gap >= 0 && gap < MAX_STOP_S;
}

/** Longest time between a leg lost in the air and the same aircraft's next take-off for the two to be joined. */
const MAX_UNSEEN_S = 48 * 3600;

/**
 * Mission shape: an end the data did not show, filled from the aircraft's neighbouring leg — an
 * arrival lost in the air (a coverage hole) from where the aircraft next takes off (within 48 h),
 * a departure not seen from where it last landed. Returns copies of the legs with those ends
 * filled, and for each filled leg a note saying so; a leg's stored ends are never changed.
 */
export function fillEndsFromNeighbours(legs: LegRecord[]): { legs: LegRecord[]; notes: Map<number, string> } {
  const filled = new Map<number, LegRecord>();
  const notes = new Map<number, string>();
  const hours = (s: number) => `${(s / 3600).toFixed(1)} h`;
  for (const list of legsByAircraft(legs).values()) {
    for (let i = 0; i < list.length; i++) {
      const leg = list[i]!;
      const next = list[i + 1];
      const prev = list[i - 1];
      let copy: LegRecord | null = null;
      if (!leg.arrAirport && next?.depAirport && next.depCountry && next.depTime !== null && leg.depTime !== null) {
        const gap = next.depTime - (leg.arrTime ?? leg.depTime);
        if (gap >= 0 && gap < MAX_UNSEEN_S) {
          copy = { ...leg, arrAirport: next.depAirport, arrCountry: next.depCountry };
          notes.set(leg.id, `arrival not seen; the aircraft next takes off from ${next.depAirport} (${next.depCountry}) ${hours(gap)} after it was last seen, so it landed there (mission shape)`);
        }
      }
      if (!leg.depAirport && prev?.arrAirport && prev.arrCountry && prev.arrTime !== null && leg.depTime !== null) {
        const gap = (leg.depTime ?? 0) - prev.arrTime;
        if (gap >= 0 && gap < MAX_UNSEEN_S) {
          copy = { ...(copy ?? leg), depAirport: prev.arrAirport, depCountry: prev.arrCountry };
          const note = `departure not seen; the aircraft last landed at ${prev.arrAirport} (${prev.arrCountry}) ${hours(gap)} before it was first seen (mission shape)`;
          notes.set(leg.id, notes.has(leg.id) ? `${notes.get(leg.id)}; ${note}` : note);
        }
      }
      if (copy) filled.set(leg.id, copy);
    }
  }
  return { legs: legs.map((l) => filled.get(l.id) ?? l), notes };
}

/** A leg's place in time: its departure, else arrival, else noon of its day. */
export function timeOf(leg: LegRecord): number | null {
  if (leg.depTime !== null) return leg.depTime;
  if (leg.arrTime !== null) return leg.arrTime;
  return leg.legDate ? Date.parse(`${leg.legDate}T12:00:00Z`) / 1000 : null;
}

/** Days already worked out, per leg record (legs are ordered many times over). */
const days = new WeakMap<LegRecord, string>();

function dayOf(leg: LegRecord): string {
  if (leg.legDate) return leg.legDate;
  let day = days.get(leg);
  if (day === undefined) days.set(leg, (day = new Date((timeOf(leg) ?? 0) * 1000).toISOString().slice(0, 10)));
  return day;
}

/**
 * Orders two legs of one aircraft: by day; within a day by time when both have one, else by
 * their order in the same file (flight-history pages list the newest days first, so a file's
 * direction is learnt from its legs that do have times).
 */
function compareLegs(a: LegRecord, b: LegRecord, direction: Map<number, number>): number {
  const da = dayOf(a);
  const db = dayOf(b);
  if (da !== db) return da < db ? -1 : 1;
  const known = (l: LegRecord) => l.depTime ?? l.arrTime;
  const ka = known(a);
  const kb = known(b);
  if (ka !== null && kb !== null && ka !== kb) return ka - kb;
  if (a.sourceId !== null && a.sourceId === b.sourceId && a.line !== null && b.line !== null) return (a.line - b.line) * (direction.get(a.sourceId) ?? 1);
  const ta = timeOf(a) ?? 0;
  const tb = timeOf(b) ?? 0;
  return ta - tb || a.id - b.id;
}

/** For each history file: +1 when its lines run forward in time, -1 when newest first. */
function fileDirections(legs: LegRecord[]): Map<number, number> {
  const votes = new Map<number, number>();
  const previous = new Map<number, LegRecord>();
  for (const leg of legs) {
    if (leg.sourceId === null || leg.line === null || leg.depTime === null) continue;
    const p = previous.get(leg.sourceId);
    if (p && p.depTime !== null && p.line !== null && p.depTime !== leg.depTime) {
      const sameWay = (leg.line - p.line) * (leg.depTime - p.depTime) > 0;
      votes.set(leg.sourceId, (votes.get(leg.sourceId) ?? 0) + (sameWay ? 1 : -1));
    }
    previous.set(leg.sourceId, leg);
  }
  return new Map([...votes].map(([k, v]) => [k, v < 0 ? -1 : 1]));
}
