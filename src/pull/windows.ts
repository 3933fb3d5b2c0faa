import type { FleetFilter } from '../ingest/format.ts';

export const HOUR = 3600;

/** A window a pull will ask for: `[start, end)` in epoch s, and which aircraft. */
export interface Window {
  start: number;
  end: number;
  /** Addresses to pull; `null` = every aircraft except `exclude`. */
  include: string[] | null;
  exclude: string[];
}

/** A window pulled before (a `pulled_windows` row). */
export interface Pulled {
  start: number;
  end: number;
  aircraft: string[] | null;
  excluded: string[];
}

/** What is already in the store for one hour: a set of addresses, or every aircraft but some. */
interface Coverage {
  all: boolean;
  /** all = false: addresses covered; all = true: addresses NOT covered. */
  set: Set<string>;
}

export interface PlanOptions {
  from: number;
  to: number;
  fleet: FleetFilter;
  pulled: Pulled[];
  windowHours: number;
}

/**
 * Splits `[from, to)` (whole hours) into windows of at most `windowHours`, leaving out what
 * earlier pulls of the same origin already brought in: per hour, the aircraft still missing.
 * Consecutive hours that miss the same aircraft share a window.
 *
 * @example plan({ from: 0, to: 7200, fleet: new Set(['a1b2c3']), pulled: [], windowHours: 6 })
 *   // → [{ start: 0, end: 7200, include: ['a1b2c3'], exclude: [] }]
 */
export function plan({ from, to, fleet, pulled, windowHours }: PlanOptions): Window[] {
  const windows: Window[] = [];
  let current: (Window & { key: string }) | undefined;
  for (let h = from; h < to; h += HOUR) {
    const need = missing(fleet, coverage(h, pulled));
    if (need.include !== null && need.include.length === 0) {
      current = undefined;
      continue;
    }
    const key = JSON.stringify(need);
    if (current && current.key === key && current.end === h && current.end - current.start < windowHours * HOUR) {
      current.end = h + HOUR;
      continue;
    }
    current = { start: h, end: h + HOUR, ...need, key };
    windows.push(current);
  }
  return windows.map(({ start, end, include, exclude }) => ({ start, end, include, exclude }));
}

function coverage(hour: number, pulled: Pulled[]): Coverage {
  const cov: Coverage = { all: false, set: new Set() };
  for (const p of pulled) {
    if (!(p.start <= hour && hour < p.end)) continue;
    if (p.aircraft === null) {
      // Union with "all but E": all but (E minus what is already covered).
      const except = new Set(p.excluded.filter((a) => (cov.all ? cov.set.has(a) : !cov.set.has(a))));
      cov.all = true;
      cov.set = except;
    } else if (cov.all) {
      for (const a of p.aircraft) cov.set.delete(a);
    } else {
      for (const a of p.aircraft) cov.set.add(a);
    }
  }
  return cov;
}

function missing(fleet: FleetFilter, cov: Coverage): { include: string[] | null; exclude: string[] } {
  if (fleet === null) return cov.all ? { include: [...cov.set].sort(), exclude: [] } : { include: null, exclude: [...cov.set].sort() };
  const include = [...fleet].filter((a) => (cov.all ? cov.set.has(a) : !cov.set.has(a))).sort();
  return { include, exclude: [] };
}

/** Whole hours around `[from, to)`: `from` rounded down, `to` rounded up. */
export function wholeHours(from: number, to: number): { from: number; to: number } {
  return { from: Math.floor(from / HOUR) * HOUR, to: Math.ceil(to / HOUR) * HOUR };
}

export const iso = (epoch: number) => new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
