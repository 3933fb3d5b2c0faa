import { createHash } from 'node:crypto';
import { CharterwatchError } from '../errors.ts';
import type { FleetFilter } from '../ingest/format.ts';
import type { Store } from '../store/store.ts';
import { PositionSink } from './sink.ts';
import type { PullSource } from './source.ts';
import { iso, plan, wholeHours, type Pulled, type Window } from './windows.ts';

export interface PullOptions {
  /** Epoch s; rounded out to whole hours. */
  from: number;
  to: number;
  fleet: FleetFilter;
  /** Window length; defaults to the source's. */
  windowHours?: number;
  /** Called after each window commits (progress lines; tests use it to break things mid-pull). */
  onWindow?: (result: WindowResult) => void | Promise<void>;
}

/** One pulled window, as `--json` prints it. */
export interface WindowResult {
  start: string;
  end: string;
  sourceId: number;
  aircraft: number | 'all';
  rowsRead: number;
  rowsKept: number;
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
 */
export async function pull(store: Store, source: PullSource, { from, to, fleet, windowHours, onWindow }: PullOptions): Promise<PullResult> {
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
  for (const window of windows) {
    const done = await pullWindow(store, source, window);
    result.windows.push(done);
    result.rowsKept += done.rowsKept;
    result.bytes += done.bytes;
    await onWindow?.(done);
  }
  return result;
}

async function pullWindow(store: Store, source: PullSource, window: Window): Promise<WindowResult> {
  const started = performance.now();
  const query = source.query(window);
  const path = `${source.origin}#${iso(window.start)}/${iso(window.end)}`;
  const sha256 = createHash('sha256').update(`${source.origin}\n${window.start}\n${window.end}\n${query}`).digest('hex');
  return store.transaction(async () => {
    const sourceId = Number(await store.value(`SELECT nextval('source_id_seq')`));
    const sink = await PositionSink.open({ store, sourceId, units: source.units, start: window.start, end: window.end, origin: source.origin });
    let bytes: number;
    try {
      ({ bytes } = await source.stream(query, (row) => sink.add(row)));
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
    await store.run(
      `INSERT INTO sources (id, path, format, sha256, bytes, rows_read, rows_kept, rows_rejected, loaded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())`,
      [sourceId, path, source.format, sha256, bytes, sink.rowsRead, sink.rowsKept, 0],
    );
    await store.run(
      `INSERT INTO pulled_windows VALUES (?, ?, ?, ?, ${window.include === null ? 'NULL' : '?::VARCHAR[]'}, ?::VARCHAR[])`,
      [sourceId, source.origin, window.start, window.end, ...(window.include === null ? [] : [listLiteral(window.include)]), listLiteral(window.exclude)],
    );
    return {
      start: iso(window.start),
      end: iso(window.end),
      sourceId,
      aircraft: window.include === null ? 'all' : window.include.length,
      rowsRead: sink.rowsRead,
      rowsKept: sink.rowsKept,
      bytes,
      seconds: Math.round(performance.now() - started) / 1000,
    };
  });
}

/** A VARCHAR[] parameter as DuckDB's list literal text (addresses are validated hex). */
const listLiteral = (items: string[]) => `[${items.join(', ')}]`;

async function pulledWindows(store: Store, origin: string, from: number, to: number): Promise<Pulled[]> {
  const rows = await store.all<{ start: number; end: number; aircraft: string[] | null; excluded: string[] | null }>(
    `SELECT window_start AS start, window_end AS "end", aircraft, excluded FROM pulled_windows
     WHERE origin = ? AND window_end > ? AND window_start < ? ORDER BY source_id`,
    [origin, from, to],
  );
  return rows.map((r) => ({ start: r.start, end: r.end, aircraft: r.aircraft, excluded: r.excluded ?? [] }));
}
