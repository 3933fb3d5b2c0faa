/**
 * Which airport a leg end belongs to, and how sure we are: chosen by distance, height above the
 * field and whether a runway there fits the aircraft. A 737 last seen at 8,000 ft near a private
 * strip has not landed there; an aircraft lost at cruise has an `unknown` end.
 */
import { airportsNear, type Airport } from '../airports/airports.ts';
import { bearingDeg } from './track.ts';

export type EndStatus = 'observed' | 'inferred' | 'unknown';

export interface LegEnd {
  airport: Airport | null;
  status: EndStatus;
  /** Epoch seconds: the take-off or landing time, estimated when not observed. */
  time: number;
}

/** Paved runway (ft) an aircraft type needs; types not listed need DEFAULT_RUNWAY_FT. */
const RUNWAY_BY_TYPE: Record<string, number> = {
  E135: 4000, E145: 4500, CRJ2: 4500, CRJ7: 5000, E170: 4500, E175: 4500, E190: 5000,
  A319: 5000, A320: 5000, A321: 5500, B733: 5000, B734: 5000, B735: 5000, B737: 5000, B738: 5500, B739: 5500,
  MD82: 5500, MD83: 5500, MD88: 5500, B752: 5500, B762: 6000, B763: 6500, B764: 6500, B772: 7000, B77W: 8000, A332: 7000, A333: 7000, B744: 8000,
};
export const DEFAULT_RUNWAY_FT = 4500;

export function runwayNeededFt(type: string | null | undefined): number {
  return (type && RUNWAY_BY_TYPE[type.toUpperCase()]) || DEFAULT_RUNWAY_FT;
}

const fitCache = new Map<number, (a: Airport) => boolean>();
/** A predicate keeping airports with a paved runway of at least `ft` (cached: one closure per length). */
export function fitFor(ft: number): (a: Airport) => boolean {
  let f = fitCache.get(ft);
  if (!f) fitCache.set(ft, (f = (a) => (a.longestRunwayFt ?? 0) >= ft));
  return f;
}

/** Feet of height per km of distance on a 3° approach or climb-out. */
const GLIDE_FT_PER_KM = 172;
const CLIMB_FT_PER_KM = 320;
/** Search radius for an inferred end, km. */
const INFER_RADIUS_KM = 60;
/** Above this height over the field an end is never inferred, ft. */
const INFER_MAX_FT = 10000;

/** The fit airport a ground stay at (lat, lon) is at: nearest within 6 km, else any airport within 4 km, else null. */
export function groundAirport(lat: number, lon: number, runwayFt: number): Airport | null {
  const fit = airportsNear(lat, lon, 6, fitFor(runwayFt))[0];
  if (fit) return fit.airport;
  return airportsNear(lat, lon, 4)[0]?.airport ?? null;
}

export interface Sighting {
  lat: number;
  lon: number;
  /** Altitude ft, NaN unknown. */
  alt: number;
  /** Track deg, NaN unknown. */
  track: number;
  time: number;
  /** Feet the aircraft went the wrong way over the last (arrival) or next (departure) few minutes: climbing into an arrival, descending out of a departure. */
  wrongWayFt: number;
}

/**
 * Assesses the first (`'departure'`) or last (`'arrival'`) airborne point of a leg with no ground
 * contact next to it. Candidates: fit airports within 60 km, not below the aircraft by more than a
 * glide path plus 2,000 ft, pointed at (arrival) or away from (departure) when the track is known.
 * The best minimises the miss from a 3° path and the distance. `observed` when seen within
 * 1,000 ft and 8 km of the field, `inferred` up to 10,000 ft above it, else `unknown`.
 */
export function assessEnd(p: Sighting, which: 'departure' | 'arrival', runwayFt: number): LegEnd {
  const unknown: LegEnd = { airport: null, status: 'unknown', time: p.time };
  if (Number.isNaN(p.alt)) {
    // No altitude: only a point right on a field says anything.
    const near = airportsNear(p.lat, p.lon, 3, fitFor(runwayFt))[0];
    return near ? { airport: near.airport, status: 'inferred', time: p.time } : unknown;
  }
  let best: Airport | null = null;
  let bestCost = Infinity;
  let bestH = 0;
  let bestD = 0;
  // Approaches come down a 3° path; climb-outs are steeper (about 2,000 ft/min at 180 kt).
  const slope = which === 'arrival' ? GLIDE_FT_PER_KM : CLIMB_FT_PER_KM;
  for (const { airport, distanceKm: d } of airportsNear(p.lat, p.lon, INFER_RADIUS_KM, fitFor(runwayFt))) {
    const h = p.alt - airport.elevationFt;
    if (h > INFER_MAX_FT || h < -1500 || h > slope * d + 2000) continue;
    let turn = 0;
    if (d > 3 && !Number.isNaN(p.track)) {
      const toField = bearingDeg(p.lat, p.lon, airport.lat, airport.lon);
      const want = which === 'arrival' ? toField : (toField + 180) % 360;
      turn = Math.abs(((p.track - want + 540) % 360) - 180);
      if (turn > 100 && d > 8) continue;
    }
    // Cost: feet off the expected path (per 1,000), km away (per 15), degrees off the course to or from the field (per 30).
    const cost = Math.abs(h - slope * d) / 1000 + d / 15 + turn / 30;
    if (cost < bestCost) { bestCost = cost; best = airport; bestH = h; bestD = d; }
  }
  if (!best) return unknown;
  // Climbing away at the last sighting is not an arrival (nor descending at the first a departure), unless right on the field.
  if (p.wrongWayFt > 500 && !(bestH <= 1000 && bestD <= 8)) return unknown;
  // Time on the runway: seen time, moved by the distance at approach speed (about 150 kt).
  const shift = bestD / 0.077;
  const time = which === 'arrival' ? p.time + shift : p.time - shift;
  const status: EndStatus = bestH <= 1000 && bestD <= 8 ? 'observed' : 'inferred';
  return { airport: best, status, time };
}
