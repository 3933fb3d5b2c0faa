import { parse } from 'csv-parse/sync';
import { countWideLines, dropCsvRejects, readCsvRejects, readCsvSql, selectCsvRows, type CsvFile } from '../query/write/file-scan.ts';
import { badInput } from '../errors.ts';
import { mapCsvLines, type CsvLineMap } from './csv-lines.ts';
import { cleanCopy, hasLongLine } from './csv-limits.ts';
import { maxFields, maxLineBytes } from './limits.ts';
import type { LoadContext } from './format.ts';

/**
 * Reading delimited text with DuckDB's own CSV scanner (parallel, gzip-aware), so that a
 * reader's parsing, checking and storing run in one SQL pass and never through JS row by row.
 *
 * A reader builds its statement over the FROM item `scan.full()` gives; afterwards `scan.finish()` moves the
 * rows DuckDB could not split into the header's columns (wrong width, bad quoting, invalid
 * UTF-8) into `rejects` with their lines. Rows whose values are bad are found by the reader and
 * given their lines by `scan.linesOf`, a second, slower pass run only when there are such rows.
 */
export interface CsvScan {
  /** The header's column names, in order. */
  header: string[];
  /**
   * The file DuckDB reads: the input, or a copy with its over-long lines and over-wide rows
   * blanked (csv-limits.ts), and whether it is gzip.
   */
  readonly file: string;
  readonly gzip: boolean;
  /**
   * A FROM-clause item reading the file, every column VARCHAR. Its first call checks the rows'
   * widths (and takes the too-wide ones out) before DuckDB's scanner sees them; with `record:
   * false` the rows taken out are not kept aside (a reader that kept its bad rows aside itself).
   */
  full(options?: { record?: boolean }): Promise<string>;
  /**
   * Writes the malformed rows to `rejects`; returns how many there were. With `record: false`
   * they are only noted, for the line numbers `linesOf` gives (a reader that kept its malformed
   * rows aside itself).
   */
  finish(options?: { record?: boolean }): Promise<number>;
  /**
   * File lines of the rows that satisfy `condition` (SQL over the file's columns), with a
   * reason (SQL) and the row's text; call after `finish()`.
   */
  linesOf(condition: string, reasonSql: string): Promise<{ line: number; reason: string; raw: string }[]>;
  /** Rows taken out before DuckDB's scan (too long, too wide): already in `rejects`. */
  readonly taken: number;
  /**
   * With `lines: 'later'`: the line-length check of the caller that read every line itself
   * (watched-lines.ts `LineLimit`): none too long, or take them out now (returns the file to read).
   */
  linesChecked(): void;
  takeOutLongLines(): Promise<string>;
  /** Removes the cleaned copy, if one was made. */
  dispose(): void;
}

export interface CsvScanOptions {
  /** Columns the file must have (by header name); others are allowed. */
  required: string[];
  delimiter?: string;
  /**
   * When lines longer than the limit are looked for: `now` (a read of the file before anything
   * else) or `later`, by a caller that reads every line anyway and says what it found
   * (`linesChecked`, `takeOutLongLines`); `full()` and `linesOf()` check first if it has not.
   */
  lines?: 'now' | 'later';
}

/** Rows wider than the header by more than this go no further than csv-limits.ts's check. */
const WIDE_MARGIN = 16;
/** Lines shorter than this are not looked at for their width (see `full`). */
const SHORT_LINE = 256;

/**
 * Checks the header and prepares the scan of a CSV file (see `CsvScan`). Lines longer than the
 * line-length limit are looked for at once (a cheap read); rows far wider than the header when
 * the full scan is first asked for.
 */
