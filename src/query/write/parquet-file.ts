/**
 * The statements of the Parquet writer (src/format/parquet.ts), run on a throwaway in-memory
 * database of its own, never on the store: a staging table the rows are appended to, and the
 * COPY that writes it out as a Parquet file.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdent, sqlString } from '../sql.ts';

/** A column of the file: its name, the DuckDB type rows are staged as, and the type it is written as. */
export interface ParquetColumn {
  name: string;
  staged: string;
  written: string;
}

/** Creates the staging table `t` with the columns as staged; its connection in UTC. */
export async function createParquetStage(conn: DuckDBConnection, columns: readonly ParquetColumn[]): Promise<string> {
  await conn.run(`SET TimeZone = 'UTC'`);
  await conn.run(`CREATE TABLE t (${columns.map((c) => `${sqlIdent(c.name)} ${c.staged}`).join(', ')})`);
  return 't';
}

/**
 * Writes the staging table to `file`: each column cast to its written type, zstd-compressed, with
 * the key-value metadata given.
 */
export async function copyStageToParquet(conn: DuckDBConnection, columns: readonly ParquetColumn[], file: string, metadata: Record<string, string>): Promise<void> {
  const select = columns.map((c) => `${sqlIdent(c.name)}::${c.written} AS ${sqlIdent(c.name)}`).join(', ');
  const kv = Object.entries(metadata).map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`).join(', ');
  await conn.run(`COPY (SELECT ${select} FROM t) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd${kv ? `, KV_METADATA {${kv}}` : ''})`);
}
