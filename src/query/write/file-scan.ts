/**
 * The SQL of reading delimited text with DuckDB's own CSV scanner (src/ingest/duckdb-csv.ts):
 * the scan as a FROM-clause item, the quick count of suspiciously wide lines, the malformed rows
 * DuckDB kept aside, and the rows a reader's condition picks with their place in the file.
 * File names and options are written as literals (table functions take no bound values).
 */
import type { Store } from '../../store/store.ts';
import { sqlIdent, sqlString } from '../sql.ts';

/** A delimited file as DuckDB reads it: every column of the header as VARCHAR. */
export interface CsvFile {
  file: string;
  gzip: boolean;
  header: readonly string[];
  delimiter: string;
  /** DuckDB's `max_line_size`, bytes. */
  maxLine: number;
}

/** Where DuckDB keeps the rows it could not split: two tables of the scan's own. */
export interface CsvRejectTables {
  rejects: string;
  scan: string;
}

/**
 * `read_csv(…)` over the file, header's columns as VARCHAR, nothing guessed. With `rejects`,
 * malformed rows go to those tables; without, they are skipped (a second pass that only looks
 * for rows already known to be whole).
 */
export function readCsvSql({ file, gzip, header, delimiter, maxLine }: CsvFile, rejects?: CsvRejectTables): string {
  const columns = `{${header.map((c) => `${sqlString(c)}: 'VARCHAR'`).join(', ')}}`;
  const options =
    `header = true, auto_detect = false, delim = ${sqlString(delimiter)}, quote = '"', escape = '"', columns = ${columns},
     compression = '${gzip ? 'gzip' : 'none'}', max_line_size = ${Number(maxLine)}` +
    (rejects ? `, store_rejects = true, rejects_table = ${sqlString(rejects.rejects)}, rejects_scan = ${sqlString(rejects.scan)}` : ', ignore_errors = true');
  return `read_csv(${sqlString(file)}, ${options})`;
}

/** Reads a scan (a FROM item) to its end without keeping a row: DuckDB fills its rejects tables as it goes. */
export async function readThrough(store: Store, from: string): Promise<void> {
  await store.run(`SELECT count(*) FROM ${from}`);
}

/**
 * Lines at least `minLength` bytes long holding `wide` delimiters or more, counted on whole lines
 * (no quotes): rows that may be too wide for DuckDB's scanner.
 */
export async function countWideLines(store: Store, { file, gzip, delimiter, maxLine }: Omit<CsvFile, 'header'>, { minLength, wide }: { minLength: number; wide: number }): Promise<number> {
  return Number(
    await store.value(
      `SELECT count(*) FROM read_csv(${sqlString(file)}, header = false, auto_detect = false, delim = '\x01', quote = '', escape = '',
         columns = {'line': 'VARCHAR'}, compression = '${gzip ? 'gzip' : 'none'}', max_line_size = ${Number(maxLine)}, ignore_errors = true)
       WHERE strlen(line) >= ${Number(minLength)} AND strlen(line) - strlen(replace(line, ${sqlString(delimiter)}, '')) >= ${Number(wide)}`,
    ),
  );
}

/** A row DuckDB could not split, as its rejects table gives it (DuckDB's own line numbering). */
export interface CsvRejectRow {
  line: number;
  error_type: string;
  error_message: string;
  csv_line: string;
}

/** The rows DuckDB kept aside in a scan's rejects table, by line. */
export function readCsvRejects(store: Store, tables: CsvRejectTables): Promise<CsvRejectRow[]> {
  return store.all<CsvRejectRow>(`SELECT line, error_type, error_message, csv_line FROM ${sqlIdent(tables.rejects)} ORDER BY line`);
}

/** Drops a scan's rejects tables. */
export async function dropCsvRejects(store: Store, tables: CsvRejectTables): Promise<void> {
  await store.run(`DROP TABLE IF EXISTS ${sqlIdent(tables.rejects)}; DROP TABLE IF EXISTS ${sqlIdent(tables.scan)}`);
}

/**
 * The rows of the file (skipping malformed ones) that satisfy `condition` (SQL over its columns),
 * each with its place among the scanned rows (`ord`, 1-based), `reasonSql`'s value, and its
 * fields joined again with the delimiter (an empty field keeps its place).
 */
export function selectCsvRows(store: Store, csv: CsvFile, condition: string, reasonSql: string): Promise<{ ord: number; reason: string; raw: string }[]> {
  const raw = `concat_ws(${sqlString(csv.delimiter)}, ${csv.header.map((c) => `coalesce(${sqlIdent(c)}, '')`).join(', ')})`;
  return store.all<{ ord: number; reason: string; raw: string }>(
    `SELECT ord, reason, raw FROM (
       SELECT row_number() OVER () AS ord, ${reasonSql} AS reason, ${raw} AS raw, (${condition}) AS bad
       FROM ${readCsvSql(csv)}
     ) WHERE bad ORDER BY ord`,
  );
}

/** `read_parquet(…)` over a file, as a FROM-clause item. */
export function readParquetSql(file: string): string {
  return `read_parquet(${sqlString(file)})`;
}

/** The column names of a Parquet file, in order (throws DuckDB's error when it is not one). */
export async function parquetColumns(store: Store, file: string): Promise<string[]> {
  return (await store.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${readParquetSql(file)}`)).map((c) => c.column_name);
}
