/**
 * A seeded generator of a charter fleet's ADS-B positions over a period, with the exact ground
 * truth: every leg (airports, take-off and landing times, kind) and every removal mission. The
 * positions carry what real receivers deliver: coverage holes over oceans and Central America,
 * fields without ground coverage, noise, outliers, duplicate receivers, stuck or missing
 * on-ground flags, barometric and geometric altitudes, go-arounds.
 */
import { airportByCode, type Airport } from '../airports/airports.ts';
import { runwayNeededFt } from '../tracks/ends.ts';
import { greatCircleKm, KT_TO_KMS } from '../tracks/track.ts';
import { BORDER, HAVANA, HAVANA_GATEWAY, REGIONS, SPORTS, STAGING, TYPES } from './places.ts';
import { hashUnit, pick, seeded } from './random.ts';
import { PositionBuffer } from './positions.ts';
import { isVisible, type Coverage } from './coverage.ts';

export type LegKind = 'removal' | 'return' | 'domestic' | 'lateral' | 'foreign' | 'other';

export interface GeneratedAircraft {
  icao24: string;
  registration: string;
  type: string;
  operator: string;
}

export interface TruthLeg {
  icao24: string;
  callsign: string;
  dep: string;
  arr: string;
  /** Epoch seconds of take-off and touchdown. */
  takeoff: number;
  landing: number;
  kind: LegKind;
  missionId: number | null;
  goAround: boolean;
}

export interface TruthMission {
  id: number;
  icao24: string;
  /** Indices into `legs`. */
  legs: number[];
  /** Foreign countries visited, ISO-2, in order. */
  countries: string[];
  removal: boolean;
}

export interface GeneratedTraffic {
  aircraft: GeneratedAircraft[];
  positions: PositionBuffer;
  legs: TruthLeg[];
  missions: TruthMission[];
}

/** A mission the generator must fly, e.g. the China flight of 2 July 2024. */
export interface Scenario {
  /** Index into the fleet. */
  aircraft: number;
  /** ISO date-time of the first take-off. */
  start: string;
  /** Airports in order, the first and last in the US. */
  route: string[];
  callsign: string;
}

export interface GenerateOptions {
  seed?: number;
  /** ISO date (UTC), inclusive. */
  from?: string;
  /** ISO date (UTC), exclusive. */
  to?: string;
  /** Fleet size, or the fleet itself (types from TYPES). */
  aircraft?: number | GeneratedAircraft[];
  /** Seconds between airborne positions. */
  stepSeconds?: number;
  /** Defects; set 0 to switch one off. */
  noise?: Partial<Noise>;
  /** Missions to fly; by default the China mission of 2 July 2024 when the period covers it. */
  scenarios?: Scenario[];
}

export interface Noise {
  /** Chance a position is replaced by an impossible one. */
  outliers: number;
  /** Chance a position is repeated by a second receiver. */
  duplicates: number;
  /** Chance a landing is first a go-around. */
  goArounds: number;
  /** Share of aircraft whose on-ground flag is stuck (half true, half false). */
  stuckFlags: number;
  /** Share of aircraft that never send the flag. */
  noFlags: number;
  /** Share of aircraft without barometric altitude (geometric only). */
  noBaro: number;
  /** Dropouts (1–5 min) per airborne hour. */
  dropoutsPerHour: number;
}

const DEFAULT_NOISE: Noise = { outliers: 1 / 3000, duplicates: 0.04, goArounds: 0.02, stuckFlags: 0.06, noFlags: 0.05, noBaro: 0.05, dropoutsPerHour: 0.3 };

/** The demo's acceptance scenario: a removal flight to China around 2 July 2024, via Anchorage. */
export const CHINA_2024: Scenario = { aircraft: 0, start: '2024-07-01T15:00:00Z', route: ['KAEX', 'PANC', 'ZBAA', 'PANC', 'KAEX'], callsign: 'RPN1701' };

