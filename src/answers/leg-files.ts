import type { Store } from '../store/store.ts';
import { listLegs, type LegFilter, type LegListing, type LegView } from './legs.ts';
import { legFiles, type LegFile } from '../query/leg-sources.ts';

export type { LegFile };

/** A leg with every file behind it, as the exports write it (src/format/legs.ts). */
export interface LegRecord extends LegView {
  /** Distinct files, ordered by sha256; empty only when the store holds no source for the leg. */
  files: LegFile[];
}

/**
 * The legs `listLegs` lists, each with the files it comes from: a leg from a file (a flight
 * history) cites that file; a leg derived from ADS-B cites the position files whose positions of
 * its aircraft span its take-off to landing; a merged leg cites the files of every leg merged
 * into it. The same rule as `citeLegSources` (src/query/leg-sources.ts), leg by leg.
 */
export async function listLegRecords(store: Store, filter: LegFilter = {}, listing: LegListing = {}): Promise<LegRecord[]> {
  const legs = await listLegs(store, filter, listing);
  const files = await legFiles(store, legs.map((l) => l.id));
  return legs.map((l) => ({ ...l, files: files.get(l.id) ?? [] }));
}
