import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sqlString } from '../ingest/duckdb-csv.ts';
import type { Store } from '../store/store.ts';

/**
 * Writes the rows of a selection (`legRows`, `missionRows`: the same rows the listings show) to a
 * Parquet file with DuckDB's own writer (times as UTC timestamps, the columns as stored). Written
 * beside the target and renamed into place, so a failed export leaves no half file. Returns the
 * rows written.
 */
export async function exportParquet(store: Store, selection: { sql: string; params: unknown[] }, file: string): Promise<number> {
  const target = path.resolve(file);
  const partial = `${target}.part-${process.pid}`;
  // The selection goes into a temp table with parameters; COPY then writes a constant query.
  await store.run(`CREATE OR REPLACE TEMP TABLE _export AS ${selection.sql}`, selection.params as never);
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
