import { shownSourceName, shownSourceNameSql } from '../store/source-name.ts';

export { shownSourceName, shownSourceNameSql };
import type { Store } from '../store/store.ts';

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
 * The sources behind a figure: `usedSql` is a query returning (source_id, rows) pairs of the
 * rows the figure summed; each is joined with its `sources` row.
 */
export async function citeSources(store: Store, usedSql: string, params: unknown[] = []): Promise<SourceRef[]> {
  const rows = await store.all<{ id: number; path: string; format: string; sha256: string; rows: number; release_through: string | null; generated: boolean }>(
    `WITH used AS (${usedSql})
     SELECT s.id, s.path, s.format, s.sha256, used.rows, s.release_through, s.generated
     FROM used JOIN sources s ON s.id = used.source_id ORDER BY s.id`,
    params as never,
  );
  return rows.map((r) => ({
    sourceId: r.id,
    path: shownSourceName(r.path),
    file: shownSourceName(r.path),
    format: r.format,
    sha256: r.sha256,
    rowsUsed: r.rows,
    releaseThrough: r.release_through,
    generated: r.generated,
  }));
}

/** One line per source for text output. */
export function describeSources(sources: SourceRef[]): string {
  return sources
    .map((s) => `  ${s.file} (source ${s.sourceId}, ${s.format}${s.releaseThrough ? `, release through ${s.releaseThrough}` : ''}${s.generated ? ', GENERATED' : ''}): ${s.rowsUsed.toLocaleString('en-US')} rows, sha256 ${s.sha256}`)
    .join('\n');
}
