/**
 * Take-offs and landings of watched aircraft as positions arrive, decided by the SAME rules as the
 * batch legs: each aircraft keeps a short recent track (typed arrays, bounded), and at the moments
 * an event can happen (ground → air, air → ground, a long gap, the aircraft falling silent) the
 * batch code (`cleanTrack` then `legsFromTrack`, src/tracks/) is run on that recent track. A leg
 * end it finds is an event:
 *
 * - take-off: the departure end of a leg, observed or inferred, whose first point is not the
 *   first of a trimmed window (a track that starts at cruise has no take-off in it), once the
 *   aircraft has climbed away (`climbedAway`: the batch rules accept a lone airborne point at the
 *   end of the data, which live is not yet a take-off);
 * - landing: the arrival end of a leg with points after it (a ground stay, or the next leg after a
 *   gap), observed or inferred; or, when the aircraft falls silent, the arrival of its last leg.
 *
 * An arrival at the last point of the track is never an event: the aircraft is still flying.
 */
import type { Airport } from '../airports/airports.ts';
import { cleanTrack } from '../tracks/clean.ts';
import { runwayNeededFt, type LegEnd } from '../tracks/ends.ts';
import { groundLike, legsFromTrack } from '../tracks/segment.ts';
import { allocTrack, fastKm, type Track } from '../tracks/track.ts';
import type { PositionRow } from '../ingest/positions/stage.ts';

export type LiveEventKind = 'takeoff' | 'landing';

/** A take-off or landing found in an aircraft's recent track. */
export interface LiveEvent {
  event: LiveEventKind;
  icao24: string;
  airport: Airport | null;
  status: 'observed' | 'inferred';
  /** Epoch seconds of the take-off or touchdown (estimated as the batch legs estimate it). */
  time: number;
  /** Feed time (epoch s) of the position that revealed it. */
  detectedAt: number;
  callsign: string | null;
  /** The aircraft at detection: position, altitude ft, ground speed kt, track deg (NaN unknown). */
  last: { time: number; lat: number; lon: number; altFt: number; gsKt: number; trackDeg: number };
  /** Why, in words. */
  evidence: string;
}

export interface DetectorOptions {
  /** Seconds of track kept per aircraft (the window the rules look at). */
  windowSeconds?: number;
  /** Most points kept per aircraft; older ones are dropped first. */
  maxPoints?: number;
  /** Points closer than this (s) to the previous kept one, in the same phase, are not kept in the window (they are still stored). */
  minStepSeconds?: number;
  /** An aircraft not heard for this long (feed seconds) is evaluated one last time and forgotten. */
  evictSeconds?: number;
  /** ICAO type designator per address (decides which runways fit); default runway otherwise. A watch session passes the registry's types. */
  types?: ReadonlyMap<string, string>;
}

/** Per-aircraft state: the recent track and what the last point was. */
interface AircraftState {
  /** Recent track; `track.n` points in time order of arrival. */
  track: Track;
  /** Whether points were dropped from the front (the first point is then not the first heard). */
  trimmed: boolean;
  /** Phase of the latest point: ground-like or airborne. */
  phase: 'ground' | 'air';
  /** Feed time of the latest point heard (kept or not). */
  lastHeard: number;
  /** Feed time from which every point is evaluated until a take-off is found (0 = none pending). */
  takeoffPendingSince: number;
  /** Feed time from which every point is evaluated until a landing is found (0 = none pending). */
  landingPendingSince: number;
  callsign: string | null;
  /** Events already reported for this aircraft (event and time), newest last, a few kept. */
  reported: { event: LiveEventKind; time: number }[];
  runwayFt: number;
}

/** The same two events within this many seconds of each other are one event. */
export const SAME_EVENT_SECONDS = 20 * 60;
/** How long after a phase change every point is evaluated, feed seconds. */
const PENDING_SECONDS = 15 * 60;
/** A gap this long inside an airborne stretch can be a landing (segment.ts GAP_S). */
const GAP_SECONDS = 480;

/** A position's ground flag as the track stores it (1 on the ground, 0 airborne, -1 not said). */
const flagOf = (onGround: boolean | null) => (onGround === null ? -1 : onGround ? 1 : 0);

export class LiveDetector {
  readonly #aircraft = new Map<string, AircraftState>();
  readonly #windowSeconds: number;
  readonly #maxPoints: number;
  readonly #minStep: number;
  readonly #evictSeconds: number;
  readonly #types: ReadonlyMap<string, string>;
  /** Latest feed time seen from any aircraft: the clock for eviction. */
  #clock = 0;
  /** Aircraft forgotten after falling silent. */
  evicted = 0;

