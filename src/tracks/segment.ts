/**
 * Legs from one aircraft's cleaned track: split at take-offs and landings, never at a fixed time gap.
 *
 * 1. Ground stays: runs of points on the ground (the source's flag, unless the aircraft moves
 *    faster than 200 kt; or slower than 50 kt whatever the flag says), trimmed to the points within
 *    2,000 ft of the field under them (a stuck flag on a climb-out is not a stay), kept when at an
 *    airport or seen crawling.
 * 2. Between stays, airborne stretches; two stays with no real flight between them are one stay.
 * 3. Inside a stretch, a gap of 8 minutes or more is a landing when the aircraft was low near a fit
 *    field on either side of it; a gap is also a break when the aircraft could not have flown it
 *    (it covers less than 45% of the distance its speed allows — 80% when the callsign changed
 *    across it — or lasts over 14 hours). Any other gap, however long, keeps the leg whole
 *    (coverage holes over oceans).
 * 4. Each piece that flew (5 km, 1,500 ft or 10 minutes; at the very start or end of the data, any
 *    point clearly flying next to a stay) is a leg; its ends get airports (ends.ts).
 */
import type { Airport } from '../airports/airports.ts';
import { airportsNear } from '../airports/airports.ts';
import { assessEnd, fitFor, groundAirport, type LegEnd, type Sighting } from './ends.ts';
import type { EndRules } from './field-fit.ts';
import { fastKm, greatCircleKm, KT_TO_KMS, type Track } from './track.ts';

export interface DerivedLeg {
  icao24: string;
  /** Indices of the first and last airborne points of the leg in the cleaned track (deriveLegs reuses that track's arrays: use the times). */
  first: number;
  last: number;
  /** Times of the first and last airborne positions. */
  firstSeen: number;
  lastSeen: number;
  departure: LegEnd;
  arrival: LegEnd;
}

export interface SegmentOptions {
  /** Paved runway the aircraft needs, ft. */
  runwayFt: number;
  /** A military type (field-fit.ts): military bases are ordinary ends for it. */
  military?: boolean;
  /** ICAO codes of fields the fleet's leg histories name: a military one stays a candidate end. */
  usedFields?: ReadonlySet<string>;
  /** Times at which the callsign changed, ascending: a hint, never a rule, for gaps (see landedInGap). */
  callsignChanges?: ArrayLike<number>;
}

interface Stay {
  a: number;
  b: number;
  airport: Airport | null;
}

const STAY_MAX_AGL_FT = 2000;
const GAP_S = 480;
const LOW_AGL_FT = 2500;
const LOW_KM = 12;
const MAX_GAP_S = 14 * 3600;
/** Ground seen this long before a take-off (or after a landing) still makes that end observed. */
const ADJACENT_S = 600;

/** The rules of one track's segmentation: those of its ends, and the times its callsign changed. */
interface SegmentRules extends EndRules {
  /** Times at which the callsign changed, ascending (see landedInGap). */
  changes: ArrayLike<number>;
}

const NO_CHANGES: readonly number[] = [];

/** The legs of one cleaned track, in time order. */
export function legsFromTrack(t: Track, { runwayFt, military = false, usedFields, callsignChanges = NO_CHANGES }: SegmentOptions): DerivedLeg[] {
  const rules: SegmentRules = { runwayFt, military, usedFields, changes: callsignChanges };
  const stays = groundStays(t, runwayFt);
  const legs: DerivedLeg[] = [];
  let from = 0;
  for (let s = 0; s <= stays.length; s++) {
    const before = s > 0 ? stays[s - 1]! : null;
    const after = s < stays.length ? stays[s]! : null;
    const end = after ? after.a - 1 : t.n - 1;
    if (end >= from) airborne(t, from, end, before, after, rules, legs);
    if (after) from = after.b + 1;
  }
  return legs;
}

/**
 * The ground test of the legs (and of the live detector, which must agree with them): the source
 * says on the ground (`flag` 1, as in Track.ground) and the aircraft is not faster than 200 kt (a
 * stuck flag), or it is slower than 50 kt whatever the flag says. `gsKt` NaN is unknown; plain
 * comparisons, as NaN compares false, keep it cheap in the hot loop.
 */
export function groundLike(flag: number, gsKt: number): boolean {
  return (flag === 1 && !(gsKt > 200)) || gsKt < 50;
}

