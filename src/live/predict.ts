/**
 * A likely destination for an aircraft that has just taken off: a PREDICTION, always marked as
 * such, never stored as a leg end. Two bases, in order:
 *
 * 1. `pattern`: where legs from the same departure airport went before (the `legs` table: known
 *    mission patterns), keeping those ahead of the aircraft's course; the most frequent wins.
 * 2. `course`: the large airport (paved runway of 9,000 ft or more) 250–3,000 km ahead closest to
 *    the aircraft's course line.
 */
import { allAirports, type Airport } from '../airports/airports.ts';
import type { Store } from '../store/store.ts';
import { routeCounts } from '../query/legs.ts';
import { bearingDeg, greatCircleKm } from '../tracks/track.ts';

export interface Prediction {
  /** ICAO code of the predicted destination. */
  airport: string;
  airportName: string;
  country: string;
  basis: 'pattern' | 'course';
  /** Share of earlier legs from the departure airport that went there (pattern), or 0 (course). */
  share: number;
  /** Always true: this is a guess from course and history, not an observation. */
  predicted: true;
  reason: string;
}

/** Earlier arrivals by departure airport: `KAEX` → [[`MHLM`, 12], …], most frequent first. */
export type Patterns = Map<string, [string, number][]>;

/** Loads the leg patterns from the store (empty when there are no legs yet). */
export async function loadPatterns(store: Store): Promise<Patterns> {
  const rows = await routeCounts(store);
  const out: Patterns = new Map();
  for (const r of rows) {
    const list = out.get(r.dep) ?? [];
    list.push([r.arr, r.n]);
    out.set(r.dep, list);
  }
  return out;
}

export interface PredictInput {
  departure: Airport | null;
  lat: number;
  lon: number;
  /** True track, degrees; NaN unknown. */
  trackDeg: number;
  patterns: Patterns;
  /** Airport lookup by ICAO code (for pattern destinations). */
  byCode: (code: string) => Airport | undefined;
}

/** Within this many degrees of the course, a destination is "ahead". */
const AHEAD_DEG = 60;

/** The predicted destination, or null when nothing fits. */
export function predictDestination({ departure, lat, lon, trackDeg, patterns, byCode }: PredictInput): Prediction | null {
  const off = (a: Airport) => (Number.isNaN(trackDeg) ? 0 : angle(bearingDeg(lat, lon, a.lat, a.lon), trackDeg));
  const history = departure ? patterns.get(departure.icao) : undefined;
  if (history && history.length > 0) {
    const total = history.reduce((s, [, n]) => s + n, 0);
    for (const [code, n] of history) {
      const a = byCode(code);
      if (!a || off(a) > AHEAD_DEG) continue;
      return make(a, 'pattern', n / total, `${n} of ${total} earlier legs from ${departure!.icao} went to ${code}; it lies ${Math.round(off(a))}° off the current course`);
    }
  }
  if (Number.isNaN(trackDeg)) return null;
  let best: Airport | null = null;
  let bestOff = 8;
  for (const a of bigAirports()) {
    const d = greatCircleKm(lat, lon, a.lat, a.lon);
    if (d < 250 || d > 3000) continue;
    const o = off(a);
    if (o < bestOff) { bestOff = o; best = a; }
  }
  if (!best) return null;
  return make(best, 'course', 0, `the large airport closest to the course line (${Math.round(bestOff)}° off) 250–3,000 km ahead; no earlier legs from ${departure?.icao ?? 'this airport'} ahead of the course`);
}

function make(a: Airport, basis: Prediction['basis'], share: number, reason: string): Prediction {
  return { airport: a.icao, airportName: a.name, country: a.country, basis, share: Math.round(share * 100) / 100, predicted: true, reason };
}

let big: Airport[] | undefined;
function bigAirports(): Airport[] {
  big ??= allAirports().filter((a) => (a.longestRunwayFt ?? 0) >= 9000);
  return big;
}

/** Smallest angle between two bearings, degrees. */
function angle(a: number, b: number): number {
  return Math.abs(((a - b + 540) % 360) - 180);
}