const HOUR = 3600;

/**
 * Generates the traffic and its truth.
 *
 * @example generateTraffic({ seed: 7, from: '2024-06-15', to: '2024-07-15', aircraft: 60 })
 */
export function generateTraffic({
  seed = 1, from = '2024-06-01', to = '2024-07-01', aircraft = 60, stepSeconds = 10, noise: noiseOptions = {}, scenarios,
}: GenerateOptions = {}): GeneratedTraffic {
  const noise = { ...DEFAULT_NOISE, ...noiseOptions };
  const rand = seeded(seed);
  const start = Date.parse(from) / 1000;
  const end = Date.parse(to) / 1000;
  const fleet = typeof aircraft === 'number' ? makeFleet(aircraft, rand) : aircraft;
  scenarios ??= Date.parse(CHINA_2024.start) / 1000 >= start && Date.parse(CHINA_2024.start) / 1000 < end - 4 * 86400 ? [forChina(fleet)] : [];
  const out = new PositionBuffer(fleet.map((a) => a.icao24));
  const legs: TruthLeg[] = [];
  const missions: TruthMission[] = [];
  const coverage: Coverage = { seed, dropouts: [] };

  fleet.forEach((plane, k) => {
    const spec = TYPES.find((t) => t.type === plane.type) ?? TYPES[0]!;
    const r = seeded(seed * 7919 + k * 104729);
    const flags: Flags = {
      ground: r() < noise.noFlags ? 'none' : r() < noise.stuckFlags ? (r() < 0.5 ? 'stuck-true' : 'stuck-false') : 'ok',
      baro: r() >= noise.noBaro,
    };
    const mine = scenarios!.filter((s) => s.aircraft === k).map((s) => ({ ...s, t: Date.parse(s.start) / 1000 })).sort((a, b) => a.t - b.t);
    let at = pick(r, STAGING);
    let t = start + r() * 12 * HOUR;
    const flyLeg = (dep: string, arr: string, kind: LegKind, callsign: string, missionId: number | null, earliest = t): number => {
      const takeoff = Math.max(t, earliest);
      const goAround = r() < noise.goArounds;
      const landing = fly(out, k, airport(dep), airport(arr), takeoff, { stepSeconds, cruiseKt: spec.cruiseKt, goAround, flags, rand: r, coverage, noise, callsign });
      legs.push({ icao24: plane.icao24, callsign, dep, arr, takeoff, landing, kind, missionId, goAround });
      at = arr;
      t = landing + (45 + r() * 75) * 60;
      return legs.length - 1;
    };
    const callsignFor = (removal: boolean) => (removal && r() < 0.5 ? 'RPN' : pick(r, spec.prefix)) + String(100 + Math.floor(r() * 9000));

    while (t < end - 6 * HOUR) {
      const next = mine[0];
      if (next && t > next.t - 36 * HOUR) {
        // Fly the scenario: position to its first airport, then its route.
        mine.shift();
        if (at !== next.route[0]) flyLeg(at, next.route[0]!, 'domestic', callsignFor(false), null);
        const id = missions.length + 1;
        const m: TruthMission = { id, icao24: plane.icao24, legs: [], countries: [], removal: true };
        missions.push(m);
        for (let s = 1; s < next.route.length; s++) {
          const dep = next.route[s - 1]!;
          const arr = next.route[s]!;
          m.legs.push(flyLeg(dep, arr, kindOf(dep, arr, true), next.callsign, id, s === 1 ? next.t : t));
          if (!isUs(arr) && !m.countries.includes(airport(arr).country)) m.countries.push(airport(arr).country);
        }
        continue;
      }
      const roll = r();
      if (roll < 0.55) {
        const region = chooseRegion(r, plane.type);
        if (!STAGING.includes(at)) flyLeg(at, pick(r, STAGING), 'domestic', callsignFor(false), null);
        const id = missions.length + 1;
        const m: TruthMission = { id, icao24: plane.icao24, legs: [], countries: [], removal: true };
        missions.push(m);
        const callsign = callsignFor(true);
        const route: string[] = [at];
        if (r() < 0.3) route.push(pick(r, STAGING.filter((s) => s !== at)));
        const via = region.via ? pick(r, region.via) : null;
        if (via) route.push(via);
        // Only fields whose runway takes the type (no 767 into Tegucigalpa).
        const fits = region.destinations.filter((d) => (airport(d).longestRunwayFt ?? 0) >= runwayNeededFt(plane.type));
        route.push(pick(r, fits));
        if (region.secondStop && fits.length > 1 && r() < region.secondStop) route.push(pick(r, fits.filter((d) => d !== route[route.length - 1])));
        if (via) route.push(via);
        route.push(r() < 0.6 ? route[0]! : pick(r, STAGING));
        for (let s = 1; s < route.length; s++) {
          const dep = route[s - 1]!;
          const arr = route[s]!;
          m.legs.push(flyLeg(dep, arr, kindOf(dep, arr, true), callsign, id));
          if (!isUs(arr) && !m.countries.includes(airport(arr).country)) m.countries.push(airport(arr).country);
        }
      } else if (roll < 0.8) {
        // Domestic transfers: one to three legs between staging airports, sometimes to the border.
        const n = 1 + Math.floor(r() * 3);
        for (let s = 0; s < n; s++) {
          const toBorder = r() < 0.3;
          const arr = pick(r, (toBorder ? BORDER : STAGING).filter((a) => a !== at));
          flyLeg(at, arr, toBorder ? 'lateral' : 'domestic', callsignFor(true), null);
        }
      } else if (roll < 0.92) {
        // Unrelated charter work.
        const callsign = callsignFor(false);
        if (r() < 0.5) {
          if (at !== HAVANA_GATEWAY) flyLeg(at, HAVANA_GATEWAY, 'other', callsign, null);
          flyLeg(HAVANA_GATEWAY, HAVANA, 'other', callsign, null);
          flyLeg(HAVANA, HAVANA_GATEWAY, 'other', callsign, null);
        } else {
          const a = pick(r, SPORTS.filter((s) => s !== at));
          const b = pick(r, SPORTS.filter((s) => s !== a));
          flyLeg(at, a, 'other', callsign, null);
          flyLeg(a, b, 'other', callsign, null);
        }
      }
      t += (6 + r() * 30) * HOUR;
    }
  });
  // Legs in flight at the end of the period are cut by it (their positions stop); their truth keeps the landing after it.
  return { aircraft: fleet, positions: out.finish(end, rand, noise.duplicates, noise.outliers), legs: legs.filter((l) => l.takeoff < end - 60), missions };
}

