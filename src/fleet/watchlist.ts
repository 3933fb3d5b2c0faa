import { readFileSync } from 'node:fs';
import { badInput, CharterwatchError } from '../errors.ts';
import type { FleetFilter } from '../ingest/format.ts';
import type { Store } from '../store/store.ts';
import { addressOf, loadIdentities, type Identities } from './identity.ts';
import { icao24FromRegistration } from './nnumber.ts';
import { watchedIcao24 } from './registry.ts';

export interface ResolveFleetOptions {
  /** A file of ICAO addresses or US registrations, one a line (`#` starts a comment). */
  watchlist?: string;
  /** Keep every aircraft. */
  all?: boolean;
}

/**
 * The set of aircraft whose positions an ingest keeps: everything with `all`, the
 * addresses of a watchlist file if given, else the aircraft the fleet registry watches today.
 */
export async function resolveFleet(store: Store, { watchlist, all = false }: ResolveFleetOptions): Promise<FleetFilter> {
  if (all) return null;
  if (watchlist) return readWatchlist(watchlist, await loadIdentities(store));
  const watched = await watchedIcao24(store);
  if (watched.size === 0) {
    throw new CharterwatchError(
      'USAGE',
      'the fleet registry watches no aircraft (generated demo aircraft, GEN-…, are never watched): add some ("charterwatch fleet add N703KW", "charterwatch fleet import --default"), or pass --watchlist FILE or --all',
    );
  }
  return watched;
}

/**
 * Reads a watchlist file: one ICAO 24-bit address (6 hex digits) or registration a line (N703KW
 * by the FAA rule; another country's by the fleet registry, when `known` is given); `#` starts a
 * comment. A bad line, or a registration nothing resolves, throws naming file and line.
 */
export function readWatchlist(file: string, known?: Identities): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CharterwatchError('NOT_FOUND', 'cannot read the watchlist', { file });
  }
  const set = new Set<string>();
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const entry = raw.replace(/#.*/, '').trim();
    if (entry === '') return;
    if (/^[0-9a-f]{6}$/i.test(entry)) {
      set.add(entry.toLowerCase());
      return;
    }
    if (/^n/i.test(entry)) {
      try {
        set.add(icao24FromRegistration(entry));
        return;
      } catch (error) {
        throw badInput((error as Error).message, file, i + 1);
      }
    }
    const hex = known ? addressOf(entry, known) : null;
    if (hex) {
      set.add(hex);
      return;
    }
    throw badInput(`expected an ICAO address (6 hex digits), a US registration (N…) or a registration in the fleet registry, found "${entry}"`, file, i + 1);
  });
  return set;
}
