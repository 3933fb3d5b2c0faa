import type { Store } from '../store/store.ts';
import { legAircraft, legDays } from './legs.ts';

/**
 * What the flight data see of a period: the days with any position or leg, and which of the
 * fleet registry's aircraft watched in the period have positions or legs in it. `from` is the
 * first day, `toExclusive` the day after the last (YYYY-MM-DD, UTC).
 */
export async function daysWithData(store: Store, from: string, toExclusive: string): Promise<string[]> {
  const [start, end] = epochs(from, toExclusive);
  const positionDays = (
    await store.all<{ day: string }>(
      `SELECT DISTINCT strftime(to_timestamp(floor(time / 86400) * 86400) AT TIME ZONE 'UTC', '%Y-%m-%d') AS day FROM positions WHERE time >= ? AND time < ?`,
      [start, end],
    )
  ).map((r) => r.day);
  const days = new Set([...positionDays, ...(await legDays(store, { from: `${from}T00:00:00Z`, to: `${toExclusive}T00:00:00Z` }))]);
  return [...days].sort();
}

/** The registry's aircraft watched in the period, each with whether it has positions or legs in it. */
export async function watchedAircraftSeen(store: Store, from: string, toExclusive: string): Promise<{ icao24: string; seen: boolean }[]> {
  const [start, end] = epochs(from, toExclusive);
  const withLegs = new Set(await legAircraft(store, { from: `${from}T00:00:00Z`, to: `${toExclusive}T00:00:00Z` }));
  const fleet = await store.all<{ icao24: string; positions: boolean }>(
    `SELECT a.icao24, a.icao24 IN (SELECT icao24 FROM positions WHERE time >= ? AND time < ?) AS positions
     FROM aircraft a WHERE (a.watch_from IS NULL OR a.watch_from < ?::DATE) AND (a.watch_to IS NULL OR a.watch_to >= ?::DATE)`,
    [start, end, toExclusive, from],
  );
  return fleet.map((a) => ({ icao24: a.icao24, seen: a.positions || withLegs.has(a.icao24) }));
}

const epochs = (from: string, toExclusive: string) => [Date.parse(`${from}T00:00:00Z`) / 1000, Date.parse(`${toExclusive}T00:00:00Z`) / 1000] as const;
