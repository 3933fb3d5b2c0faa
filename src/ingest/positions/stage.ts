/**
 * Every position reader writes its rows, already in the store's units, into one staging table
 * inside the load's transaction (src/query/write/positions.ts); `commitStage` then collapses
 * exact duplicates (within the file and against rows already stored) and appends the rest to
 * `positions` in one statement.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { LoadContext } from '../format.ts';
import { countImplausibleStaged, countSourcePositions, createStage as createStageTable, dropStage, insertStagedPositions, moveImplausibleStaged, openStageAppender, stagedRange } from '../../query/write/positions.ts';
import { appendPosition } from './append-row.ts';

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

/** Creates (or empties) the staging table for this load. */
export async function createStage(ctx: LoadContext): Promise<void> {
  await createStageTable(ctx.store);
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
    return new StageWriter(await openStageAppender(ctx.store));
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
  // One clock for the count and the move, so that both refuse the same rows.
  const now = Date.now() / 1000;
  const reasons = await countImplausibleStaged(store, now);
  if (reasons.length === 0) return;
  await moveImplausibleStaged(store, sourceId, now);
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
  const range = await stagedRange(store);
  const staged = range.n;
  if (staged === 0) return { kept: 0, duplicates: 0 };
  await insertStagedPositions(store, sourceId, { t0: range.t0!, t1: range.t1! });
  const kept = await countSourcePositions(store, sourceId);
  const duplicates = staged - kept;
  if (duplicates > 0) {
    ctx.warn('duplicates', `${duplicates} exact duplicate position(s) (same aircraft, time, place and altitude, in this file or already stored) collapsed`);
  }
  await dropStage(store);
  return { kept, duplicates };
}

/** Counts rows a reader skipped because they carry no position (not errors: reported once). */
export function warnNoPosition(ctx: LoadContext, n: number): void {
  if (n > 0) ctx.warn('no-position', `${n} row(s) of watched aircraft without a position (no latitude/longitude) skipped`);
}
