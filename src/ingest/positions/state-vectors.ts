import {
  countBadStateVectors,
  countScannedStateVectors,
  dropScannedStateVectors,
  rejectBadStateVectors,
  rejectStaleStateVectors,
  scanStateVectors,
  stageScannedStateVectors,
  STALE_REASON,
} from '../../query/write/state-vectors.ts';
import type { LoadContext } from '../format.ts';

/** The columns a state-vector file must have to be read at all. */
export const REQUIRED_STATE_COLUMNS = ['time', 'icao24', 'lat', 'lon'];

export interface StateVectorScan {
  /** A FROM-clause item over the file; its columns may be VARCHAR (CSV) or typed (Parquet). */
  from: string;
  /** The column names the source has. */
  columns: string[];
  /**
   * Gives the file lines of rows matching a condition (CSV only); without it, rejected rows
   * are kept aside with no line.
   */
  linesOf?: (condition: string, reasonSql: string) => Promise<{ line: number; reason: string; raw: string }[]>;
  /** Written before the text of rejected rows (the member of a tar archive). */
  label?: string;
}

/**
 * Loads OpenSky state vectors into the staging table in SQL (src/query/write/state-vectors.ts),
 * the fleet filter inside the scan: DuckDB reads the file in parallel and only watched aircraft's
 * rows ever leave the scan (a semi join on a small table of addresses), so a day of the world's
 * traffic is never streamed through JavaScript. Converts SI units to the store's; stale rows
 * (`time - lastcontact > 15`) and rows with bad values go to `rejects` with their reason, rows
 * without a position are counted. Returns the number of rows of watched aircraft read.
 */
export async function stageStateVectors(ctx: LoadContext, { from, columns, linesOf, label }: StateVectorScan): Promise<{ read: number; noPosition: number }> {
  const { store, sourceId } = ctx;
  // 1. The scan: only watched rows leave it, with their raw values and what is wrong with them.
  const scanned = await scanStateVectors(store, { from, columns, fleet: ctx.fleet });
  // 2. Parsing and unit conversion of the good rows (few rows with a fleet filter: plain SQL).
  await stageScannedStateVectors(store, columns);
  const { read, noPosition, stale, bad } = await countScannedStateVectors(store);
  // A tar member's rows carry the member's name before their text.
  const prefix = label ? `${label}: ` : '';
  if (stale > 0) {
    // Stale rows are normal in OpenSky data (kept up to 300 s after the last message): kept
    // aside in bulk, without line numbers, so that they cost one statement.
    await rejectStaleStateVectors(store, sourceId, { columns, prefix });
    ctx.rejects.noteWritten(STALE_REASON, stale);
  }
  if (bad > 0) {
    if (linesOf) {
      for (const r of await linesOf(scanned.badRows, scanned.problem)) await ctx.rejects.add(r.line, r.reason, prefix + r.raw);
    } else {
      const reasons = await countBadStateVectors(store);
      await rejectBadStateVectors(store, sourceId, { columns, prefix });
      for (const r of reasons) ctx.rejects.noteWritten(r.reason, Number(r.n));
    }
  }
  await dropScannedStateVectors(store);
  return { read, noPosition };
}