/** Ground stays in time order, merged where no real flight separates them. */
function groundStays(t: Track, runwayFt: number): Stay[] {
  const { n, ground, gs, alt, lat, lon } = t;
  const stays: Stay[] = [];
  let i = 0;
  while (i < n) {
    if (!groundLike(ground[i]!, gs[i]!)) { i++; continue; }
    let b = i;
    while (b + 1 < n && groundLike(ground[b + 1]!, gs[b + 1]!)) b++;
    addStay(t, i, b, runwayFt, stays);
    i = b + 1;
  }
  // Merge stays with no real flight between them (flag flapping, fast taxi).
  const merged: Stay[] = [];
  for (const s of stays) {
    const prev = merged[merged.length - 1];
    if (prev && !flew(t, prev.b + 1, s.a - 1, prev)) {
      prev.b = s.b;
      prev.airport ??= s.airport;
    } else merged.push({ ...s });
  }
  return merged;

  function addStay(t: Track, a: number, b: number, runwayFt: number, out: Stay[]): void {
    // The lowest point of the run says where it is.
    let low = a;
    for (let k = a; k <= b; k++) if (alt[k]! < (Number.isNaN(alt[low]!) ? Infinity : alt[low]!)) low = k;
    const prev = out[out.length - 1];
    // Flags flap at one airport: reuse the previous stay's airport when this run is next to it.
    const airport = prev && prev.airport && fastKm(lat[prev.b]!, lon[prev.b]!, lat[low]!, lon[low]!) < 3 ? prev.airport : groundAirport(lat[low]!, lon[low]!, runwayFt);
    let crawled = false;
    let anyGs = false;
    for (let k = a; k <= b; k++) {
      if (gs[k]! < 50) { crawled = true; break; }
      if (!Number.isNaN(gs[k]!)) anyGs = true;
    }
    if (!airport && (!crawled || alt[low]! > 12000)) return;
    // The flag alone is not enough when the aircraft is seen moving at flying speed above the field (a stuck flag on an approach).
    const atFieldLevel = airport !== null && alt[low]! <= airport.elevationFt + 1000;
    if (!crawled && !atFieldLevel && (anyGs || !Number.isNaN(alt[low]!))) return;
    const ceiling = (airport ? airport.elevationFt : Number.isNaN(alt[low]!) ? 0 : alt[low]!) + STAY_MAX_AGL_FT;
    let s = low;
    while (s > a && !(alt[s - 1]! > ceiling)) s--;
    let e = low;
    while (e < b && !(alt[e + 1]! > ceiling)) e++;
    if (alt[low]! > ceiling) return;
    out.push({ a: s, b: e, airport });
  }
}

/** Whether the points a..b (airborne, between two stays) are a real flight away from `stay`. */
function flew(t: Track, a: number, b: number, stay: Stay): boolean {
  if (b < a) return false;
  const refLat = t.lat[stay.b]!;
  const refLon = t.lon[stay.b]!;
  const ceiling = (stay.airport ? stay.airport.elevationFt : t.alt[stay.b]! || 0) + 1500;
  for (let k = a; k <= b; k++) {
    if (t.alt[k]! > ceiling) return true;
    if (fastKm(refLat, refLon, t.lat[k]!, t.lon[k]!) > 10) return true;
  }
  return t.time[b]! - t.time[a]! > 1800;
}

/** Splits the airborne stretch a..b (between stays `before` and `after`) into legs. */
function airborne(t: Track, a: number, b: number, before: Stay | null, after: Stay | null, rules: SegmentRules, legs: DerivedLeg[]): void {
  const { time } = t;
  let start = a;
  for (let i = a; i < b; i++) {
    if (time[i + 1]! - time[i]! < GAP_S) continue;
    if (landedInGap(t, i, rules)) {
      pushLeg(t, start, i, start === a ? before : null, null, rules, legs);
      start = i + 1;
    }
  }
  pushLeg(t, start, b, start === a ? before : null, after, rules, legs);
}

/** Whether the callsign changed between times a (exclusive) and b (inclusive): binary search over the change times. */
function callsignChanged(changes: ArrayLike<number>, a: number, b: number): boolean {
  let lo = 0;
  let hi = changes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (changes[mid]! <= a) lo = mid + 1;
    else hi = mid;
  }
  return lo < changes.length && changes[lo]! <= b;
}

function landedInGap(t: Track, i: number, { runwayFt, changes }: SegmentRules): boolean {
  const dt = t.time[i + 1]! - t.time[i]!;
  if (dt > MAX_GAP_S) return true;
  if (lowNearField(t, i, runwayFt) || lowNearField(t, i + 1, runwayFt)) return true;
  const d = greatCircleKm(t.lat[i]!, t.lon[i]!, t.lat[i + 1]!, t.lon[i + 1]!);
  const gs = Math.max(t.gs[i]! || 0, t.gs[i + 1]! || 0);
  const vRef = gs > 0 ? gs * KT_TO_KMS : 0.2;
  // A new callsign after the gap is a hint of a new flight: then the gap must be flown nearly
  // straight (80% of what its speed allows) to stay one leg; a hint, so a fast gap still does.
  const needed = callsignChanged(changes, t.time[i]!, t.time[i + 1]!) ? 0.8 : 0.45;
  return d / dt < needed * vRef;
}

