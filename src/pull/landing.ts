import { CharterwatchError } from '../errors.ts';
import { countReplyRows, insertReplyPositions, rejectReplyRows, type PulledReply } from '../query/write/pulled.ts';
import type { Store } from '../store/store.ts';
import type { Units } from './layout.ts';
import type { Download } from './source.ts';

export interface LandOptions {
  /** The window's transaction's connection. */
  store: Store;
  sourceId: number;
  /** The downloaded reply: CSV, one row a record, fields in `FIELDS` order without `lastcontact`. */
  file: string;
  download: Download;
  units: Units;
  /** The window asked for, epoch s: a row outside it means the reply is not what was asked. */
  start: number;
  end: number;
  /** Where the rows come from, for error messages. */
  origin: string;
}

export interface Landed {
  rowsRead: number;
  rowsKept: number;
  rowsRejected: number;
  rejectedByReason: Record<string, number>;
}

/** The reason a row without a usable position is refused (the same words as the row-by-row path). */
export const NO_POSITION = 'no usable position: latitude or longitude missing or out of range';

/** Refused rows of a window kept aside with their text; the rest are counted by reason only. */
const MAX_KEPT_ASIDE = 1000;

/**
 * Lands a window's downloaded reply in `positions` with DuckDB's own CSV reader: one insert
 * statement over the file (src/query/write/pulled.ts) inside the window's transaction, the
 * units converted and the plausibility bounds applied in SQL exactly as the row-by-row path
 * (sink.ts) applies them in JavaScript, so both give the same rows to the bit (tested).
 *
 * A row that cannot be what the query asked for (address not 6 hex digits, time missing or
 * outside the window) stops the window: the statement fails and the transaction rolls back.
 * Refused rows (no usable position, implausible values) are counted by reason and the first
 * 1,000 kept aside in `rejects`; that second reading of the file happens only when some rows were
 * not kept (the reply's line count says so), so a clean window is read once.
 */
export async function landFile({ store, sourceId, file, download, units, start, end, origin }: LandOptions): Promise<Landed> {
  if (download.bytes === 0) return { rowsRead: 0, rowsKept: 0, rowsRejected: 0, rejectedByReason: {} };
  const reply: PulledReply = {
    file,
    units,
    start,
    end,
    malformed: `${origin}: a row of the reply has address %s and time %s, not a 6-hex-digit address and a time inside the window asked for (the reply was cut or is not in the expected layout)`,
    noPosition: NO_POSITION,
    // One clock for every reading of the reply, so that each refuses the same rows.
    now: Date.now() / 1000,
  };
  let rowsKept: number;
  try {
    rowsKept = await insertReplyPositions(store, sourceId, reply);
  } catch (error) {
    throw landingError(error, origin);
  }
  // Every row kept and as many rows as line ends: nothing was refused, no need to read the file again.
  if (rowsKept === download.newlines) return { rowsRead: rowsKept, rowsKept, rowsRejected: 0, rejectedByReason: {} };
  const counts = await countReplyRows(store, reply);
  const rejectedByReason = Object.fromEntries(counts.filter((c) => c.reason !== null).map((c) => [c.reason!, c.n]));
  const rowsRejected = Object.values(rejectedByReason).reduce((a, b) => a + b, 0);
  const rowsRead = counts.reduce((a, c) => a + c.n, 0);
  if (rowsRead !== rowsKept + rowsRejected) throw new CharterwatchError('FAILED', `${origin}: the reply read ${rowsRead} rows, then ${rowsKept + rowsRejected}: the file changed while it was loaded`);
  if (rowsRejected > 0) await rejectReplyRows(store, sourceId, reply, MAX_KEPT_ASIDE);
  return { rowsRead, rowsKept, rowsRejected, rejectedByReason };
}

/** DuckDB's own message for a reply it cannot read (or a malformed row), named after the source. */
function landingError(error: unknown, origin: string): CharterwatchError {
  const message = (error as Error).message ?? String(error);
  const own = /^Invalid Input Error: (.*)$/s.exec(message)?.[1] ?? message;
  if (own.startsWith(origin)) return new CharterwatchError('FAILED', own.split('\n')[0]!);
  return new CharterwatchError('FAILED', `${origin}: the reply could not be read as the CSV asked for: ${own.split('\n').slice(0, 3).join(' ')}`);
}