  constructor({ windowSeconds = 45 * 60, maxPoints = 480, minStepSeconds = 4, evictSeconds = 20 * 60, types = new Map() }: DetectorOptions = {}) {
    this.#windowSeconds = windowSeconds;
    this.#maxPoints = maxPoints;
    this.#minStep = minStepSeconds;
    this.#evictSeconds = evictSeconds;
    this.#types = types;
  }

  /** Aircraft currently followed. */
  get size(): number {
    return this.#aircraft.size;
  }

  /** Feed time of the latest position. */
  get clock(): number {
    return this.#clock;
  }

  /** Adds one position of a watched aircraft; returns the events it reveals (usually none). */
  push(p: PositionRow): LiveEvent[] {
    if (p.time > this.#clock) this.#clock = p.time;
    let s = this.#aircraft.get(p.icao24);
    // The batch legs' own ground test, on the position as the track will hold it.
    const ground = groundLike(flagOf(p.onGround), p.gsKt ?? NaN);
    if (!s) {
      s = {
        track: allocTrack(p.icao24, 32),
        trimmed: false,
        phase: ground ? 'ground' : 'air',
        lastHeard: p.time,
        takeoffPendingSince: 0,
        landingPendingSince: 0,
        callsign: p.callsign,
        reported: [],
        runwayFt: runwayNeededFt(this.#types.get(p.icao24)),
      };
      this.#aircraft.set(p.icao24, s);
      append(s, p, this.#maxPoints);
      return [];
    }
    const t = s.track;
    const prevTime = t.n > 0 ? t.time[t.n - 1]! : -Infinity;
    // Out of order by more than a minute: a late receiver; stored, but not part of the live picture.
    if (p.time < prevTime - 60) return [];
    s.lastHeard = Math.max(s.lastHeard, p.time);
    if (p.callsign) s.callsign = p.callsign;
    const gap = p.time - prevTime;
    const phaseChanged = (ground ? 'ground' : 'air') !== s.phase;
    if (!phaseChanged && gap < this.#minStep && s.takeoffPendingSince === 0 && s.landingPendingSince === 0) return [];
    if (phaseChanged) {
      if (ground) s.landingPendingSince = p.time;
      else s.takeoffPendingSince = p.time;
      s.phase = ground ? 'ground' : 'air';
    }
    append(s, p, this.#maxPoints);
    trimOld(s, p.time - this.#windowSeconds);
    const longGap = gap >= GAP_SECONDS && t.n > 1;
    if (longGap && !ground) s.takeoffPendingSince = p.time;
    if (s.takeoffPendingSince && p.time - s.takeoffPendingSince > PENDING_SECONDS) s.takeoffPendingSince = 0;
    if (s.landingPendingSince && p.time - s.landingPendingSince > PENDING_SECONDS) s.landingPendingSince = 0;
    if (!phaseChanged && !longGap && !s.takeoffPendingSince && !s.landingPendingSince) return [];
    return this.#evaluate(s, false);
  }

  /** Forgets aircraft not heard for `evictSeconds` of feed time, after a last evaluation (a landing where coverage ends). */
  evictSilent(now = this.#clock): LiveEvent[] {
    const out: LiveEvent[] = [];
    for (const [icao24, s] of this.#aircraft) {
      if (now - s.lastHeard < this.#evictSeconds) continue;
      if (s.phase === 'air') out.push(...this.#evaluate(s, true));
      this.#aircraft.delete(icao24);
      this.evicted++;
    }
    return out;
  }

  /** Runs the batch rules on the recent track and returns the events not reported before. */
  #evaluate(s: AircraftState, final: boolean): LiveEvent[] {
    const clean = cleanTrack(s.track);
    if (clean.n < 2) return [];
    const legs = legsFromTrack(clean, { runwayFt: s.runwayFt });
    const out: LiveEvent[] = [];
    const lastIndex = clean.n - 1;
    for (const leg of legs) {
      const dep = leg.departure;
      if (dep.status !== 'unknown' && !(leg.first === 0 && s.trimmed) && climbedAway(clean, leg.first, leg.last, dep)) {
        this.#report(s, 'takeoff', dep, clean, lastIndex, evidenceTakeoff(clean, leg.first, dep), out);
        if (s.takeoffPendingSince && dep.time >= s.takeoffPendingSince - 900) s.takeoffPendingSince = 0;
      }
      const arr = leg.arrival;
      if (arr.status !== 'unknown' && (leg.last < lastIndex || final)) {
        this.#report(s, 'landing', arr, clean, lastIndex, evidenceLanding(clean, leg.last, arr, leg.last < lastIndex), out);
        s.landingPendingSince = 0;
      }
    }
    return out;
  }

  #report(s: AircraftState, event: LiveEventKind, end: LegEnd, t: Track, i: number, evidence: string, out: LiveEvent[]): void {
    if (s.reported.some((r) => r.event === event && Math.abs(r.time - end.time) < SAME_EVENT_SECONDS)) return;
    s.reported.push({ event, time: end.time });
    if (s.reported.length > 8) s.reported.shift();
    out.push({
      event,
      icao24: t.icao24,
      airport: end.airport,
      status: end.status as 'observed' | 'inferred',
      time: end.time,
      detectedAt: t.time[i]!,
      callsign: s.callsign,
      last: { time: t.time[i]!, lat: t.lat[i]!, lon: t.lon[i]!, altFt: t.alt[i]!, gsKt: t.gs[i]!, trackDeg: t.track[i]! },
      evidence,
    });
  }
}

/** Live confirmation of a take-off the batch rules see: two airborne points or more, now 300 ft above the field or 3 km from it (one airborne-flagged point while taxiing is not a take-off). */
function climbedAway(t: Track, first: number, last: number, dep: LegEnd): boolean {
  if (last <= first) return false;
  const a = dep.airport;
  if (!a) return true;
  const alt = t.alt[last]!;
  return (!Number.isNaN(alt) && alt - a.elevationFt >= 300) || fastKm(t.lat[last]!, t.lon[last]!, a.lat, a.lon) >= 3;
}

/** Appends a position to the aircraft's track, growing the arrays up to `max` and dropping the oldest quarter past it. */
function append(s: AircraftState, p: PositionRow, max: number): void {
  let t = s.track;
  if (t.n === t.time.length) {
    if (t.n < max) {
      const bigger = allocTrack(t.icao24, Math.min(max, t.n * 2));
      copyInto(t, 0, t.n, bigger);
      s.track = t = bigger;
    } else dropFront(s, Math.ceil(max / 4));
  }
  const i = t.n++;
  t.time[i] = p.time;
  t.lat[i] = p.lat;
  t.lon[i] = p.lon;
  t.alt[i] = p.altBaroFt ?? p.altGeomFt ?? NaN;
  t.gs[i] = p.gsKt ?? NaN;
  t.track[i] = p.trackDeg ?? NaN;
  t.ground[i] = flagOf(p.onGround);
}

/** Drops the points older than `cutoff`, keeping at least the latest two. */
function trimOld(s: AircraftState, cutoff: number): void {
  const t = s.track;
  let k = 0;
  while (k < t.n - 2 && t.time[k]! < cutoff) k++;
  // Compact in steps of a few points at least: copying per point would cost O(n) each time.
  if (k >= 8 || (k > 0 && k === t.n - 2)) dropFront(s, k);
}

function dropFront(s: AircraftState, k: number): void {
  const t = s.track;
  for (const a of [t.time, t.lat, t.lon, t.alt, t.gs, t.track, t.ground]) a.copyWithin(0, k, t.n);
  t.n -= k;
  s.trimmed = true;
}

function copyInto(from: Track, a: number, b: number, to: Track): void {
  to.time.set(from.time.subarray(a, b));
  to.lat.set(from.lat.subarray(a, b));
  to.lon.set(from.lon.subarray(a, b));
  to.alt.set(from.alt.subarray(a, b));
  to.gs.set(from.gs.subarray(a, b));
  to.track.set(from.track.subarray(a, b));
  to.ground.set(from.ground.subarray(a, b));
  to.n = b - a;
}

const iso = (t: number) => new Date(Math.round(t * 1000)).toISOString().replace('.000Z', 'Z');
const ft = (v: number) => (Number.isNaN(v) ? 'unknown altitude' : `${Math.round(v).toLocaleString('en-US')} ft`);
const kt = (v: number) => (Number.isNaN(v) ? 'unknown speed' : `${Math.round(v)} kt`);

function evidenceTakeoff(t: Track, first: number, end: LegEnd): string {
  const where = end.airport ? end.airport.icao : 'no airport';
  const ground = first > 0 ? `on the ground at ${where} until ${iso(t.time[first - 1]!)}, ` : `first seen low near ${where}, `;
  const i = t.n - 1;
  return `${ground}airborne from ${iso(t.time[first]!)}; now ${ft(t.alt[i]!)}, ${kt(t.gs[i]!)} (take-off ${end.status}, batch leg rules)`;
}

function evidenceLanding(t: Track, last: number, end: LegEnd, seenAfter: boolean): string {
  const where = end.airport ? end.airport.icao : 'no airport';
  const air = `last airborne ${iso(t.time[last]!)} at ${ft(t.alt[last]!)}, ${kt(t.gs[last]!)}`;
  const after = seenAfter && last + 1 < t.n ? `; next seen ${iso(t.time[last + 1]!)}${groundLike(t.ground[last + 1]!, t.gs[last + 1]!) ? ` on the ground at ${where}` : ''}` : '; then silent';
  return `${air}${after} (landing ${end.status}, batch leg rules)`;
}