function lowNearField(t: Track, i: number, runwayFt: number): boolean {
  const alt = t.alt[i]!;
  if (Number.isNaN(alt)) return false;
  for (const { airport } of airportsNear(t.lat[i]!, t.lon[i]!, LOW_KM, fitFor(runwayFt))) {
    if (alt - airport.elevationFt <= LOW_AGL_FT) return true;
  }
  return false;
}

function pushLeg(t: Track, a: number, b: number, before: Stay | null, after: Stay | null, rules: EndRules, legs: DerivedLeg[]): void {
  if (b < a) return;
  const { time, lat, lon, alt } = t;
  let flewFar = fastKm(lat[a]!, lon[a]!, lat[b]!, lon[b]!) > 5 || time[b]! - time[a]! > 600;
  if (!flewFar) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = a; k <= b; k++) if (!Number.isNaN(alt[k]!)) { lo = Math.min(lo, alt[k]!); hi = Math.max(hi, alt[k]!); }
    flewFar = hi - lo > 1500;
  }
  let fragment = false;
  if (!flewFar && (a === 0 || b === t.n - 1)) {
    fragment = true;
    // A take-off just before the data ends (or a landing just after they begin): a leg if any point is clearly flying.
    const stay = before ?? after;
    const field = stay?.airport?.elevationFt;
    if (stay && field !== undefined && Math.abs(t.time[stay === before ? stay.b : stay.a]! - time[stay === before ? a : b]!) <= ADJACENT_S) {
      for (let k = a; k <= b && !flewFar; k++) flewFar = (t.ground[k] === 0 && t.gs[k]! >= 80) || alt[k]! > field + 300;
    }
  }
  if (!flewFar) return;
  legs.push({
    icao24: t.icao24,
    first: a,
    last: b,
    firstSeen: time[a]!,
    lastSeen: time[b]!,
    // A fragment says nothing about its open end: seen for a moment around the field, then gone.
    departure: before ? fromStay(t, before, a, 'departure', rules) : fragment ? { airport: null, status: 'unknown', time: time[a]! } : assessEnd(sighting(t, a, 'departure'), 'departure', rules),
    arrival: after ? fromStay(t, after, b, 'arrival', rules) : fragment ? { airport: null, status: 'unknown', time: time[b]! } : assessEnd(sighting(t, b, 'arrival'), 'arrival', rules),
  });
}

/** The point i as seen for an end, with how far it went the wrong way within the 3 minutes inside the leg. */
function sighting(t: Track, i: number, which: 'departure' | 'arrival'): Sighting {
  const step = which === 'arrival' ? -1 : 1;
  let wrongWayFt = 0;
  const a0 = t.alt[i]!;
  for (let j = i + step; j >= 0 && j < t.n && Math.abs(t.time[j]! - t.time[i]!) <= 180; j += step) {
    if (!Number.isNaN(t.alt[j]!)) wrongWayFt = Math.max(wrongWayFt, a0 - t.alt[j]!);
  }
  return { lat: t.lat[i]!, lon: t.lon[i]!, alt: a0, track: t.track[i]!, time: t.time[i]!, wrongWayFt };
}

/** The end of a leg next to a ground stay: observed when seen within ADJACENT_S of it, inferred when the gap could be flown, else assessed from the airborne point alone. */
function fromStay(t: Track, stay: Stay, i: number, which: 'departure' | 'arrival', rules: EndRules): LegEnd {
  const g = which === 'departure' ? stay.b : stay.a;
  const gap = Math.abs(t.time[i]! - t.time[g]!);
  if (gap <= ADJACENT_S) {
    const time = which === 'departure' ? Math.max(t.time[g]!, t.time[i]! - 60) : Math.min(t.time[g]!, t.time[i]! + 60);
    return stay.airport ? { airport: stay.airport, status: 'observed', time } : { airport: null, status: 'unknown', time };
  }
  const own = assessEnd(sighting(t, i, which), which, rules);
  if (!stay.airport) return own;
  // Lost airborne, seen on the ground later (or earlier): that field, if the gap allows the flight and not much more.
  const d = greatCircleKm(t.lat[i]!, t.lon[i]!, stay.airport.lat, stay.airport.lon);
  const v = (t.gs[i]! > 0 ? t.gs[i]! : 400) * KT_TO_KMS;
  const need = d / v;
  if (need > gap * 1.1 || gap > need + 3 * 3600) return own;
  if (own.airport === stay.airport) return own;
  const time = which === 'departure' ? t.time[i]! - need : t.time[i]! + need;
  return { airport: stay.airport, status: 'inferred', time };
}