interface Flags {
  ground: 'ok' | 'none' | 'stuck-true' | 'stuck-false';
  baro: boolean;
}

interface FlyOptions {
  stepSeconds: number;
  cruiseKt: number;
  goAround: boolean;
  flags: Flags;
  rand: () => number;
  coverage: Coverage;
  noise: Noise;
  callsign: string;
}

const RAD = Math.PI / 180;

/**
 * Flies one leg: taxi out, climb at 2,000 ft/min, cruise, descend on a 3° path (a go-around
 * first when asked: a missed approach at 300 ft, a circuit at 2,000 ft, a second approach), taxi in.
 * Emits the visible positions; returns the touchdown time.
 */
function fly(out: PositionBuffer, k: number, dep: Airport, arr: Airport, takeoff: number, o: FlyOptions): number {
  const { stepSeconds: step, rand } = o;
  const D = greatCircleKm(dep.lat, dep.lon, arr.lat, arr.lon);
  const cruise = Math.min(39000, Math.max(11000, Math.round((9000 + D * 28) / 1000) * 1000));
  const baroBias = (rand() - 0.5) * 500;
  const [ax, ay, az] = unit(dep.lat, dep.lon);
  const [bx, by, bz] = unit(arr.lat, arr.lon);
  const omega = D / 6371;
  const sinO = Math.sin(omega) || 1;
  const airborneHours = D / (o.cruiseKt * 1.852);
  const dropouts: [number, number][] = [];
  for (let d = 0; d < airborneHours * o.noise.dropoutsPerHour; d++) {
    const s = takeoff + 600 + rand() * Math.max(0, airborneHours * HOUR - 1200);
    dropouts.push([s, s + 60 + rand() * 240]);
  }
  const ctx = { dep, arr, seed: o.coverage.seed, dropouts };
  out.useCallsign(o.callsign);
  const emit = (t: number, lat: number, lon: number, alt: number, gs: number, track: number, onGround: boolean) => {
    if (!isVisible(ctx, t, lat, lon, alt, onGround)) return;
    const flag = o.flags.ground === 'none' ? -1 : o.flags.ground === 'stuck-true' ? 1 : o.flags.ground === 'stuck-false' ? 0 : onGround ? 1 : 0;
    const baro = onGround && rand() < 0.5 ? NaN : alt + (onGround ? 0 : baroBias);
    out.push(k, t, lat + (rand() - 0.5) * 0.0004, lon + (rand() - 0.5) * 0.0004, o.flags.baro ? baro + (rand() - 0.5) * 50 : NaN, onGround || rand() < 0.3 ? NaN : alt + 90, gs, track, flag);
  };
  taxi(emit, dep, takeoff - 420, takeoff, rand);
  let s = 0;
  let alt = dep.elevationFt;
  let t = takeoff;
  let landing = takeoff;
  while (true) {
    const r = D - s;
    const path = arr.elevationFt + 172 * r;
    const target = Math.min(cruise, path);
    alt = alt < target ? Math.min(target, alt + 2000 / 60 * step) : target;
    const above = Math.min(alt - dep.elevationFt, alt - arr.elevationFt);
    const gs = 150 + (o.cruiseKt - 150) * Math.min(1, Math.max(0, above / 24000)) + 20 * Math.sin(t / 5000);
    const ds = gs * KT_TO_KMS * step;
    if (s + ds >= D) { landing = t + ((D - s) / ds) * step; break; }
    s += ds;
    t += step;
    const f = s / D;
    const p = Math.sin((1 - f) * omega) / sinO;
    const q = Math.sin(f * omega) / sinO;
    const x = p * ax + q * bx;
    const y = p * ay + q * by;
    const z = p * az + q * bz;
    const lat = Math.atan2(z, Math.hypot(x, y)) / RAD;
    const lon = Math.atan2(y, x) / RAD;
    emit(t, lat, lon, alt, gs, bearing(lat, lon, arr.lat, arr.lon), false);
  }
  if (o.goAround) {
    // Missed approach: climb out, fly an 8 km circuit at 2,000 ft above the field, then a straight-in from the circuit.
    const course = bearing(dep.lat, dep.lon, arr.lat, arr.lon);
    const circuit = (2 * Math.PI * 8) / (180 * KT_TO_KMS);
    for (let u = step; u < circuit; u += step) {
      const angle = course * RAD + Math.PI + (u / circuit) * 2 * Math.PI;
      const h = arr.elevationFt + Math.min(2000, 300 + u * 20);
      emit(landing + u, arr.lat + (8 / 110.57) * Math.cos(angle), arr.lon + (8 / (111.32 * Math.cos(arr.lat * RAD))) * Math.sin(angle), h, 180, 0, false);
    }
    const startLat = arr.lat + (8 / 110.57) * Math.cos(course * RAD + Math.PI);
    const startLon = arr.lon + (8 / (111.32 * Math.cos(arr.lat * RAD))) * Math.sin(course * RAD + Math.PI);
    const finalS = 8 / (150 * KT_TO_KMS);
    for (let u = step; u < finalS; u += step) {
      const f = u / finalS;
      emit(landing + circuit + u, startLat + (arr.lat - startLat) * f, startLon + (arr.lon - startLon) * f, arr.elevationFt + 172 * 8 * (1 - f), 150, course, false);
    }
    landing += circuit + finalS;
  }
  taxi(emit, arr, landing, landing + 300, rand);
  return landing;
}

