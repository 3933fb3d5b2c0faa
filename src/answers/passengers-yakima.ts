import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { dataPath } from '../paths.ts';
import { seatsForType } from '../fleet/seats.ts';

/**
 * The Yakima (KYKM) volunteer counts, 2019–2021 (UWCHR/ice-air `kykm/input/`): people boarded
 * and deplaned per ICE Air flight at the stop, with the tail. They are the only per-flight
 * counts of domestic transfers that are public. The people seen are a lower bound of the
 * headcount on board: people who stay on the aircraft during the stop are not seen.
 */

export const YAKIMA_FILE = 'observations/yakima-ground-observations-2019-2021.psv';
const TAIL_TYPES_FILE = 'observations/yakima-tail-types.csv';

export interface YakimaObservation {
  line: number;
  /** As the file writes it ("Tuesday, May 7, 2019") and as a day. */
  date: string;
  day: string;
  year: number;
  registration: string;
  /** From data/observations/yakima-tail-types.csv; null for a tail not seen in the histories. */
  aircraftType: string | null;
  seats: number | null;
  boarded: number;
  deplaned: number;
  /** max(boarded, deplaned): the people seen on the fuller side of the stop. */
  people: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "Tuesday, May 7, 2019" → 2019-05-07, or null. */
export function yakimaDay(text: string): string | null {
  const m = /([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})/.exec(text);
  const month = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  if (!m || month < 0) return null;
  return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

/**
 * The counts with a date, both sides counted and at least one person seen (the tail's type
 * is kept where known; a headcount does not need it). Where the
 * file has two count columns for a side (two observers), the first filled one is used.
 */
export function yakimaObservations(): YakimaObservation[] {
  const types = new Map<string, string>();
  for (const r of parse(readFileSync(dataPath(TAIL_TYPES_FILE), 'utf8'), { columns: true }) as { registration: string; aircraft_type: string }[]) {
    types.set(r.registration, r.aircraft_type);
  }
  const records = parse(readFileSync(dataPath(YAKIMA_FILE), 'utf8'), { delimiter: '|', relax_quotes: true, relax_column_count: true }) as string[][];
  const out: YakimaObservation[] = [];
  records.forEach((r, i) => {
    if (i === 0) return; // header
    const registration = (r[3] ?? '').trim();
    const aircraftType = types.get(registration) ?? null;
    const count = (a: string | undefined, b: string | undefined) =>
      /^\d+$/.test((a ?? '').trim()) ? Number(a) : /^\d+$/.test((b ?? '').trim()) ? Number(b) : NaN;
    const boarded = count(r[8], r[10]);
    const deplaned = count(r[9], r[11]);
    const date = (r[0] ?? '').trim();
    const day = yakimaDay(date);
    if (!day || Number.isNaN(boarded) || Number.isNaN(deplaned)) return;
    const people = Math.max(boarded, deplaned);
    if (people === 0) return;
    out.push({ line: i + 1, date, day, year: Number(day.slice(0, 4)), registration, aircraftType, seats: aircraftType ? (seatsForType(aircraftType) ?? null) : null, boarded, deplaned, people });
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
export function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}
