import { runCli, fixture, type CliResult } from '../../helpers.ts';
import { Store } from '../../../src/store/store.ts';

export const adsb = (name: string) => fixture(`adsb/${name}`);
export const WATCHLIST = adsb('watchlist.txt');

/** Runs `charterwatch --json ingest` with the test watchlist (or `--all`). */
export async function ingest(db: string, paths: string[], { all = false, format }: { all?: boolean; format?: string } = {}): Promise<CliResult> {
  const args = ['--db', db, '--json', 'ingest', ...(all ? ['--all'] : ['--watchlist', WATCHLIST]), ...(format ? ['--format', format] : []), ...paths];
  return runCli(args);
}

/** Positions as compact tuples: [icao24, time, lat, lon, alt_baro_ft, on_ground, callsign, flags]. */
export async function positions(db: string): Promise<unknown[][]> {
  const store = await Store.open(db, { readOnly: true });
  try {
    const rows = await store.all<Record<string, unknown>>(`SELECT icao24, time, lat, lon, alt_baro_ft, on_ground, callsign, flags FROM positions ORDER BY icao24, time`);
    return rows.map((r) => Object.values(r));
  } finally {
    store.close();
  }
}

/** Rejects as [line, reason]. */
export async function rejects(db: string): Promise<unknown[][]> {
  const store = await Store.open(db, { readOnly: true });
  try {
    return (await store.all<Record<string, unknown>>(`SELECT line, reason FROM rejects ORDER BY line NULLS FIRST, reason`)).map((r) => Object.values(r));
  } finally {
    store.close();
  }
}

export async function query<T = Record<string, unknown>>(db: string, sql: string): Promise<T[]> {
  const store = await Store.open(db, { readOnly: true });
  try {
    return await store.all<T>(sql);
  } finally {
    store.close();
  }
}
