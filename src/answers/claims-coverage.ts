import type { Store } from '../store/store.ts';
import { daysWithData as coveredDays, watchedAircraftSeen } from '../query/coverage.ts';

/** `about` needs at least this share of the period's days and of the watched fleet in the data. */
export const ABOUT_NEEDS = 0.9;

/** How much of a period, and of the program's fleet, the flight data see. */
export interface FlightCoverage {
  /** First day and the day after the last (YYYY-MM-DD). */
  from: string;
  toExclusive: string;
  days: number;
  /** Days with any positions or legs. */
  daysWithData: number;
  /** Runs of days without any data (receiver gaps), the first five. */
  gaps: { from: string; to: string }[];
  /** Aircraft of the fleet registry watched in the period. */
  watched: number;
  /** Of them, those with positions or legs in the period. */
  watchedWithData: number;
  /** Both shares reach ABOUT_NEEDS. */
  enoughForAbout: boolean;
  words: string;
}

const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : '0%');
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86400e3).toISOString().slice(0, 10);

/**
 * Measured coverage of the flight data for [from, toExclusive): the days with any position or
 * leg, and the fleet registry's watched aircraft with positions or legs on those days.
 */
export async function flightCoverage(store: Store, from: string, toExclusive: string): Promise<FlightCoverage> {
  const days = Math.max(0, Math.round((Date.parse(toExclusive) - Date.parse(from)) / 86400e3));
  const covered = await coveredDays(store, from, toExclusive);
  const have = new Set(covered);
  const gaps: FlightCoverage['gaps'] = [];
  for (let i = 0; i < days; i++) {
    const d = addDays(from, i);
    if (have.has(d)) continue;
    const last = gaps.at(-1);
    if (last && last.to === addDays(d, -1)) last.to = d;
    else gaps.push({ from: d, to: d });
  }
  const fleet = await watchedAircraftSeen(store, from, toExclusive);
  const watched = fleet.length;
  const watchedWithData = fleet.filter((f) => f.seen).length;
  const daysWithData = covered.length;
  const enoughForAbout = days > 0 && watched > 0 && daysWithData / days >= ABOUT_NEEDS && watchedWithData / watched >= ABOUT_NEEDS;
  const last = addDays(toExclusive, -1);
  const words =
    `the data cover ${daysWithData} of ${days} days (${pct(daysWithData, days)}) from ${from} to ${last}` +
    (gaps.length ? ` (no data ${gaps.slice(0, 3).map((g) => (g.from === g.to ? g.from : `${g.from} to ${g.to}`)).join(', ')}${gaps.length > 3 ? ', …' : ''})` : '') +
    (watched ? ` and hold ${watchedWithData} of ${watched} watched aircraft (${pct(watchedWithData, watched)})` : ' and the fleet registry watches no aircraft, so the share of the fleet cannot be measured');
  return { from, toExclusive, days, daysWithData, gaps: gaps.slice(0, 5), watched, watchedWithData, enoughForAbout, words };
}

/** What the statistics behind a figure cover: the months asked, those in the data, and the releases. */
export interface StatisticsCoverage {
  months: number;
  monthsInData: number;
  from: string;
  to: string;
  releases: { file: string; releaseThrough: string | null }[];
  complete: boolean;
  words: string;
}

export function statisticsCoverage(from: string, to: string, months: number, monthsInData: number, releases: StatisticsCoverage['releases']): StatisticsCoverage {
  const complete = monthsInData === months;
  return {
    months, monthsInData, from, to, releases, complete,
    words: `${monthsInData} of ${months} months (${from} to ${to}) in the data, from ${releases.map((r) => `${r.file}${r.releaseThrough ? ` (release through ${r.releaseThrough})` : ''}`).join(', ') || 'no release'}`,
  };
}
