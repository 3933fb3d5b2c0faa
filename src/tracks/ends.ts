/**
 * Which airport a leg end belongs to, and how sure we are: chosen by distance, height above the
 * field, whether a runway there fits the aircraft and what kind of field it is (field-fit.ts). A
 * 737 last seen at 8,000 ft near a private strip has not landed there; an A321 climbing out east
 * of Spokane left Spokane International, not Fairchild AFB; an aircraft lost at cruise, or between
 * two fields that fit as well, has an `unknown` end.
 */
import { airportsNear, type Airport } from '../airports/airports.ts';
import { fieldCost, MILITARY_COST, type EndRules } from './field-fit.ts';
import { bearingDeg } from './track.ts';

export type EndStatus = 'observed' | 'inferred' | 'unknown';

export interface LegEnd {
  airport: Airport | null;
  status: EndStatus;
  /** Epoch seconds: the take-off or landing time, estimated when not observed. */
  time: number;
  /** For an end assessed from an airborne sighting: the fields weighed, with their costs (points), and the outcome. */
  evidence?: string;
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

/** Feet of height per km of distance on a 3° approach. */
const GLIDE_FT_PER_KM = 172;
/**
 * Climb-outs are no fixed path: 2,000–4,000 ft/min at 160–270 kt, often after a turn back over the
 * field, so the height over the straight-line distance runs from about 200 to 600 ft/km. Inside
 * that band the height costs nothing.
 */
const CLIMB_MIN_FT_PER_KM = 200;
const CLIMB_MAX_FT_PER_KM = 600;
/** Search radius for an inferred end, km. */
const INFER_RADIUS_KM = 60;
/** Above this height over the field an end is never inferred, ft. */
const INFER_MAX_FT = 10000;
/** A field whose path the sighting misses by more than this (points of height, distance and course alone) is no candidate: the aircraft was lost, not landing there. */
const GEOMETRY_MAX_POINTS = 6;
/** Two candidates closer than this in cost (points) are a toss-up: the end is unknown. */
export const AMBIGUOUS_POINTS = 0.5;

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

interface Candidate {
  airport: Airport;
  cost: number;
  d: number;
  h: number;
}

/**
 * Assesses the first (`'departure'`) or last (`'arrival'`) airborne point of a leg with no ground
 * contact next to it. Candidates: fit airports within 60 km, not more than 10,000 ft below the
 * aircraft nor above the steepest path from them plus 2,000 ft, pointed at (arrival) or away from
 * (departure) when the track is known. Each costs, in points: feet off the path per 1,000 (a 3°
 * approach; a climb-out anywhere from 200 to 600 ft/km costs nothing), km away per 15, degrees off
 * the course to or from the field per 30 (a field more than 6 points off is no candidate), and the
 * field's own cost for the aircraft (field-fit.ts: 4 for a military base the program does not use,
 * 1 for a private strip, up to 0.5 for a runway that only just fits). The cheapest wins unless the next is within 0.5 points: then the end is
 * `unknown`, a toss-up. `observed` when seen within 1,000 ft and 8 km of the field, else
 * `inferred`. The end's `evidence` names the fields weighed.
 */
export function assessEnd(p: Sighting, which: 'departure' | 'arrival', rules: EndRules | number): LegEnd {
  const r: EndRules = typeof rules === 'number' ? { runwayFt: rules, military: false } : rules;
  const unknown = (evidence?: string): LegEnd => ({ airport: null, status: 'unknown', time: p.time, evidence });
  if (Number.isNaN(p.alt)) {
    // No altitude: only a point right on a field says anything.
    const near = airportsNear(p.lat, p.lon, 3, fitFor(r.runwayFt)).find((n) => fieldCost(n.airport, r) < MILITARY_COST);
    return near ? { airport: near.airport, status: 'inferred', time: p.time } : unknown();
  }
  // The three cheapest, cheapest first.
  const top: Candidate[] = [];
  for (const { airport, distanceKm: d } of airportsNear(p.lat, p.lon, INFER_RADIUS_KM, fitFor(r.runwayFt))) {
    const h = p.alt - airport.elevationFt;
    const steepest = which === 'arrival' ? GLIDE_FT_PER_KM : CLIMB_MAX_FT_PER_KM;
    if (h > INFER_MAX_FT || h < -1500 || h > steepest * d + 2000) continue;
    let turn = 0;
    if (d > 3 && !Number.isNaN(p.track)) {
      const toField = bearingDeg(p.lat, p.lon, airport.lat, airport.lon);
      const want = which === 'arrival' ? toField : (toField + 180) % 360;
      turn = Math.abs(((p.track - want + 540) % 360) - 180);
      if (turn > 100 && d > 8) continue;
    }
    const field = fieldCost(airport, r);
    if (field === Infinity) continue;
    const miss = which === 'arrival' ? Math.abs(h - GLIDE_FT_PER_KM * d) : Math.max(0, h - CLIMB_MAX_FT_PER_KM * d, CLIMB_MIN_FT_PER_KM * d - h);
    const geometry = miss / 1000 + d / 15 + turn / 30;
    if (geometry > GEOMETRY_MAX_POINTS) continue;
    const cost = geometry + field;
    if (top.length === 3 && cost >= top[2]!.cost) continue;
    const c: Candidate = { airport, cost, d, h };
    let k = Math.min(top.length, 2);
    if (top.length < 3) top.push(c);
    while (k > 0 && top[k - 1]!.cost > cost) { top[k] = top[k - 1]!; k--; }
    top[k] = c;
  }
  const best = top[0];
  if (!best) return unknown();
  // Climbing away at the last sighting is not an arrival (nor descending at the first a departure), unless right on the field.
  if (p.wrongWayFt > 500 && !(best.h <= 1000 && best.d <= 8)) return unknown();
  const weighed = top.map(describe).join(', ');
  const second = top[1];
  if (second && second.cost - best.cost < AMBIGUOUS_POINTS) {
    return unknown(`${which} unknown: ${best.airport.icao} and ${second.airport.icao} fit within ${AMBIGUOUS_POINTS} points (weighed ${weighed})`);
  }
  // Time on the runway: seen time, moved by the distance at approach speed (about 150 kt).
  const shift = best.d / 0.077;
  const time = which === 'arrival' ? p.time + shift : p.time - shift;
  const status: EndStatus = best.h <= 1000 && best.d <= 8 ? 'observed' : 'inferred';
  return { airport: best.airport, status, time, evidence: `${which} ${best.airport.icao} ${status} (weighed ${weighed})` };
}

/** One formatter for every end (toLocaleString builds one per call). */
const FEET = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "KSKA 5.9 (military, 29 km, 8,813 ft above)": a candidate in an end's evidence. */
function describe(c: Candidate): string {
  return `${c.airport.icao} ${c.cost.toFixed(1)} (${c.airport.kind}, ${Math.round(c.d)} km, ${FEET.format(Math.round(c.h))} ft above)`;
}
