/**
 * Generated SBS-1 feeds for tests and the soak benchmark: flights between real airports (taxi,
 * take-off roll, climb, cruise, descent, landing roll, taxi) with their exact take-off and
 * touchdown times, written as the BaseStation lines a receiver sends (MSG,1 identification,
 * MSG,4 velocity, MSG,3 airborne and MSG,2 surface positions).
 */
import type { Airport } from '../airports/airports.ts';
import { bearingDeg, greatCircleKm, KT_TO_KMS } from '../tracks/track.ts';

/** One sample of a simulated aircraft. */
export interface SimPoint {
  time: number;
  lat: number;
  lon: number;
  altFt: number;
  gsKt: number;
  trackDeg: number;
  vrateFpm: number;
  onGround: boolean;
}

export interface SimFlight {
  icao24: string;
  callsign: string;
  from: Airport;
  to: Airport;
  /** Epoch seconds of lift-off and touchdown. */
  takeoff: number;
  landing: number;
  points: SimPoint[];
}

export interface FlightOptions {
  icao24: string;
  callsign: string;
  from: Airport;
  to: Airport;
  /** Epoch seconds when it starts to taxi. */
  start: number;
  /** Seconds between samples in the air and on the ground. */
  stepSeconds?: number;
  /** Minutes of taxi before take-off and after landing. */
  taxiMinutes?: number;
  cruiseFt?: number;
}

const RAD = Math.PI / 180;

/** The point a fraction `f` of the way along the great circle from a to b. */
function along(a: Airport, b: Airport, f: number): [number, number] {
  const [la1, lo1, la2, lo2] = [a.lat * RAD, a.lon * RAD, b.lat * RAD, b.lon * RAD];
  const d = greatCircleKm(a.lat, a.lon, b.lat, b.lon) / 6371;
  if (d < 1e-9) return [a.lat, a.lon];
  const A = Math.sin((1 - f) * d) / Math.sin(d);
  const B = Math.sin(f * d) / Math.sin(d);
  const x = A * Math.cos(la1) * Math.cos(lo1) + B * Math.cos(la2) * Math.cos(lo2);
  const y = A * Math.cos(la1) * Math.sin(lo1) + B * Math.cos(la2) * Math.sin(lo2);
  const z = A * Math.sin(la1) + B * Math.sin(la2);
  return [Math.atan2(z, Math.hypot(x, y)) / RAD, Math.atan2(y, x) / RAD];
}

/** A planned flight: its phases' times and rates, from which any instant is computed (no stored points). */
export interface FlightPlan {
  from: Airport;
  to: Airport;
  /** Epoch seconds: taxi start, lift-off, touchdown, end of taxi-in. */
  start: number;
  takeoff: number;
  landing: number;
  end: number;
  totalKm: number;
  cruiseFt: number;
  climbS: number;
  climbKm: number;
  cruiseS: number;
  descentS: number;
  taxiS: number;
  heading: number;
}

const ROLL_S = 40;

/** Plans a flight from `from` to `to`: taxi at 15 kt, a 40 s roll to 150 kt, climb at 2,000 ft/min and 250 kt, cruise at 450 kt, a 3° descent, a 30 s roll to 20 kt, taxi. */
export function planFlight({ from, to, start, taxiMinutes = 4, cruiseFt = 35000 }: Pick<FlightOptions, 'from' | 'to' | 'start' | 'taxiMinutes' | 'cruiseFt'>): FlightPlan {
  const totalKm = greatCircleKm(from.lat, from.lon, to.lat, to.lon);
  const cruise = Math.min(cruiseFt, Math.max(8000, totalKm * 60));
  const climbS = ((cruise - from.elevationFt) / 2000) * 60;
  const climbKm = climbS * 250 * KT_TO_KMS;
  const descentKm = (cruise - to.elevationFt) / 318; // 3°: about 318 ft per km
  const descentS = descentKm / (280 * KT_TO_KMS);
  const cruiseS = Math.max(0, totalKm - climbKm - descentKm) / (450 * KT_TO_KMS);
  const taxiS = taxiMinutes * 60;
  const takeoff = start + taxiS + ROLL_S;
  const landing = takeoff + climbS + cruiseS + descentS;
  return { from, to, start, takeoff, landing, end: landing + 30 + taxiS, totalKm, cruiseFt: cruise, climbS, climbKm, cruiseS, descentS, taxiS, heading: bearingDeg(from.lat, from.lon, to.lat, to.lon) };
}

