import { DuckDBDataChunk, type DuckDBAppender, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { Store } from '../../store/store.ts';

/** DuckDB's vector size: the most rows one data chunk holds. */
export const CHUNK_ROWS = 2048;

/**
 * Appends `items` to a table column by column, a data chunk of up to 2,048 rows at a time (one
 * native call per chunk: appending value by value costs more than most of the work that makes the
 * rows). `row` gives an item's values in the table's column order, of `types`.
 * `schema` 'temp' for a temporary table.
 */
export async function appendColumns<T>(
  store: Store,
  table: string,
  types: DuckDBType[],
  items: readonly T[],
  row: (item: T) => DuckDBValue[],
  { schema }: { schema?: 'temp' } = {},
): Promise<void> {
  const appender = schema ? await store.conn.createAppender(table, 'main', schema) : await store.conn.createAppender(table);
  try {
    for (let k = 0; k < items.length; k += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, items.length - k);
      const columns: DuckDBValue[][] = types.map(() => new Array<DuckDBValue>(n));
      for (let i = 0; i < n; i++) {
        const values = row(items[k + i]!);
        for (let c = 0; c < types.length; c++) columns[c]![i] = values[c] ?? null;
      }
      const chunk = DuckDBDataChunk.create(types, n);
      chunk.setColumns(columns);
      appender.appendDataChunk(chunk);
    }
  } finally {
    appender.closeSync();
  }
}

/**
 * DuckDB's appender on `positions`, for a writer that gathers its rows a chunk at a time as they
 * stream in (a pull's row-by-row landing, generated traffic); the caller closes it.
 */
export function openPositionsAppender(store: Store): Promise<DuckDBAppender> {
  return store.conn.createAppender('positions');
}