export async function csvScan(ctx: LoadContext, { required, delimiter = ',', lines: lineCheck = 'now' }: CsvScanOptions): Promise<CsvScan> {
  const { store, sample, path: file, sourceId } = ctx;
  const header = parseHeader(sample.firstLine, delimiter);
  if (header.length === 0) throw badInput('the file is empty: expected a header line', file, 1);
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw badInput(`missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} in the header; found ${header.map((c) => `"${c}"`).join(', ')}`, file, 1);
  }
  const maxLine = maxLineBytes();
  const wide = Math.min(maxFields(), header.length + WIDE_MARGIN);
  let source = { file, gzip: sample.gzip };
  let remove = () => undefined as void;
  let cleaned = false;
  let taken = 0;
  const clean = async (record = true) => {
    const copy = await cleanCopy(source.file, {
      gzip: source.gzip,
      delimiter,
      width: header.length,
      maxFields: wide,
      maxLine,
      onReject: async (line, reason, raw) => {
        if (!record) return;
        taken++;
        return ctx.rejects.add(line, reason, raw);
      },
    });
    source = { file: copy.file, gzip: false };
    remove = copy.remove;
    cleaned = true;
  };
  /** Whether lines longer than the limit have been looked for (and taken out). */
  let linesChecked = false;
  const checkLines = async () => {
    if (linesChecked) return;
    linesChecked = true;
    if (await hasLongLine(file, sample.gzip, maxLine)) await clean();
  };
  if (lineCheck === 'now') await checkLines();

  const tables = { rejects: `_csv_rejects_${sourceId}`, scan: `_csv_rejects_scan_${sourceId}` };
  const csv = (): CsvFile => ({ file: source.file, gzip: source.gzip, header, delimiter, maxLine });
  /** DuckDB's line numbers of the malformed rows (its own numbering; see csv-lines.ts). */
  const malformedLines: number[] = [];
  let lineMap: Promise<CsvLineMap> | undefined;
  const lines = () => (lineMap ??= mapCsvLines(source.file, { gzip: source.gzip }));

  return {
    header,
    get file() {
      return source.file;
    },
    get gzip() {
      return source.gzip;
    },
    get taken() {
      return taken;
    },
    linesChecked() {
      linesChecked = true;
    },
    async takeOutLongLines() {
      if (!linesChecked) {
        linesChecked = true;
        await clean();
      }
      return source.file;
    },
    async full({ record = true } = {}) {
      await checkLines();
      if (!cleaned) {
        // Whole lines, no quotes: a line with `wide` delimiters or more may be a row too wide
        // for DuckDB's scanner; only then is the file read again, field by field, in JS. Lines
        // shorter than SHORT_LINE bytes are not counted (counting costs more than the scan): their
        // few extra fields cost DuckDB little.
        const suspects = await countWideLines(store, { file: source.file, gzip: source.gzip, delimiter, maxLine }, { minLength: Math.max(SHORT_LINE, wide), wide });
        if (suspects > 0) await clean(record);
        else cleaned = true;
      }
      // The path is written into the statement (table functions take constants); quoted safely.
      return readCsvSql(csv(), tables);
    },
    async finish({ record = true } = {}) {
      const rejected = await readCsvRejects(store, tables);
      let last = -1;
      for (const r of rejected) {
        // DuckDB may report a line once per offending column; one reject per line is enough.
        if (r.line === last) continue;
        last = r.line;
        malformedLines.push(r.line);
        if (!record) continue;
        const line = (await lines()).fileLine(r.line);
        // A quote that never closes makes the rest of the file one field: the file is damaged,
        // and keeping one row aside for it would hide every line after it.
        if (/unterminated quote/i.test(`${r.error_type} ${r.error_message}`)) throw badInput('a quoted field opens on this line and never closes; nothing of the file was loaded', file, line);
        await ctx.rejects.add(line, describeCsvError(r.error_type, r.error_message), r.csv_line);
      }
      await dropCsvRejects(store, tables);
      return malformedLines.length;
    },
    async linesOf(condition, reasonSql) {
      await checkLines();
      const rows = await selectCsvRows(store, csv(), condition, reasonSql);
      if (rows.length === 0) return [];
      const found = (await lines()).rowLines(rows.map((r) => Number(r.ord)), malformedLines);
      return rows.map(({ reason, raw: text }, i) => ({ line: found[i]!, reason, raw: text }));
    },
    dispose() {
      remove();
    },
  };
}

function parseHeader(line: string, delimiter: string): string[] {
  if (line.trim() === '') return [];
  const [fields] = parse(line, { delimiter, bom: true, relax_quotes: true }) as string[][];
  return (fields ?? []).map((f) => f.trim());
}

function describeCsvError(type: string, message: string): string {
  const found = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (found) return `expected ${found[1]} columns, found ${found[2]}`;
  if (/UNICODE|ENCODING/i.test(type) || /unicode/i.test(message)) return 'not valid UTF-8 text';
  if (/QUOTE/i.test(type)) return 'unterminated quoted field';
  return `${type.toLowerCase()}: ${message.split('\n')[0]}`;
}
