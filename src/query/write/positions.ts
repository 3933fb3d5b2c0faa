/**
 * The position readers' staging table (src/ingest/positions/stage.ts): every reader writes its
 * rows there, in the store's units, inside the load's transaction; these statements check them,
 * collapse duplicates and move them to `positions`. A pull lands its windows without it
 * (src/query/write/pulled.ts), a live session appends directly (src/query/write/live.ts).
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { implausibleSqlBranches } from '../../ingest/positions/plausible.ts';
import type { Store } from '../../store/store.ts';

/** The staging table: a temp table of the load's connection. */
export const STAGE = '_positions_stage';

/** Column list of the staging table, in `positions` order after `source_id`, then the file line. */
const STAGE_COLUMNS = `icao24 VARCHAR NOT NULL, time DOUBLE NOT NULL, lat DOUBLE NOT NULL, lon DOUBLE NOT NULL,
  alt_baro_ft DOUBLE, alt_geom_ft DOUBLE, on_ground BOOLEAN, gs_kt DOUBLE, track_deg DOUBLE, vrate_fpm DOUBLE,
  callsign VARCHAR, squawk VARCHAR, flags UTINYINT NOT NULL, line INTEGER`;

/** Creates (or empties) the staging table. */
export async function createStage(store: Store): Promise<void> {
  await store.run(`CREATE OR REPLACE TEMP TABLE ${STAGE} (${STAGE_COLUMNS})`);
}

/** An appender on the staging table (create it first); the caller closes it. */
export function openStageAppender(store: Store): Promise<DuckDBAppender> {
  return store.conn.createAppender(STAGE, 'main', 'temp');
}

/** Why a staged row cannot be an aircraft's (a CASE over the staging table's columns, NULL when it can), for `now` (epoch s). */
const stagedProblemSql = (now: number) =>
  `CASE ${implausibleSqlBranches({ time: 'time', altBaroFt: 'alt_baro_ft', altGeomFt: 'alt_geom_ft', gsKt: 'gs_kt', trackDeg: 'track_deg' }, now)} END`;

/** How many staged rows each plausibility check refuses at `now` (epoch s), by reason; none when all pass. */
export function countImplausibleStaged(store: Store, now: number): Promise<{ reason: string; n: number }[]> {
  return store.all<{ reason: string; n: number }>(
    `SELECT reason, count(*)::BIGINT AS n FROM (SELECT ${stagedProblemSql(now)} AS reason FROM ${STAGE}) WHERE reason IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
}

/**
 * Moves the staged rows the checks refuse at `now` to `rejects` (their line and reason, and the
 * row's values as they would have been stored: the reader's own text of it is gone by now).
 */
export async function moveImplausibleStaged(store: Store, sourceId: number, now: number): Promise<void> {
  const problem = stagedProblemSql(now);
  const raw = `printf('icao24 %s, time %s, lat %s, lon %s, alt_baro_ft %s, alt_geom_ft %s, gs_kt %s, track_deg %s', icao24, time::VARCHAR, lat::VARCHAR, lon::VARCHAR,
    coalesce(alt_baro_ft::VARCHAR, ''), coalesce(alt_geom_ft::VARCHAR, ''), coalesce(gs_kt::VARCHAR, ''), coalesce(track_deg::VARCHAR, ''))`;
  await store.run(
    `INSERT INTO rejects SELECT ${Number(sourceId)}, line, reason, raw FROM (SELECT line, ${problem} AS reason, ${raw} AS raw FROM ${STAGE}) WHERE reason IS NOT NULL ORDER BY line`,
  );
  await store.run(`DELETE FROM ${STAGE} WHERE (${problem}) IS NOT NULL`);
}

/** How many rows are staged, and their earliest and latest time (epoch s; null when none). */
export async function stagedRange(store: Store): Promise<{ n: number; t0: number | null; t1: number | null }> {
  const range = await store.one<{ n: number; t0: number | null; t1: number | null }>(`SELECT count(*)::BIGINT AS n, min(time) AS t0, max(time) AS t1 FROM ${STAGE}`);
  return { n: Number(range?.n ?? 0), t0: range?.t0 ?? null, t1: range?.t1 ?? null };
}

/**
 * Appends the staged rows to `positions` as the source's, exact duplicates (same icao24, time,
 * lat, lon and barometric altitude) collapsed to the first one in the file (by line), and rows
 * already stored left out. `t0`, `t1`: the staged rows' time range (`stagedRange`).
 */
export async function insertStagedPositions(store: Store, sourceId: number, { t0, t1 }: { t0: number; t1: number }): Promise<void> {
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
    [t0, t1],
  );
}

/** How many positions a source has stored. */
export async function countSourcePositions(store: Store, sourceId: number): Promise<number> {
  return Number(await store.value(`SELECT count(*) FROM positions WHERE source_id = ?`, [sourceId]));
}

/** Drops the staging table. */
export async function dropStage(store: Store): Promise<void> {
  await store.run(`DROP TABLE IF EXISTS ${STAGE}`);
}
