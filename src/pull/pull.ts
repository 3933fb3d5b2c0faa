import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { CharterwatchError } from '../errors.ts';
import type { FleetFilter } from '../ingest/format.ts';
import { insertPulledWindow, pulledWindowRows } from '../query/write/pulled.ts';
import { insertSource, nextSourceId } from '../query/write/sources.ts';
import type { Store } from '../store/store.ts';
import { landFile } from './landing.ts';
import { PositionSink } from './sink.ts';
import type { PullSource } from './source.ts';
import { Staging } from './staging.ts';
import { iso, plan, wholeHours, type Pulled, type Window } from './windows.ts';
import { queueSourceAircraft } from '../tracks/derive.ts';

export interface PullOptions {
  /** Epoch s; rounded out to whole hours. */
  from: number;
  to: number;
  fleet: FleetFilter;
  /** Window length; defaults to the source's. */
  windowHours?: number;
  /** Windows pulled at once; defaults to the source's, at most its maximum. */
  concurrency?: number;
  /** Called after each window commits (progress lines; tests use it to break things mid-pull). */
  onWindow?: (result: WindowResult) => void | Promise<void>;
  /**
   * How a window's rows land: `file` (the default when the source can: its reply written to a
   * file that DuckDB's CSV reader loads in one statement) or `rows` (decoded in JavaScript and
   * appended row by row; the only way for OpenSky's Trino, kept for ClickHouse to compare).
   */
  landing?: 'file' | 'rows';
}

/** One pulled window, as `--json` prints it. */
export interface WindowResult {
  start: string;
  end: string;
  sourceId: number;
  aircraft: number | 'all';
  rowsRead: number;
  rowsKept: number;
  /** Rows refused (no usable position, implausible values), kept aside in `rejects`, by reason. */
  rowsRejected: number;
  rejectedByReason: Record<string, number>;
  bytes: number;
  seconds: number;
}

export interface PullResult {
  origin: string;
  format: string;
  from: string;
  to: string;
  /** Windows pulled now. */
  windows: WindowResult[];
  /** Hours of the range already in the store from earlier pulls (skipped). */
  hoursSkipped: number;
  rowsKept: number;
  bytes: number;
}

/**
 * Pulls the watched aircraft's positions for `[from, to)` from `source`, one window per
 * transaction: a window's positions, its `sources` row and its `pulled_windows` row commit
 * together or not at all. What earlier pulls of the same origin brought in is not asked again,
 * so an interrupted pull, run again, continues where it stopped, without duplicates.
 *
 * Up to `concurrency` windows are in flight at once, each on its own DuckDB connection and
 * transaction; the first failure cancels the others (rolled back) and is what `pull` throws.
 * Windows committed before it stay, whatever order they finished in.
 */
export async function pull(store: Store, source: PullSource, { from, to, fleet, windowHours, concurrency, onWindow, landing }: PullOptions): Promise<PullResult> {
  const range = wholeHours(from, to);
  if (fleet !== null && fleet.size === 0) throw new CharterwatchError('USAGE', 'the watchlist is empty: nothing to pull');
  await source.check();
  const pulled = await pulledWindows(store, source.origin, range.from, range.to);
  const windows = plan({ ...range, fleet, pulled, windowHours: windowHours ?? source.windowHours });
  const result: PullResult = {
    origin: source.origin,
    format: source.format,
    from: iso(range.from),
    to: iso(range.to),
    windows: [],
    hoursSkipped: (range.to - range.from) / 3600 - windows.reduce((n, w) => n + (w.end - w.start) / 3600, 0),
    rowsKept: 0,
    bytes: 0,
  };
  const lanes = Math.max(1, Math.min(concurrency ?? source.concurrency.default, source.concurrency.max, windows.length));
  const staging = landing !== 'rows' && source.fileQuery && source.download && windows.length > 0 ? new Staging(store.path) : null;
  staging?.open();
  try {
    await inLanes(store, windows, lanes, async (conn, window, sourceId, signal) => {
      const done = staging ? await pullWindowToFile(conn, source, window, sourceId, signal, staging) : await pullWindow(conn, source, window, sourceId, signal);
      result.windows.push(done);
      result.rowsKept += done.rowsKept;
      result.bytes += done.bytes;
      await onWindow?.(done);
    });
  } finally {
    staging?.close();
  }
  result.windows.sort((a, b) => a.start.localeCompare(b.start));
  return result;
}

type WindowTask = (conn: Store, window: Window, sourceId: number, signal: AbortSignal) => Promise<void>;

/**
 * Runs `task` for each window, `lanes` at a time, each lane on its own connection (the store's
 * own when there is one lane). Source ids are drawn in window order on the store's connection,
 * so `sources` lists the windows in time order whatever order they commit in.
 */
