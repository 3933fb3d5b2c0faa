/**
 * The temp tables of the watched-lines fast path of a state-vector CSV
 * (src/ingest/positions/watched-lines.ts): the watched lines of the file, read by the byte scan or
 * by DuckDB's own line read, split into the header's columns (in SQL when plain, in JavaScript
 * when quoted) into a table of VARCHAR columns that state-vectors.ts then scans like the file.
 * Each table is named after the load's source id.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Store } from '../../store/store.ts';
import { sqlIdent, sqlString } from '../sql.ts';

/** The temp tables of one load's fast path. */
export interface WatchedTables {
  /** The watched lines, whole (`line VARCHAR`). */
  lines: string;
  /** The lines split into the header's columns: what the scan reads. */
  rows: string;
  /** The lines that are not plain, numbered, for the splitter in JavaScript. */
  rest: string;
  /** The rows split in JavaScript, their fields joined by U+0001. */
  split: string;
  /** DuckDB's line read's rejects tables. */
  rejects: string;
  scan: string;
}

/** The fast path's tables of the load of source `sourceId`. */
export function watchedTables(sourceId: number): WatchedTables {
  return {
    lines: `_sv_lines_${sourceId}`,
    rows: `_sv_rows_${sourceId}`,
    rest: `_sv_lines_rest_${sourceId}`,
    split: `_sv_lines_split_${sourceId}`,
    rejects: `_sv_lines_rejects_${sourceId}`,
    scan: `_sv_lines_scan_${sourceId}`,
  };
}

/** Drops the fast path's tables (those that exist). */
export async function dropWatchedTables(store: Store, t: WatchedTables): Promise<void> {
  await store.run(
    [t.lines, t.rows, t.rest, t.split, t.rejects, t.scan].map((table) => `DROP TABLE IF EXISTS ${sqlIdent(table)}`).join('; '),
  );
}

/** Creates the table of watched lines and opens an appender on it (one VARCHAR a row); the caller closes it. */
export async function openWatchedLines(store: Store, t: WatchedTables): Promise<DuckDBAppender> {
  await store.run(`CREATE TEMP TABLE ${sqlIdent(t.lines)} (line VARCHAR)`);
  return store.conn.createAppender(t.lines, 'main', 'temp');
}

/**
 * The table of watched lines by DuckDB's own line read: each line one field (U+0001 as the
 * delimiter, no quote character), a carriage return at its end cut, kept when it matches
 * `pattern` (RE2). Lines the read cannot give go to the `rejects` and `scan` tables (read them with
 * file-scan.ts `readCsvRejects`).
 */
export async function readWatchedLines(
  store: Store,
  t: WatchedTables,
  { file, gzip, maxLine, pattern }: { file: string; gzip: boolean; maxLine: number; pattern: string },
): Promise<void> {
  await store.run(
    `CREATE TEMP TABLE ${sqlIdent(t.lines)} AS
     SELECT rtrim(line, chr(13)) AS line
     FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = '\x01', quote = '', escape = '',
                   columns = {'line': 'VARCHAR'}, compression = '${gzip ? 'gzip' : 'none'}', max_line_size = ${Number(maxLine)},
                   store_rejects = true, rejects_table = ${sqlString(t.rejects)}, rejects_scan = ${sqlString(t.scan)})
     WHERE regexp_matches(line, ${sqlString(pattern)})`,
  );
}

/** `[p[1], …, p[width]]` as the header's columns, an empty field NULL (as the full scan reads it). */
const fieldsSql = (header: readonly string[]) => header.map((_, i) => `nullif(p[${i + 1}], '')`).join(', ');

/**
 * Creates the table of rows (the header's columns, VARCHAR) and splits into it, on their commas,
 * the watched lines without quotes of the header's width; the others are numbered into the
 * `rest` table. Returns how many lines are left there.
 */
export async function splitPlainLines(store: Store, t: WatchedTables, header: readonly string[]): Promise<number> {
  await store.run(`CREATE TEMP TABLE ${sqlIdent(t.rows)} (${header.map((c) => `${sqlIdent(c)} VARCHAR`).join(', ')})`);
  const plain = `NOT contains(line, '"') AND len(string_split(line, ',')) = ${Number(header.length)}`;
  await store.run(
    `INSERT INTO ${sqlIdent(t.rows)} SELECT ${fieldsSql(header)}
     FROM (SELECT string_split(line, ',') AS p FROM ${sqlIdent(t.lines)} WHERE ${plain})`,
  );
  // Numbered for the batches read back (rowid will not do: inside the load's transaction, new
  // rows have transaction-local ids).
  await store.run(`CREATE TEMP TABLE ${sqlIdent(t.rest)} AS SELECT row_number() OVER () AS n, line FROM ${sqlIdent(t.lines)} WHERE NOT (${plain})`);
  return Number(await store.value(`SELECT count(*) FROM ${sqlIdent(t.rest)}`));
}

/** The lines left for the splitter numbered `from + 1` to `to`. */
export function restLines(store: Store, t: WatchedTables, from: number, to: number): Promise<{ line: string }[]> {
  return store.all<{ line: string }>(`SELECT line FROM ${sqlIdent(t.rest)} WHERE n > ? AND n <= ?`, [from, to]);
}

/** Where the rows split in JavaScript go: one joined text a row, or field by field. */
export interface SplitRowsWriter {
  /** A row as its fields joined by U+0001 (none of them holding one). */
  joined: DuckDBAppender;
  /** A row field by field, straight into the rows table. */
  fields: DuckDBAppender;
}

/** Creates the table of split rows and opens the appenders of `SplitRowsWriter`; the caller closes both. */
export async function openSplitRows(store: Store, t: WatchedTables): Promise<SplitRowsWriter> {
  await store.run(`CREATE TEMP TABLE ${sqlIdent(t.split)} (line VARCHAR)`);
  const joined = await store.conn.createAppender(t.split, 'main', 'temp');
  const fields = await store.conn.createAppender(t.rows, 'main', 'temp');
  return { joined, fields };
}

/** Cuts the joined split rows apart on U+0001 into the rows table. */
export async function insertSplitRows(store: Store, t: WatchedTables, header: readonly string[]): Promise<void> {
  await store.run(
    `INSERT INTO ${sqlIdent(t.rows)} SELECT ${fieldsSql(header)}
     FROM (SELECT string_split(line, '\x01') AS p FROM ${sqlIdent(t.split)})`,
  );
}
