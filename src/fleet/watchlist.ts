import { readFileSync } from 'node:fs';
import { badInput, CharterwatchError } from '../errors.ts';
import type { FleetFilter } from '../ingest/format.ts';
import type { Store } from '../store/store.ts';

export interface ResolveFleetOptions {
  /** A file of ICAO addresses, one a line (`#` starts a comment). */
  watchlist?: string;
  /** Keep every aircraft. */
  all?: boolean;
}

/**
 * The set of aircraft whose positions an ingest keeps: everything with `all`, the
 * addresses of a watchlist file if given, else the fleet registry.
 */
export async function resolveFleet(_store: Store, { watchlist, all = false }: ResolveFleetOptions): Promise<FleetFilter> {
  if (all) return null;
  if (watchlist) return readWatchlist(watchlist);
  throw new CharterwatchError('USAGE', 'position data needs --watchlist FILE or --all (the fleet registry is not available yet)');
}

/** Reads a watchlist file: one ICAO 24-bit address (hex) a line. */
export function readWatchlist(file: string): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CharterwatchError('NOT_FOUND', 'cannot read the watchlist', { file });
  }
  const set = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const entry = raw.replace(/#.*/, '').trim().toLowerCase();
    if (entry === '') return;
    if (!/^[0-9a-f]{6}$/.test(entry)) throw badInput(`expected an ICAO address (6 hex digits), found "${raw.trim()}"`, file, i + 1);
    set.add(entry);
  });
  return set;
}
