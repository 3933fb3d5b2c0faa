/**
 * Which generated positions a receiver network would have delivered. US and European airspace is
 * covered; the Gulf of Mexico, the oceans and the North Pacific are not; Central America, the
 * Caribbean, South America, Africa and Asia are patchy and only at altitude. Each airport has its
 * own low-level coverage: most US fields are seen down to the ground, most foreign ones only from
 * a floor of 800–4,000 ft above the field. Inside 50 km of the leg's airports that rule decides.
 */
import type { Airport } from '../airports/airports.ts';
import { fastKm } from '../tracks/track.ts';
import { hashUnit } from './random.ts';

export interface Coverage {
  seed: number;
  dropouts: [number, number][];
}

export interface LegCoverage {
  dep: Airport;
  arr: Airport;
  seed: number;
  /** Receiver dropouts on this leg: [start, end) epoch seconds. */
  dropouts: [number, number][];
}

/** Height above the field below which the airport's receivers see nothing (0: ground covered). */
export function airportFloorFt(a: Airport, seed: number): number {
  const u = hashUnit(a.icao, seed);
  if (a.country === 'US' || a.country === 'CH' || a.country === 'PT') return u < 0.97 ? 0 : 1000;
  return u < 0.35 ? 0 : 800 + Math.round(hashUnit(a.icao + '/floor', seed) * 3200);
}

function hardHole(lat: number, lon: number): boolean {
  if (lat > 20.5 && lat < 27 && lon > -95 && lon < -85.5) return true; // Gulf of Mexico
  if (lon > -62 && lon < -20 && lat > -10 && lat < 52) return true; // Atlantic
  if ((lon < -158 || lon > 145) && lat > 35) return true; // North Pacific, Bering Sea
  return false;
}

function patchy(lat: number, lon: number): boolean {
  if (lat > 5 && lat < 18.5 && lon > -92 && lon < -60) return true; // Central America, Caribbean
  if (lat < 12 && lon > -82 && lon < -34) return true; // South America
  if (lat < 25 && lat > -35 && lon > -20 && lon < 55) return true; // Africa
  if (lon > 60 && lon <= 145 && lat > 5) return true; // Asia
  return false;
}

export function isVisible(c: LegCoverage, t: number, lat: number, lon: number, alt: number, onGround: boolean): boolean {
  for (const [a, b] of c.dropouts) if (t >= a && t < b) return false;
  for (const ap of [c.dep, c.arr]) {
    if (fastKm(lat, lon, ap.lat, ap.lon) < 50) {
      const floor = airportFloorFt(ap, c.seed);
      if (onGround) return floor === 0;
      return alt - ap.elevationFt >= floor;
    }
  }
  if (hardHole(lat, lon)) return false;
  if (patchy(lat, lon)) return alt >= 20000 && hashUnit(`${Math.floor(t / 900)}`, c.seed) < 0.5;
  return true;
}
