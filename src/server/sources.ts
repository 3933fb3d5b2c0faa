import { shownSourceName } from '../answers/provenance.ts';
import type { Store } from '../store/store.ts';

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
  const cols = new Set((await store.all<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_name = 'sources'`)).map((r) => r.column_name));
  const pick = (name: string, fallback = 'NULL') => (cols.has(name) ? name : fallback);
  const rows = await store.all<{ id: number; path: string; format: string; sha256: string; rows: number | null; at: string | null; generated: boolean | null }>(
    `SELECT id, path, format, sha256, ${pick('rows_kept')}::BIGINT AS rows, strftime(${pick('loaded_at')} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS at, ${pick('generated', 'false')} AS generated FROM sources ORDER BY id`,
  );
  return rows.map((r) => ({ id: Number(r.id), path: shownSourceName(r.path), format: r.format, sha256: r.sha256, rows: r.rows === null ? null : Number(r.rows), ingestedAt: r.at, generated: r.generated === true }));
}
