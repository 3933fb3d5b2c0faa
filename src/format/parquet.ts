import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBAppender } from '@duckdb/node-api';
import { copyStageToParquet, createParquetStage } from '../query/write/parquet-file.ts';
import { duckdbSettings } from '../store/settings.ts';
import type { Column, ColumnType } from './columns.ts';

/** How each column type is staged (what the appender writes) and written (the Parquet column). */
const TYPES: Record<ColumnType, { staged: string; written: string }> = {
  string: { staged: 'VARCHAR', written: 'VARCHAR' },
  integer: { staged: 'BIGINT', written: 'BIGINT' },
  number: { staged: 'DOUBLE', written: 'DOUBLE' },
  boolean: { staged: 'BOOLEAN', written: 'BOOLEAN' },
  // ISO 8601 text with Z, cast once in the COPY: a UTC timestamp in the file.
  datetime: { staged: 'VARCHAR', written: 'TIMESTAMPTZ' },
  date: { staged: 'VARCHAR', written: 'DATE' },
};

export interface ParquetOptions<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** Key-value metadata of the file (the rule, the sources, whether any row is generated). */
  metadata?: Record<string, string>;
}

/**
 * A Parquet file of the rows, as bytes: the columns in their order with their types (times as
 * UTC timestamps), zstd-compressed, written by DuckDB's own Parquet writer in a throwaway
 * in-memory database (the store is never touched: the writer gets data, not a query).
 */
export async function writeParquet<T>({ columns, rows, metadata = {} }: ParquetOptions<T>): Promise<Uint8Array<ArrayBuffer>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-parquet-'));
  const instance = await DuckDBInstance.create(':memory:', duckdbSettings());
  const conn = await instance.connect();
  try {
    const fileColumns = columns.map((c) => ({ name: c.name, ...TYPES[c.type] }));
    const appender = await conn.createAppender(await createParquetStage(conn, fileColumns));
    for (const row of rows) {
      for (const c of columns) append(appender, c, c.value(row));
      appender.endRow();
    }
    appender.closeSync();
    const file = path.join(dir, 'out.parquet');
    await copyStageToParquet(conn, fileColumns, file, metadata);
    return new Uint8Array(readFileSync(file));
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

function append(appender: DuckDBAppender, column: { type: ColumnType }, value: string | number | boolean | null): void {
  if (value === null) return appender.appendNull();
  switch (column.type) {
    case 'integer': return appender.appendBigInt(BigInt(value as number));
    case 'number': return appender.appendDouble(value as number);
    case 'boolean': return appender.appendBoolean(value as boolean);
    default: return appender.appendVarchar(String(value));
  }
}
