import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../paths.ts';
import { seatsForType } from '../fleet/seats.ts';

/**
 * Passenger estimates: the aircraft type's seats times a load factor fitted to published
 * observations, as a point and an 80% interval, always with the method in words.
 *
 * Two fits, one per kind of flight the observations describe:
 * - international removal legs (removal, return, foreign): ICE's ARTS figures, FY2011–May 2019,
 *   16,967 missions, passengers per mission mean 116.7 and median 126 on about 135 seats. A Beta
 *   distribution of the load factor is matched to that mean (0.864) and median (0.933); its 10th
 *   and 90th percentiles give the interval.
 * - domestic and lateral legs (transfers between detention sites): the Yakima (KYKM) volunteer
 *   counts, 2019–2021; the load factor of a flight is the larger of the people boarded and
 *   deplaned over the type's seats (a lower bound: people who stay on board are not seen).
 *   Its empirical 10th, 50th and 90th percentiles over the observations kept for the fit give
 *   the estimate; a seeded share is held back to measure the error.
 */

/** ARTS, FY2011–May 2019 (UWCHR analyses of ICE's ARTS release). */
export const ARTS = { missions: 16967, meanPassengers: 116.7, medianPassengers: 126, maxPassengers: 476, seats: 135 } as const;

/**
 * Typical seats of the program's aircraft types (all-economy charter cabins): the fallback when
 * data/fleet/seats.csv has no row for a type.
 */
const TYPICAL_SEATS: Record<string, number> = {
  A319: 144, A320: 180, A321: 220, B712: 117, B733: 148, B734: 168, B737: 149, B738: 189, B739: 189,
  B752: 200, B763: 261, B772: 305, CRJ2: 50, CRJ7: 70, E145: 50, E170: 76, E190: 100, MD82: 172, MD83: 172, MD88: 172,
};

export interface SeatsLookup {
  (type: string): number | undefined;
}

/** Seats of an ICAO type designator from the built-in table (B734 → 168), else undefined. */
export const typicalSeats: SeatsLookup = (type) => TYPICAL_SEATS[type.trim().toUpperCase()];

/** Seats from the fleet registry's table (data/fleet/seats.csv), else the built-in table. */
export const registrySeats: SeatsLookup = (type) => seatsForType(type) ?? typicalSeats(type);

export interface LoadFactorModel {
  /** 10th, 50th and 90th percentiles of the load factor (people over seats). */
  low: number;
  mid: number;
  high: number;
  method: string;
}

export interface PassengerEstimate {
  aircraftType: string | null;
  seats: number | null;
  /** Point estimate, rounded to a person; null when the seats are not known. */
  passengers: number | null;
  /** 80% interval. */
  low: number | null;
  high: number | null;
  loadFactor: LoadFactorModel;
  method: string;
  sources: string[];
}

export interface YakimaObservation {
  line: number;
  date: string;
  registration: string;
  aircraftType: string;
  seats: number;
  boarded: number;
  deplaned: number;
  /** max(boarded, deplaned): the people seen on the fuller side of the stop. */
  people: number;
  loadFactor: number;
}

const YAKIMA_FILE = 'observations/yakima-ground-observations-2019-2021.psv';
const TAIL_TYPES_FILE = 'observations/yakima-tail-types.csv';

/**
 * The Yakima volunteer counts with a known tail, a known type and at least one person seen.
 * Where the file has two count columns for a side (two observers), the first filled one is used.
 */
export function yakimaObservations({ seats = registrySeats }: { seats?: SeatsLookup } = {}): YakimaObservation[] {
  const types = new Map<string, string>();
  for (const r of parse(readFileSync(dataPath(TAIL_TYPES_FILE), 'utf8'), { columns: true }) as { registration: string; aircraft_type: string }[]) {
    types.set(r.registration, r.aircraft_type);
  }
  const records = parse(readFileSync(dataPath(YAKIMA_FILE), 'utf8'), { delimiter: '|', relax_quotes: true, relax_column_count: true }) as string[][];
  const out: YakimaObservation[] = [];
  records.forEach((r, i) => {
    if (i === 0) return; // header
    const registration = (r[3] ?? '').trim();
    const aircraftType = types.get(registration);
    const seatCount = aircraftType ? seats(aircraftType) : undefined;
    const count = (a: string | undefined, b: string | undefined) => {
      const n = /^\d+$/.test((a ?? '').trim()) ? Number(a) : /^\d+$/.test((b ?? '').trim()) ? Number(b) : NaN;
      return n;
    };
    const boarded = count(r[8], r[10]);
    const deplaned = count(r[9], r[11]);
    if (!aircraftType || !seatCount || Number.isNaN(boarded) || Number.isNaN(deplaned)) return;
    const people = Math.max(boarded, deplaned);
    if (people === 0) return;
    out.push({ line: i + 1, date: (r[0] ?? '').trim(), registration, aircraftType, seats: seatCount, boarded, deplaned, people, loadFactor: people / seatCount });
  });
  return out;
}

/** Splits observations into fit and held-out sets by a seeded shuffle (mulberry32). */
export function splitObservations<T>(items: T[], { seed = 2024, holdOut = 0.3 }: { seed?: number; holdOut?: number } = {}): { fit: T[]; heldOut: T[] } {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const n = Math.round(items.length * holdOut);
  return { heldOut: order.slice(0, n).sort((a, b) => a - b).map((i) => items[i]!), fit: order.slice(n).sort((a, b) => a - b).map((i) => items[i]!) };
}

