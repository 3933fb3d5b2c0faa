import { listValue } from '@duckdb/node-api';
import { shownSourceNameSql } from '../store/source-name.ts';
import type { Store } from '../store/store.ts';
import { legWhere, type LegFilter } from './filter.ts';
import { COUNTED_LEGS } from './legs.ts';
import { citeSources, type SourceRef } from './sources.ts';

/**
 * The sources behind the legs a filter picks: a leg from a file cites that file; a leg derived
 * from ADS-B cites the position files whose positions of its aircraft span its take-off to
 * landing; a merged leg cites every source of every leg merged into it. `rowsUsed` counts legs.
 * Each file's span per aircraft is one row, so the join never touches the positions one by one.
 */
export function citeLegSources(store: Store, filter: LegFilter): Promise<SourceRef[]> {
  const where = legWhere(filter);
  return citeSources(store, {
    sql: `SELECT coalesce(m.source_id, p.source_id) AS source_id, count(DISTINCT l.id)::BIGINT AS rows
          FROM (SELECT id FROM ${COUNTED_LEGS} ${where.sql}) l
          JOIN leg_sources m ON m.leg_id = l.id
          LEFT JOIN (SELECT icao24, source_id, min(time) AS first, max(time) AS last FROM positions GROUP BY ALL) p
            ON m.origin = 'adsb' AND p.icao24 = m.icao24
           AND p.first <= epoch(coalesce(m.arr_time, m.dep_time)) AND p.last >= epoch(coalesce(m.dep_time, m.arr_time))
          GROUP BY 1`,
    params: where.params,
  });
}

/** A file behind a leg: its shown name (never a local path) and its sha256. */
export interface LegFile {
  file: string;
  sha256: string;
}

/**
 * The files behind each of the legs given, by the rule of `citeLegSources` applied leg by leg
 * (for exports that cite every row): distinct files of each leg, ordered by sha256. A leg the
 * store holds no source for has no entry.
 */
export async function legFiles(store: Store, ids: number[]): Promise<Map<number, LegFile[]>> {
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
    [listValue(ids.map((id) => BigInt(id)))],
  );
  for (const r of rows) {
    const list = out.get(r.id) ?? [];
    list.push({ file: r.file, sha256: r.sha256 });
    out.set(r.id, list);
  }
  return out;
}
