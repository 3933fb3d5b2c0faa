/**
 * Stores a live session's positions in batches: rows wait in memory and are appended to
 * `positions` in one transaction per batch (with the session's `sources` counters), every
 * `flushMs` or as soon as `batchRows` are waiting. The reader awaits `ready()` after each chunk:
 * while a batch is being written and too many rows wait, it stops reading the socket (TCP then
 * slows the sender) instead of buffering without bound.
 */
import { randomUUID } from 'node:crypto';
import { appendLivePositions } from '../query/write/live.ts';
import type { PositionRow } from '../ingest/positions/stage.ts';
import { insertRejects, insertSource, nextSourceId, updateSourceCounts } from '../query/write/sources.ts';
import type { Store } from '../store/store.ts';

export interface LiveSourceCounts {
  bytes: number;
  rowsRead: number;
  rowsRejected: number;
}

export interface PositionWriterOptions {
  /** Rows that start a write at once. */
  batchRows?: number;
  /** Longest wait before waiting rows are written, ms. */
  flushMs?: number;
  /** Rows waiting past which the reader is paused until the store catches up. */
  highWater?: number;
  /** Rejected lines kept in `rejects` per session (all are counted). */
  maxRejectsKept?: number;
  /** Test hook: extra delay per write, ms (a slow disk). */
  slowMs?: number;
}

/** Creates the `sources` row of a live session (format `live-sbs` or `live-aircraft-json`). */
export async function createLiveSource(store: Store, format: string, feed: string): Promise<number> {
  const id = await nextSourceId(store);
  // A live session has no file to hash: its sha256 column carries a unique session id.
  await insertSource(store, { id, path: feed, format, sha256: `live-session-${randomUUID()}`, bytes: 0, rowsRead: 0, rowsKept: 0, rowsRejected: 0, releaseThrough: null, generated: false });
  return id;
}

export class PositionWriter {
  readonly #store: Store;
  readonly #sourceId: number;
  readonly #batchRows: number;
  readonly #highWater: number;
  readonly #maxRejects: number;
  readonly #slowMs: number;
  /** Rows waiting to be written. */
  #rows: PositionRow[] = [];
  /** Rejected lines waiting to be written. */
  #rejects: [number, string, string][] = [];
  #rejectsKept = 0;
  /** The write in progress, if any. */
  #writing: Promise<void> | null = null;
  #timer: NodeJS.Timeout;
  /** Tail of the queue of statements on the connection. */
  #lock: Promise<void> = Promise.resolve();
  /** Rows stored so far. */
  stored = 0;
  /** Writes done. */
  batches = 0;
  /** Times the reader was paused for the store. */
  pauses = 0;
  /** Counters written into the session's sources row. */
  readonly counts: LiveSourceCounts = { bytes: 0, rowsRead: 0, rowsRejected: 0 };

  constructor(store: Store, sourceId: number, { batchRows = 2000, flushMs = 1000, highWater = 20000, maxRejectsKept = 1000, slowMs = 0 }: PositionWriterOptions = {}) {
    this.#store = store;
    this.#sourceId = sourceId;
    this.#batchRows = batchRows;
    this.#highWater = highWater;
    this.#maxRejects = maxRejectsKept;
    this.#slowMs = slowMs;
    this.#timer = setInterval(() => void this.#kick(), flushMs);
    this.#timer.unref();
  }

  /** Rows waiting. */
  get waiting(): number {
    return this.#rows.length;
  }

  add(row: PositionRow): void {
    this.#rows.push(row);
    if (this.#rows.length >= this.#batchRows) void this.#kick();
  }

  /** Keeps a rejected line (the first `maxRejectsKept` of the session). */
  reject(line: number, reason: string, raw: string): void {
    this.counts.rowsRejected++;
    if (this.#rejectsKept++ < this.#maxRejects) this.#rejects.push([line, reason, raw.slice(0, 1000)]);
  }

  /** Resolves at once unless too many rows wait; then when the store has caught up. */
  async ready(): Promise<void> {
    if (this.#rows.length < this.#highWater) return;
    this.pauses++;
    while (this.#rows.length >= this.#highWater) await this.#kick();
  }

  /** Writes everything waiting; resolves when it is stored. */
  async flush(): Promise<void> {
    while (this.#writing || this.#rows.length > 0 || this.#rejects.length > 0) await this.#kick();
  }

  /**
   * Runs `fn` alone on the store's connection: one connection carries one transaction at a time,
   * so every other statement of the session (the alerts) goes through here too.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn);
    this.#lock = run.then(() => undefined, () => undefined);
    return run;
  }

  /** Writes what waits and stops the timer. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
    await this.exclusive(() => this.#writeCounts());
  }

  /** Starts a write unless one runs; resolves when the current write ends. */
  #kick(): Promise<void> {
    if (this.#writing) return this.#writing;
    if (this.#rows.length === 0 && this.#rejects.length === 0) return Promise.resolve();
    const rows = this.#rows;
    const rejects = this.#rejects;
    this.#rows = [];
    this.#rejects = [];
    this.#writing = this.exclusive(() => this.#write(rows, rejects)).finally(() => {
      this.#writing = null;
    });
    return this.#writing;
  }

  async #write(rows: PositionRow[], rejects: [number, string, string][]): Promise<void> {
    if (this.#slowMs > 0) await new Promise((r) => setTimeout(r, this.#slowMs));
    const id = this.#sourceId;
    await this.#store.transaction(async () => {
      if (rows.length > 0) await appendLivePositions(this.#store, id, rows);
      await insertRejects(this.#store, id, rejects);
      this.stored += rows.length;
      await this.#writeCounts();
    });
    this.batches++;
  }

  async #writeCounts(): Promise<void> {
    const c = this.counts;
    await updateSourceCounts(this.#store, this.#sourceId, { bytes: c.bytes, rowsRead: c.rowsRead, rowsKept: this.stored, rowsRejected: c.rowsRejected });
  }
}