async function inLanes(store: Store, windows: Window[], lanes: number, task: WindowTask): Promise<void> {
  const cancel = new AbortController();
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    if (failure) return; // the first failure is the one to report; the rest are its cancellations
    failure = { error };
    cancel.abort();
  };
  let next = 0;
  let ids: Promise<unknown> = Promise.resolve();
  const lane = async () => {
    let conn: Store | undefined;
    try {
      conn = lanes === 1 ? store : await store.connection();
      while (!failure && next < windows.length) {
        const window = windows[next++]!;
        // Chained, so the ids follow the windows' order and one query at a time uses the connection.
        const id = ids.then(() => nextSourceId(store));
        ids = id.catch(() => undefined);
        await task(conn, window, await id, cancel.signal);
      }
    } catch (error) {
      fail(error);
    } finally {
      if (conn && conn !== store) conn.close();
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  if (failure) throw failure.error;
}

async function pullWindow(store: Store, source: PullSource, window: Window, sourceId: number, signal: AbortSignal): Promise<WindowResult> {
  const started = performance.now();
  const query = source.query(window);
  const sha256 = createHash('sha256').update(`${source.origin}\n${window.start}\n${window.end}\n${query}`).digest('hex');
  return store.transaction(async () => {
    const sink = await PositionSink.open({ store, sourceId, units: source.units, start: window.start, end: window.end, origin: source.origin });
    let bytes: number;
    try {
      ({ bytes } = await source.stream(query, (row) => sink.add(row), signal));
    } catch (error) {
      // Release the appender; the rollback discards whatever it staged.
      try {
        sink.close();
      } catch {
        /* the error that brought us here matters more */
      }
      throw error;
    }
    await sink.finish();
    const landed = { rowsRead: sink.rowsRead, rowsKept: sink.rowsKept, rowsRejected: sink.rowsRejected, rejectedByReason: Object.fromEntries(sink.rejectedByReason) };
    return record(store, source, window, sourceId, { sha256, bytes, ...landed }, started);
  });
}

/**
 * One window landed through a file: the reply is written to the staging folder as it arrives
 * (hashed on the way), then DuckDB's CSV reader loads it in one statement (landing.ts), all in
 * the window's transaction. The file is removed whether the window commits or rolls back.
 */
async function pullWindowToFile(store: Store, source: PullSource, window: Window, sourceId: number, signal: AbortSignal, staging: Staging): Promise<WindowResult> {
  const started = performance.now();
  const query = source.fileQuery!(window);
  const file = staging.file(sourceId);
  try {
    const download = await source.download!(query, file, signal);
    // What was received is part of the window's identity: origin, window, query and the reply's own hash.
    const sha256 = createHash('sha256').update(`${source.origin}\n${window.start}\n${window.end}\n${query}\n${download.sha256}`).digest('hex');
    return await store.transaction(async () => {
      const landed = await landFile({ store, sourceId, file, download, units: source.units, start: window.start, end: window.end, origin: source.origin });
      return record(store, source, window, sourceId, { sha256, bytes: download.bytes, ...landed }, started);
    });
  } finally {
    rmSync(file, { force: true });
  }
}

interface Landed {
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsKept: number;
  rowsRejected: number;
  rejectedByReason: Record<string, number>;
}

/** The window's `sources` and `pulled_windows` rows and its aircraft queued for legs, in its transaction. */
async function record(store: Store, source: PullSource, window: Window, sourceId: number, landed: Landed, started: number): Promise<WindowResult> {
  const path = `${source.origin}#${iso(window.start)}/${iso(window.end)}`;
  await insertSource(store, {
    id: sourceId,
    path,
    format: source.format,
    sha256: landed.sha256,
    bytes: landed.bytes,
    rowsRead: landed.rowsRead,
    rowsKept: landed.rowsKept,
    rowsRejected: landed.rowsRejected,
    releaseThrough: null,
    generated: false,
  });
  await insertPulledWindow(store, { sourceId, origin: source.origin, start: window.start, end: window.end, include: window.include, exclude: window.exclude });
  // The legs these positions call for are owed from this commit on (src/tracks/derive.ts).
  if (landed.rowsKept > 0) await queueSourceAircraft(store, sourceId);
  return {
    start: iso(window.start),
    end: iso(window.end),
    sourceId,
    aircraft: window.include === null ? 'all' : window.include.length,
    rowsRead: landed.rowsRead,
    rowsKept: landed.rowsKept,
    rowsRejected: landed.rowsRejected,
    rejectedByReason: landed.rejectedByReason,
    bytes: landed.bytes,
    seconds: Math.round(performance.now() - started) / 1000,
  };
}

/** The windows of `origin` already pulled that overlap `[from, to)`. */
async function pulledWindows(store: Store, origin: string, from: number, to: number): Promise<Pulled[]> {
  const rows = await pulledWindowRows(store, origin, from, to);
  return rows.map((r) => ({ start: r.start, end: r.end, aircraft: r.aircraft, excluded: r.excluded ?? [] }));
}
