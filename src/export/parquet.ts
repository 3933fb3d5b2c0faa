import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { legWhere, type LegFilter } from '../answers/legs.ts';
import { sqlString } from '../ingest/duckdb-csv.ts';
import type { Store } from '../store/store.ts';

/**
 * Writes legs or missions to a Parquet file with DuckDB's own writer (times as UTC timestamps,
 * the columns as stored, plus each leg's source file and its sha256). Written beside the target
 * and renamed into place, so a failed export leaves no half file. Returns the rows written.
 */
export async function exportParquet(store: Store, what: 'legs' | 'missions', file: string, filter: LegFilter = {}): Promise<number> {
  const target = path.resolve(file);
  const partial = `${target}.part-${process.pid}`;
  const { sql, params } = legWhere(filter);
  // The selection goes into a temp table with parameters; COPY then writes a constant query.
  const selection = what === 'legs'
    ? `SELECT l.*, s.path AS source_file, s.sha256 AS source_sha256
       FROM (SELECT * FROM legs ${sql}) l LEFT JOIN sources s ON s.id = l.source_id
       ORDER BY coalesce(l.dep_time, l.arr_time, l.leg_date::TIMESTAMPTZ), l.id`
    : `SELECT m.* FROM missions m WHERE m.id IN (SELECT DISTINCT mission_id FROM legs ${sql}) ORDER BY m.start_time, m.id`;
  await store.run(`CREATE OR REPLACE TEMP TABLE _export AS ${selection}`, params as never);
  try {
    const rows = Number(await store.value(`SELECT count(*) FROM _export`));
    await store.run(`COPY _export TO ${sqlString(partial)} (FORMAT parquet, COMPRESSION zstd)`);
    if (existsSync(target)) rmSync(target);
    renameSync(partial, target);
    return rows;
  } finally {
    rmSync(partial, { force: true });
    await store.run(`DROP TABLE IF EXISTS _export`);
  }
}
