/**
 * Timetable regularity: the same route flown at about the same time of day on many days is a
 * scheduled service (a public charter sold seat by seat), not removal work, whose times follow
 * each mission's pickups. For a leg, how many other days within three weeks either side the same
 * route (departure → arrival airport, any aircraft) leaves within 75 minutes of its time of day (charter departures run an hour late often enough).
 */
import type { LegRecord } from './missions.ts';

/** Days either side of a leg that are searched for the same departure. */
const WINDOW_DAYS = 21;
/** Minutes of time of day within which two departures are "the same time". */
const SAME_TIME_MIN = 75;

export interface Regularity {
  /** Other days with the same route at the same time of day. */
  days: number;
  /** The leg's time of day, `HH:MM` UTC. */
  at: string;
}

export class Timetable {
  /** route → departures (epoch s), sorted. */
  private readonly byRoute = new Map<string, number[]>();

  constructor(legs: LegRecord[]) {
    for (const leg of legs) {
      if (leg.depTime === null || !leg.depAirport || !leg.arrAirport) continue;
      const key = `${leg.depAirport}>${leg.arrAirport}`;
      (this.byRoute.get(key) ?? this.byRoute.set(key, []).get(key)!).push(leg.depTime);
    }
    for (const times of this.byRoute.values()) times.sort((a, b) => a - b);
  }

  /** The leg's regularity, or null when it has no departure time or airports. */
  regularity(leg: LegRecord): Regularity | null {
    if (leg.depTime === null || !leg.depAirport || !leg.arrAirport) return null;
    const times = this.byRoute.get(`${leg.depAirport}>${leg.arrAirport}`)!;
    const day = Math.floor(leg.depTime / 86400);
    const minute = (leg.depTime % 86400) / 60;
    // Departures are in time order, so the days they fall on are too: count each day once.
    let days = 0;
    let lastDay = NaN;
    let lo = 0;
    let hi = times.length;
    const from = leg.depTime - WINDOW_DAYS * 86400 - 86400;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < times.length && times[i]! <= leg.depTime + (WINDOW_DAYS + 1) * 86400; i++) {
      const t = times[i]!;
      const d = Math.floor(t / 86400);
      if (d === day || d === lastDay || Math.abs(d - day) > WINDOW_DAYS) continue;
      const diff = Math.abs((t % 86400) / 60 - minute);
      if (Math.min(diff, 1440 - diff) <= SAME_TIME_MIN) {
        days++;
        lastDay = d;
      }
    }
    const hh = String(Math.floor(minute / 60)).padStart(2, '0');
    const mm = String(Math.floor(minute % 60)).padStart(2, '0');
    return { days, at: `${hh}:${mm}` };
  }
}
