import { listValue } from '@duckdb/node-api';
import type { Store } from '../store/store.ts';
import { listLegs, type LegFilter, type LegListing, type LegView } from './legs.ts';
import { shownSourceNameSql } from './provenance.ts';

/** A file behind a leg: its shown name (never a local path) and its sha256. */
export interface LegFile {
  file: string;
  sha256: string;
}

/** A leg with every file behind it, as the exports write it (src/format/legs.ts). */
export interface LegRecord extends LegView {
  /** Distinct files, ordered by sha256; empty only when the store holds no source for the leg. */
  files: LegFile[];
}

/**
 * The legs `listLegs` lists, each with the files it comes from: a leg from a file (a flight
 * history) cites that file; a leg derived from ADS-B cites the position files whose positions of
 * its aircraft span its take-off to landing; a merged leg cites the files of every leg merged
 * into it. The same rule as `citeLegSources` (src/answers/counted-legs.ts), leg by leg.
 */
export async function listLegRecords(store: Store, filter: LegFilter = {}, listing: LegListing = {}): Promise<LegRecord[]> {
  const legs = await listLegs(store, filter, listing);
  const files = await legFiles(store, legs.map((l) => l.id));
  return legs.map((l) => ({ ...l, files: files.get(l.id) ?? [] }));
}

async function legFiles(store: Store, ids: number[]): Promise<Map<number, LegFile[]>> {
  const out = new Map<number, LegFile[]>();
  if (ids.length === 0) return out;
  // Each file's span per aircraft is one row, so the join never touches the positions one by one.
  const rows = await store.all<{ id: number; file: string; sha256: string }>(
    `WITH members AS (SELECT m.* FROM leg_sources m WHERE list_contains(?::BIGINT[], m.leg_id)),
          spans AS (SELECT icao24, source_id, min(time) AS first, max(time) AS last FROM positions
                    WHERE icao24 IN (SELECT icao24 FROM members WHERE origin = 'adsb') GROUP BY ALL)
     SELECT DISTINCT m.leg_id AS id, ${shownSourceNameSql('s.path')} AS file, s.sha256
     FROM members m
     LEFT JOIN spans p ON m.origin = 'adsb' AND p.icao24 = m.icao24
       AND p.first <= epoch(coalesce(m.arr_time, m.dep_time)) AND p.last >= epoch(coalesce(m.dep_time, m.arr_time))
     JOIN sources s ON s.id = coalesce(m.source_id, p.source_id)
     ORDER BY m.leg_id, s.sha256`,
    [listValue(ids.map((id) => BigInt(id)))] as never,
  );
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    list.push({ file: r.file, sha256: r.sha256 });
    out.set(r.id, list);
  }
  return out;
}
