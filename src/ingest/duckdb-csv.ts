import { parse } from 'csv-parse/sync';
import { badInput } from '../errors.ts';
import type { LoadContext } from './format.ts';

export interface StageCsvOptions {
  /** Columns the file must have (by header name); others are allowed and ignored. */
  required: string[];
  delimiter?: string;
  /** Name of the temporary table to create. */
  table?: string;
}

export interface StagedCsv {
  table: string;
  /** Data rows DuckDB could split into the header's columns. */
  rowsStaged: number;
  /** Rows rejected for their shape (wrong column count, bad quoting, invalid UTF-8). */
  rowsMalformed: number;
  /** SQL for the file line of the staged row whose ordinal (1-based, in file order) is `ordExpr`. */
  lineSql(ordExpr: string): string;
}

/**
 * Stages a delimited text file into a temporary all-VARCHAR table with DuckDB's own CSV
 * scanner (parallel, gzip-aware), adding `_ord`, each row's ordinal in file order. Rows that
 * do not fit the header are written to `rejects` with their line. Readers then validate and
 * convert the staged rows in SQL, in bulk.
 *
 * Line numbers assume one record per line (no line breaks inside quoted fields), which holds
 * for every statistics file the project reads.
 */
export async function stageCsv(ctx: LoadContext, { required, delimiter = ',', table = '_staged' }: StageCsvOptions): Promise<StagedCsv> {
  const { store, sample, path: file, sourceId } = ctx;
  const header = parseHeader(sample.firstLine, delimiter);
  if (header.length === 0) throw badInput('the file is empty: expected a header line', file, 1);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw badInput(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} in the header; found ${header.map((c) => `"${c}"`).join(', ')}`, file, 1);
  }
  const columns = Object.fromEntries(header.map((c) => [c, 'VARCHAR']));
  const rejectsTable = `_rejects_${sourceId}`;
  const scanTable = `_rejects_scan_${sourceId}`;
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  ctx.progress.note('scanning');
  await store.run(`DROP TABLE IF EXISTS ${table}`);
  await store.run(
    `CREATE TEMP TABLE ${table} AS
     SELECT row_number() OVER () AS _ord, *, concat_ws(?, ${header.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ')}) AS raw
     FROM read_csv(?, header = true, auto_detect = false, delim = ?, quote = '"', escape = '"',
                   columns = ${structLiteral(columns, quote)}, compression = ?,
                   store_rejects = true, rejects_table = ${quote(rejectsTable)}, rejects_scan = ${quote(scanTable)},
                   max_line_size = 10000000)`,
    [delimiter, file, delimiter, sample.gzip ? 'gzip' : 'none'],
  );
  const rejected = await store.all<{ line: number; error_type: string; error_message: string; csv_line: string }>(
    `SELECT line, error_type, error_message, csv_line FROM ${rejectsTable} ORDER BY line`,
  );
  const rejectLines: number[] = [];
  let lastLine = -1;
  for (const r of rejected) {
    // DuckDB can report one line once per offending column; one reject per line is enough.
    if (r.line === lastLine) continue;
    lastLine = r.line;
    rejectLines.push(r.line);
    await ctx.rejects.add(r.line, describeCsvError(r.error_type, r.error_message), r.csv_line);
  }
  // The k-th staged row is on the k-th line after the header that was not rejected. With the
  // rejected lines r_1 < r_2 < …, reject i comes before it iff r_i - (i - 1) <= k + 1.
  const thresholds = `_line_thresholds_${sourceId}`;
  // Integers computed here, not user text: safe to write into the statement.
  await store.run(`CREATE OR REPLACE TEMP TABLE ${thresholds} AS SELECT unnest([${rejectLines.map((line, i) => line - i).join(',')}]::BIGINT[]) AS r`);
  await store.run(`DROP TABLE IF EXISTS ${rejectsTable}`);
  await store.run(`DROP TABLE IF EXISTS ${scanTable}`);
  const rowsStaged = Number(await store.value(`SELECT count(*) FROM ${table}`));
  return {
    table,
    rowsStaged,
    rowsMalformed: rejectLines.length,
    lineSql: (ordExpr: string) =>
      rejectLines.length === 0 ? `(${ordExpr} + 1)` : `(${ordExpr} + 1 + (SELECT count(*) FROM ${thresholds} WHERE r <= ${ordExpr} + 1))`,
  };
}

/**
 * Writes the staged rows that fail `invalidWhen` (a SQL condition over the staged table) to
 * `rejects` with their lines, and returns how many there were.
 */
export async function rejectWhere(ctx: LoadContext, staged: StagedCsv, invalidWhen: string, reasonSql: string): Promise<number> {
  const bad = await ctx.store.all<{ line: number; reason: string; raw: string }>(
    `SELECT ${staged.lineSql('_ord')} AS line, ${reasonSql} AS reason, raw FROM ${staged.table} WHERE ${invalidWhen} ORDER BY _ord`,
  );
  for (const row of bad) await ctx.rejects.add(row.line, row.reason, row.raw);
  return bad.length;
}

function parseHeader(line: string, delimiter: string): string[] {
  if (line.trim() === '') return [];
  const [fields] = parse(line, { delimiter, bom: true, relax_quotes: true }) as string[][];
  return (fields ?? []).map((f) => f.trim());
}

function structLiteral(columns: Record<string, string>, quote: (s: string) => string): string {
  return `{${Object.entries(columns).map(([name, type]) => `${quote(name)}: ${quote(type)}`).join(', ')}}`;
}

function describeCsvError(type: string, message: string): string {
  const found = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (found) return `expected ${found[1]} columns, found ${found[2]}`;
  if (/UNICODE|ENCODING/i.test(type) || /unicode/i.test(message)) return 'not valid UTF-8 text';
  if (/QUOTE/i.test(type)) return 'unterminated quoted field';
  return `${type.toLowerCase()}: ${message.split('\n')[0]}`;
}
