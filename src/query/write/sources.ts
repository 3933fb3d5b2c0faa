/**
 * The `sources` rows a writer makes: one per file loaded (src/ingest/ingest.ts), per live session
 * (src/live/position-writer.ts) and per generated traffic (src/generate/write.ts), and the rows a
 * live session rejects. Reads of the sources for figures are in src/query/sources.ts.
 */
import type { Store } from '../../store/store.ts';

/** A new source id from the sources' sequence. */
export async function nextSourceId(store: Store): Promise<number> {
  return Number(await store.value(`SELECT nextval('source_id_seq')`));
}

/** How many sources of this size (bytes) and format are stored: none means the file cannot be a repeat. */
export async function countSourcesOfSize(store: Store, bytes: number, format: string): Promise<number> {
  return Number(await store.value(`SELECT count(*)::INTEGER FROM sources WHERE bytes = ? AND format = ?`, [bytes, format]));
}

/** The counts a loaded source recorded. */
export interface LoadedSource {
  id: number;
  rows_read: number;
  rows_kept: number;
  rows_rejected: number;
}

/** The source loaded from these bytes (sha256) by this format, if any. */
export function findLoadedSource(store: Store, sha256: string, format: string): Promise<LoadedSource | undefined> {
  return store.one<LoadedSource>(`SELECT id, rows_read, rows_kept, rows_rejected FROM sources WHERE sha256 = ? AND format = ?`, [sha256, format]);
}

/** A `sources` row; `loaded_at` is the time of the statement. */
export interface SourceRow {
  id: number;
  path: string;
  format: string;
  sha256: string;
  bytes: number;
  rowsRead: number;
  rowsKept: number;
  rowsRejected: number;
  /** Last month (YYYY-MM) the source covers, for "later release wins"; null when it has none. */
  releaseThrough: string | null;
  generated: boolean;
}

/** Writes a source's row. */
export async function insertSource(store: Store, s: SourceRow): Promise<void> {
  await store.run(
    `INSERT INTO sources (id, path, format, sha256, bytes, rows_read, rows_kept, rows_rejected, release_through, loaded_at, generated)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)`,
    [s.id, s.path, s.format, s.sha256, s.bytes, s.rowsRead, s.rowsKept, s.rowsRejected, s.releaseThrough, s.generated],
  );
}

/** Sets a source's counters (a live session's, as it goes). */
export async function updateSourceCounts(store: Store, id: number, c: { bytes: number; rowsRead: number; rowsKept: number; rowsRejected: number }): Promise<void> {
  await store.run(`UPDATE sources SET bytes = ?, rows_read = ?, rows_kept = ?, rows_rejected = ? WHERE id = ?`, [c.bytes, c.rowsRead, c.rowsKept, c.rowsRejected, id]);
}

/** Keeps rejected rows of a source aside, `[line, reason, raw]` each, through `openRejectsWriter`. */
export async function insertRejects(store: Store, sourceId: number, rows: readonly [line: number, reason: string, raw: string][]): Promise<void> {
  if (rows.length === 0) return;
  const writer = await openRejectsWriter(store, sourceId);
  try {
    for (const [line, reason, raw] of rows) writer.add(line, reason, raw);
  } finally {
    writer.close();
  }
}

/** Rejected rows of one source, appended as a reader meets them (see `openRejectsWriter`). */
export interface RejectsWriter {
  add(line: number | null, reason: string, raw: string | null): void;
  /** Flushes the rows into `rejects`; call before the load's transaction commits. */
  close(): void;
}

/** An appender of a source's rejected rows: one row each, in the order they are added. */
export async function openRejectsWriter(store: Store, sourceId: number): Promise<RejectsWriter> {
  const a = await store.conn.createAppender('rejects');
  return {
    add(line, reason, raw) {
      a.appendInteger(sourceId);
      if (line === null) a.appendNull();
      else a.appendBigInt(BigInt(line));
      a.appendVarchar(reason);
      if (raw === null) a.appendNull();
      else a.appendVarchar(raw);
      a.endRow();
    },
    close() {
      a.closeSync();
    },
  };
}