/** Linear-interpolated quantile of sorted numbers. */
function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The domestic load-factor model: empirical percentiles of the fit set. */
export function fitYakima(fit: YakimaObservation[]): LoadFactorModel {
  const lf = fit.map((o) => o.loadFactor).sort((a, b) => a - b);
  return {
    low: round3(quantile(lf, 0.1)),
    mid: round3(quantile(lf, 0.5)),
    high: round3(quantile(lf, 0.9)),
    method: `load factor percentiles (10th, 50th, 90th) of ${fit.length} Yakima (KYKM) volunteer counts 2019–2021 kept for the fit (people boarded or deplaned, the larger, over the type's seats)`,
  };
}

/**
 * The international model: a Beta(a, b) load factor whose mean and median match ARTS
 * (116.7 and 126 passengers on 135 seats). The median uses Kerman's approximation
 * (a − 1/3)/(a + b − 2/3), which solves in closed form for a + b.
 */
export function fitArts(): LoadFactorModel {
  const mean = ARTS.meanPassengers / ARTS.seats;
  const median = ARTS.medianPassengers / ARTS.seats;
  const sum = (2 * median / 3 - 1 / 3) / (median - mean);
  const a = mean * sum;
  const b = sum - a;
  const cdf = betaCdfTable(a, b);
  return {
    low: round3(cdf(0.1)),
    mid: round3(cdf(0.5)),
    high: round3(cdf(0.9)),
    method: `Beta(${a.toFixed(2)}, ${b.toFixed(2)}) load factor matched to ARTS FY2011–May 2019 (${ARTS.missions} missions: mean ${ARTS.meanPassengers}, median ${ARTS.medianPassengers} passengers on about ${ARTS.seats} seats); 10th, 50th, 90th percentiles`,
  };
}

/** Inverse CDF of Beta(a, b) by numeric integration on a fine grid (b < 1 is singular at 1: the midpoint rule avoids the end). */
function betaCdfTable(a: number, b: number): (q: number) => number {
  const n = 200_000;
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const x = (i + 0.5) / n;
    cum[i + 1] = cum[i]! + Math.pow(x, a - 1) * Math.pow(1 - x, b - 1);
  }
  const total = cum[n]!;
  return (q) => {
    const target = q * total;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo / n;
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

let models: { international: LoadFactorModel; domestic: LoadFactorModel } | undefined;

/** The two fitted models (computed once). */
export function loadFactorModels(): { international: LoadFactorModel; domestic: LoadFactorModel } {
  if (!models) models = { international: fitArts(), domestic: fitYakima(splitObservations(yakimaObservations()).fit) };
  return models;
}

const INTERNATIONAL = new Set(['removal', 'return', 'foreign']);

export interface EstimateOptions {
  aircraftType: string | null | undefined;
  /** Leg kind: removal/return/foreign use the ARTS fit; domestic/lateral the Yakima fit. */
  kind?: string | null;
  seats?: SeatsLookup;
}

/**
 * People on board one leg: seats × load factor, with an 80% interval.
 * @example estimatePassengers({ aircraftType: 'B734', kind: 'removal' }) // { seats: 168, passengers: 154, low: 109, high: 167, … }
 */
export function estimatePassengers({ aircraftType, kind = 'removal', seats = registrySeats }: EstimateOptions): PassengerEstimate {
  const m = loadFactorModels();
  const loadFactor = kind && !INTERNATIONAL.has(kind) ? m.domestic : m.international;
  const seatCount = aircraftType ? (seats(aircraftType) ?? null) : null;
  const sources = [
    loadFactor === m.international ? 'ICE ARTS FY2011–May 2019 mission statistics (UWCHR/ice-air analyses)' : `data/${YAKIMA_FILE} (UWCHR/ice-air)`,
    seatCount ? `seats of ${aircraftType}: data/fleet/seats.csv` : 'seats: unknown aircraft type',
  ];
  if (seatCount === null) {
    return { aircraftType: aircraftType ?? null, seats: null, passengers: null, low: null, high: null, loadFactor, method: `no estimate: seats of aircraft type ${aircraftType ?? '(unknown)'} not known`, sources };
  }
  return {
    aircraftType: aircraftType ?? null,
    seats: seatCount,
    passengers: Math.round(seatCount * loadFactor.mid),
    low: Math.round(seatCount * loadFactor.low),
    high: Math.round(seatCount * loadFactor.high),
    loadFactor,
    method: `${seatCount} seats (${aircraftType}) × ${loadFactor.method}`,
    sources,
  };
}

export interface HoldOutReport {
  observations: number;
  fit: number;
  heldOut: number;
  model: LoadFactorModel;
  /** Median and mean absolute error in people, and how many held-out counts fall inside the 80% interval. */
  medianAbsError: number;
  meanAbsError: number;
  inInterval: number;
  coverage: number;
}

/** Measures the domestic model against the held-back Yakima observations. */
export function holdOutReport({ seed = 2024, holdOut = 0.3 }: { seed?: number; holdOut?: number } = {}): HoldOutReport {
  const all = yakimaObservations();
  const { fit, heldOut } = splitObservations(all, { seed, holdOut });
  const model = fitYakima(fit);
  const errors = heldOut.map((o) => Math.abs(Math.round(o.seats * model.mid) - o.people)).sort((a, b) => a - b);
  const inInterval = heldOut.filter((o) => o.people >= Math.round(o.seats * model.low) && o.people <= Math.round(o.seats * model.high)).length;
  return {
    observations: all.length,
    fit: fit.length,
    heldOut: heldOut.length,
    model,
    medianAbsError: quantile(errors, 0.5),
    meanAbsError: Math.round((errors.reduce((s, e) => s + e, 0) / errors.length) * 10) / 10,
    inInterval,
    coverage: Math.round((inInterval / heldOut.length) * 1000) / 1000,
  };
}
