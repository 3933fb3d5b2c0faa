import { shownSourceName } from '../store/source-name.ts';
import type { Store } from '../store/store.ts';
import type { Sql } from './sql.ts';

/** A source file as an answer cites it. */
export interface SourceRef {
  sourceId: number;
  /** The name shown (shownSourceName), as `file`; kept for readers of earlier answers: never the local path. */
  path: string;
  file: string;
  format: string;
  sha256: string;
  /** Rows of this source that the figure used. */
  rowsUsed: number;
  /** Last month the release covers. */
  releaseThrough: string | null;
  generated: boolean;
}

/**
 * The sources behind a figure: `used` is a statement of the query layer returning
 * (source_id, rows) pairs of the rows the figure summed; each is joined with its `sources` row.
 */
export async function citeSources(store: Store, used: Sql): Promise<SourceRef[]> {
  const rows = await store.all<{ id: number; path: string; format: string; sha256: string; rows: number; release_through: string | null; generated: boolean }>(
    `WITH used AS (${used.sql})
     SELECT s.id, s.path, s.format, s.sha256, used.rows, s.release_through, s.generated
     FROM used JOIN sources s ON s.id = used.source_id ORDER BY s.id`,
    used.params,
  );
  return rows.map((r) => ({
    sourceId: r.id,
    path: shownSourceName(r.path),
    file: shownSourceName(r.path),
    format: r.format,
    sha256: r.sha256,
    rowsUsed: Number(r.rows),
    releaseThrough: r.release_through,
    generated: r.generated,
  }));
}

/** A source file as the API lists it. */
export interface SourceFile {
  id: number;
  /** The file name only: the operator's local folders are not published. */
  path: string;
  format: string;
  sha256: string;
  rows: number | null;
  ingestedAt: string | null;
  generated: boolean;
}

/** Every source file in the store: what each figure's `sources` point at. */
export async function listSources(store: Store): Promise<SourceFile[]> {
  const rows = await store.all<{ id: number; path: string; format: string; sha256: string; rows: number; at: string; generated: boolean }>(
    `SELECT id, path, format, sha256, rows_kept AS rows, strftime(loaded_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS at, generated FROM sources ORDER BY id`,
  );
  return rows.map((r) => ({ id: r.id, path: shownSourceName(r.path), format: r.format, sha256: r.sha256, rows: Number(r.rows), ingestedAt: r.at, generated: r.generated }));
}

/** The rows a source had rejected, in file order: the line, why, and the text as read. */
export function rejectedRows(store: Store, sourceId: number): Promise<{ line: number | null; reason: string; raw: string | null }[]> {
  return store.all(`SELECT line, reason, raw FROM rejects WHERE source_id = ? ORDER BY line NULLS LAST`, [sourceId]);
}

/** Country names of the statistics that matched no country, by source. */
export async function unmatchedNames(store: Store): Promise<{ sourceId: number; path: string; name: string; rows: number }[]> {
  const rows = await store.all<{ sourceId: number; path: string; name: string; rows: number }>(
    `SELECT u.source_id AS "sourceId", s.path, u.name, u.rows FROM unmatched_names u JOIN sources s ON s.id = u.source_id ORDER BY 1, 3`,
  );
  return rows.map((r) => ({ ...r, path: shownSourceName(r.path), rows: Number(r.rows) }));
}

/** Every source with its hash and row counts, as `charterwatch sources` lists them. */
export async function sourceCounts(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await store.all<Record<string, unknown>>(
    `SELECT id AS "sourceId", path, format, sha256, bytes, rows_read AS "rowsRead", rows_kept AS "rowsKept", rows_rejected AS "rowsRejected",
            release_through AS "releaseThrough", loaded_at AS "loadedAt", generated FROM sources ORDER BY id`,
  );
  return rows.map((r) => ({ ...r, path: shownSourceName(String(r.path)) }));
}