/** Where the planned aircraft is at time `t` (between `start` and `end`). */
export function flightPoint(f: FlightPlan, t: number): SimPoint {
  const { from, to, start, takeoff, landing, totalKm, taxiS, heading } = f;
  if (t < start + taxiS) {
    // Taxi: a slow crawl about the field.
    return { time: t, lat: from.lat + 0.002 * Math.sin((t - start) / 60), lon: from.lon, altFt: from.elevationFt, gsKt: 15, trackDeg: heading, vrateFpm: 0, onGround: true };
  }
  if (t < takeoff) {
    const x = (t - start - taxiS) / ROLL_S;
    const [lat, lon] = along(from, to, (x * 1.5) / Math.max(totalKm, 1.5));
    return { time: t, lat, lon, altFt: from.elevationFt, gsKt: 20 + 130 * x, trackDeg: heading, vrateFpm: 0, onGround: true };
  }
  if (t < landing) {
    const s = t - takeoff;
    let km: number;
    let alt: number;
    let gs: number;
    let vr: number;
    if (s < f.climbS) {
      km = 1.5 + s * 250 * KT_TO_KMS;
      alt = from.elevationFt + (s / 60) * 2000;
      gs = Math.min(250, 150 + s);
      vr = 2000;
    } else if (s < f.climbS + f.cruiseS) {
      km = 1.5 + f.climbKm + (s - f.climbS) * 450 * KT_TO_KMS;
      alt = f.cruiseFt;
      gs = 450;
      vr = 0;
    } else {
      const left = landing - t;
      km = totalKm - (left < 300 ? left * 150 : 300 * 150 + (left - 300) * 280) * KT_TO_KMS;
      alt = to.elevationFt + (f.cruiseFt - to.elevationFt) * (left / f.descentS);
      gs = left < 300 ? 150 : 280;
      vr = -1500;
    }
    const [lat, lon] = along(from, to, Math.min(1, Math.max(0, km / totalKm)));
    return { time: t, lat, lon, altFt: Math.round(alt / 25) * 25, gsKt: gs, trackDeg: heading, vrateFpm: vr, onGround: false };
  }
  if (t < landing + 30) {
    const x = (t - landing) / 30;
    return { time: t, lat: to.lat, lon: to.lon, altFt: to.elevationFt, gsKt: 140 - 120 * x, trackDeg: heading, vrateFpm: 0, onGround: true };
  }
  return { time: t, lat: to.lat + 0.002 * Math.sin((t - landing) / 60), lon: to.lon, altFt: to.elevationFt, gsKt: 15, trackDeg: heading, vrateFpm: 0, onGround: true };
}

/** A flight sampled every `stepSeconds` from taxi-out to the end of taxi-in. */
export function simulateFlight({ icao24, callsign, from, to, start, stepSeconds = 5, taxiMinutes = 4, cruiseFt = 35000 }: FlightOptions): SimFlight {
  const plan = planFlight({ from, to, start, taxiMinutes, cruiseFt });
  const points: SimPoint[] = [];
  for (let t = start; t <= plan.end; t += stepSeconds) points.push(flightPoint(plan, t));
  return { icao24, callsign, from, to, takeoff: plan.takeoff, landing: plan.landing, points };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `2024/07/02` and `15:03:10.000` of an epoch second. */
export function sbsDateTime(t: number): [string, string] {
  const d = new Date(Math.round(t * 1000));
  return [
    `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`,
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`,
  ];
}

/**
 * The SBS lines of one sample: identification once a minute, velocity, then the position
 * (surface MSG,2 on the ground, airborne MSG,3 with altitude and the ground flag 0).
 */
export function sbsLines(icao24: string, callsign: string, p: SimPoint): string[] {
  const [d, t] = sbsDateTime(p.time);
  const hex = icao24.toUpperCase();
  const head = (type: number) => `MSG,${type},1,1,${hex},1,${d},${t},${d},${t}`;
  const lines: string[] = [];
  if (Math.floor(p.time) % 60 < 5) lines.push(`${head(1)},${callsign},,,,,,,,,,,0`);
  lines.push(`${head(4)},,,${p.gsKt.toFixed(0)},${p.trackDeg.toFixed(1)},,,${p.vrateFpm.toFixed(0)},,0,0,0,0`);
  if (p.onGround) lines.push(`${head(2)},,${p.altFt.toFixed(0)},${p.gsKt.toFixed(0)},${p.trackDeg.toFixed(1)},${p.lat.toFixed(5)},${p.lon.toFixed(5)},,,0,0,0,-1`);
  else lines.push(`${head(3)},,${p.altFt.toFixed(0)},,,${p.lat.toFixed(5)},${p.lon.toFixed(5)},,,0,0,0,0`);
  return lines;
}

/** A whole flight as SBS text, one line each, CRLF as receivers send it. */
export function flightFeed(f: SimFlight): string {
  return f.points.flatMap((p) => sbsLines(f.icao24, f.callsign, p)).join('\r\n') + '\r\n';
}