/** Ground points every 10 s between t0 and t1, moving slowly near the field's reference point. */
function taxi(emit: (t: number, lat: number, lon: number, alt: number, gs: number, track: number, g: boolean) => void, a: Airport, t0: number, t1: number, rand: () => number): void {
  const dir = rand() * 2 * Math.PI;
  for (let t = t0 + 10 * rand(); t < t1; t += 10) {
    const f = (t - t0) / (t1 - t0);
    const km = 1.5 * (1 - f);
    emit(t, a.lat + (km / 110.57) * Math.cos(dir), a.lon + (km / (111.32 * Math.cos(a.lat * RAD))) * Math.sin(dir), a.elevationFt, 8 + rand() * 12, 0, true);
  }
}

function unit(lat: number, lon: number): [number, number, number] {
  return [Math.cos(lat * RAD) * Math.cos(lon * RAD), Math.cos(lat * RAD) * Math.sin(lon * RAD), Math.sin(lat * RAD)];
}

function bearing(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const y = Math.sin((lon2 - lon1) * RAD) * Math.cos(lat2 * RAD);
  const x = Math.cos(lat1 * RAD) * Math.sin(lat2 * RAD) - Math.sin(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.cos((lon2 - lon1) * RAD);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

const cache = new Map<string, Airport>();
function airport(code: string): Airport {
  let a = cache.get(code);
  if (!a) {
    a = airportByCode(code);
    if (!a) throw new Error(`generator: unknown airport ${code}`);
    cache.set(code, a);
  }
  return a;
}

function isUs(code: string): boolean {
  return airport(code).country === 'US';
}

/** The kind of a leg by DESIGN.md's rules: removal US → abroad, return abroad → US, foreign abroad → abroad, domestic US → US. */
function kindOf(dep: string, arr: string, program: boolean): LegKind {
  if (!program) return 'other';
  const a = isUs(dep);
  const b = isUs(arr);
  return a && b ? 'domestic' : a ? 'removal' : b ? 'return' : 'foreign';
}

function chooseRegion(r: () => number, type: string) {
  const allowed = REGIONS.filter((g) => !g.types || g.types.includes(type));
  const total = allowed.reduce((s, g) => s + g.weight, 0);
  let x = r() * total;
  for (const g of allowed) if ((x -= g.weight) < 0) return g;
  return allowed[0]!;
}

function makeFleet(n: number, rand: () => number): GeneratedAircraft[] {
  const fleet: GeneratedAircraft[] = [];
  const seen = new Set<string>();
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  while (fleet.length < n) {
    const icao24 = (0xa00001 + Math.floor(rand() * 0xdf7c6)).toString(16);
    if (seen.has(icao24)) continue;
    seen.add(icao24);
    let x = rand();
    let spec = TYPES[0]!;
    for (const t of TYPES) if ((x -= t.share) < 0) { spec = t; break; }
    // The first aircraft flies the China mission: a 767.
    if (fleet.length === 0) spec = TYPES.find((t) => t.type === 'B763')!;
    fleet.push({
      icao24,
      registration: `N${100 + Math.floor(rand() * 900)}${pick(rand, [...letters])}${pick(rand, [...letters])}`,
      type: spec.type,
      operator: pick(rand, spec.operators),
    });
  }
  return fleet;
}

function forChina(fleet: GeneratedAircraft[]): Scenario {
  const k = Math.max(0, fleet.findIndex((a) => a.type === 'B763' || a.type === 'B738'));
  return { ...CHINA_2024, aircraft: k };
}

export { hashUnit };
