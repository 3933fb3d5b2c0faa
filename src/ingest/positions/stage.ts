import type { DuckDBAppender } from '@duckdb/node-api';
import type { LoadContext } from '../format.ts';
import { appendPosition } from './append-row.ts';
import { implausibleSqlBranches } from './plausible.ts';

/**
 * Every position reader writes its rows, already in the store's units, into one staging table
 * inside the load's transaction; `commitStage` then collapses exact duplicates (within the file
 * and against rows already stored) and appends the rest to `positions` in one statement.
 */
export const STAGE = '_positions_stage';

/** One position in the store's units (see migration 3). */
export interface PositionRow {
  icao24: string;
  /** Epoch seconds, UTC. */
  time: number;
  lat: number;
  lon: number;
  altBaroFt: number | null;
  altGeomFt: number | null;
  onGround: boolean | null;
  gsKt: number | null;
  trackDeg: number | null;
  vrateFpm: number | null;
  callsign: string | null;
  squawk: string | null;
  /** Bit 1 stale, bit 2 new leg (readsb trace flags). */
  flags: number;
}

/** Column list of the staging table, in `positions` order after `source_id`, then the file line. */
const STAGE_COLUMNS = `icao24 VARCHAR NOT NULL, time DOUBLE NOT NULL, lat DOUBLE NOT NULL, lon DOUBLE NOT NULL,
  alt_baro_ft DOUBLE, alt_geom_ft DOUBLE, on_ground BOOLEAN, gs_kt DOUBLE, track_deg DOUBLE, vrate_fpm DOUBLE,
  callsign VARCHAR, squawk VARCHAR, flags UTINYINT NOT NULL, line INTEGER`;

/** Creates (or empties) the staging table for this load. */
export async function createStage(ctx: LoadContext): Promise<void> {
  await ctx.store.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (${STAGE_COLUMNS})`);
}

/** Appends rows to the staging table through DuckDB's appender (no SQL per row). */
export class StageWriter {
  readonly #appender: DuckDBAppender;
  /** Rows appended so far. */
  count = 0;

  private constructor(appender: DuckDBAppender) {
    this.#appender = appender;
  }

  /** Creates the staging table and opens an appender on it. */
  static async open(ctx: LoadContext): Promise<StageWriter> {
    await createStage(ctx);
    return new StageWriter(await ctx.store.conn.createAppender(STAGE, 'main', 'temp'));
  }

  /** `line` is the row's place in the file (line, record or point number), or null. */
  add(row: PositionRow, line: number | null): void {
    const a = this.#appender;
    appendPosition(a, row);
    if (line === null) a.appendNull();
    else a.appendInteger(line);
    a.endRow();
    this.count++;
  }

  close(): void {
    this.#appender.closeSync();
  }
}

/**
 * Moves the staged rows whose time, altitude, speed or track cannot be an aircraft's
 * (plausible.ts) to `rejects`, with their line (or point number) and reason: every reader's rows
 * pass this check, whatever the reader checked itself.
 */
async function rejectImplausible(ctx: LoadContext): Promise<void> {
  const { store, sourceId } = ctx;
  const problem = `CASE ${implausibleSqlBranches({ time: 'time', altBaroFt: 'alt_baro_ft', altGeomFt: 'alt_geom_ft', gsKt: 'gs_kt', trackDeg: 'track_deg' })} END`;
  const reasons = await store.all<{ reason: string; n: number }>(`SELECT reason, count(*)::BIGINT AS n FROM (SELECT ${problem} AS reason FROM ${STAGE}) WHERE reason IS NOT NULL GROUP BY 1 ORDER BY 1`);
  if (reasons.length === 0) return;
  // The row as stored would be: the reader's own text of it is gone by now.
  const raw = `printf('icao24 %s, time %s, lat %s, lon %s, alt_baro_ft %s, alt_geom_ft %s, gs_kt %s, track_deg %s', icao24, time::VARCHAR, lat::VARCHAR, lon::VARCHAR,
    coalesce(alt_baro_ft::VARCHAR, ''), coalesce(alt_geom_ft::VARCHAR, ''), coalesce(gs_kt::VARCHAR, ''), coalesce(track_deg::VARCHAR, ''))`;
  await store.run(
    `INSERT INTO rejects SELECT ${Number(sourceId)}, line, reason, raw FROM (SELECT line, ${problem} AS reason, ${raw} AS raw FROM ${STAGE}) WHERE reason IS NOT NULL ORDER BY line`,
  );
  await store.run(`DELETE FROM ${STAGE} WHERE (${problem}) IS NOT NULL`);
  for (const r of reasons) ctx.rejects.noteWritten(r.reason, Number(r.n));
}

/**
 * Moves the staged rows into `positions`: exact duplicates (same icao24, time, lat, lon and
 * barometric altitude, as overlapping receivers produce) are collapsed to the first one in the
 * file, and rows already stored from an earlier source are not stored again. Returns the number
 * of rows stored; duplicates are reported as a warning with their count.
 */
export async function commitStage(ctx: LoadContext): Promise<{ kept: number; duplicates: number }> {
  const { store, sourceId } = ctx;
  await rejectImplausible(ctx);
  const range = await store.one<{ n: number; t0: number; t1: number }>(`SELECT count(*)::BIGINT AS n, min(time) AS t0, max(time) AS t1 FROM ${STAGE}`);
  const staged = Number(range?.n ?? 0);
  if (staged === 0) return { kept: 0, duplicates: 0 };
  // Sorted by aircraft and time, so that DuckDB's zone maps serve per-aircraft time ranges.
  await store.run(
    `INSERT INTO positions (source_id, icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags)
     SELECT ${Number(sourceId)}, icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags
     FROM (SELECT DISTINCT ON (icao24, time, lat, lon, alt_baro_ft) * FROM ${STAGE} ORDER BY icao24, time, lat, lon, alt_baro_ft, line) s
     WHERE NOT EXISTS (
       SELECT 1 FROM positions p
       -- the time range first: DuckDB's zone maps skip the stored rows outside it
       WHERE p.time BETWEEN ? AND ?
         AND p.icao24 = s.icao24 AND p.time = s.time AND p.lat = s.lat AND p.lon = s.lon AND p.alt_baro_ft IS NOT DISTINCT FROM s.alt_baro_ft
     )
     ORDER BY icao24, time`,
    [range!.t0, range!.t1],
  );
  const kept = Number(await store.value(`SELECT count(*) FROM positions WHERE source_id = ?`, [sourceId]));
  const duplicates = staged - kept;
  if (duplicates > 0) {
    ctx.warn('duplicates', `${duplicates} exact duplicate position(s) (same aircraft, time, place and altitude, in this file or already stored) collapsed`);
  }
  await store.run(`DROP TABLE IF EXISTS ${STAGE}`);
  return { kept, duplicates };
}

/** Counts rows a reader skipped because they carry no position (not errors: reported once). */
export function warnNoPosition(ctx: LoadContext, n: number): void {
  if (n > 0) ctx.warn('no-position', `${n} row(s) of watched aircraft without a position (no latitude/longitude) skipped`);
}
