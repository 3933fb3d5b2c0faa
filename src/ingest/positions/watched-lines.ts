import { readCsvRejects } from '../../query/write/file-scan.ts';
import {
  dropWatchedTables,
  insertSplitRows,
  openSplitRows,
  openWatchedLines,
  readWatchedLines,
  restLines,
  splitPlainLines,
  watchedTables,
  type WatchedTables,
} from '../../query/write/watched-lines.ts';
import { maxLineBytes } from '../limits.ts';
import type { LoadContext, Sample } from '../format.ts';
import { AFTER_QUOTE, AFTER_QUOTE_REASON, OPEN_QUOTE, splitRecord } from './csv-record.ts';
import { findLines, type WantedLine } from './find-lines.ts';
import { byteScanApplies, scanWatched, type Stopped, type WatchedMatch } from './watched-scan.ts';

/**
 * The fast path of a state-vector CSV with a fleet filter: the file is read as whole lines
 * (DuckDB's scanner looking only for line ends, no fields, no quotes) and a line leaves the scan
 * only when its icao24 field is a watched address (one regular expression over the start of the
 * line). Only those few lines are split into fields: a line without quotes in SQL, on its
 * commas; one with quotes in JavaScript, by a quote-aware splitter (csv-record.ts) that reads it
 * as DuckDB's full CSV scan would. On a day of the world's
 * traffic, where the fleet is a few hundred aircraft of tens of thousands, this reads the file
 * faster than DuckDB can count its CSV rows, because the per-field work is done for the watched
 * lines alone, quoted or not.
 *
 * A watched line that cannot be read alone is dealt with by itself, never by sending the file
 * to the full scan: a malformed one (the wrong number of fields, text after a closing quote) is
 * kept aside in `rejects` with its line and reason; one that ends inside a quoted field (a line
 * break in a value) is read on through the lines that follow, up to the quote's end. Both need
 * one more read of the file (find-lines.ts), taken only when there is such a line. A line of
 * invalid UTF-8 is kept aside with its line, as the full scan would.
 *
 * What it takes on trust: a line that reads as a whole row of a watched aircraft starts a row.
 * Only a quoted value holding a line break followed by such a row could make that wrong, and
 * telling would cost a look at every quote of the file. Rows of other aircraft are not parsed
 * at all: a damaged row of an unwatched aircraft goes unnoticed, as it is not kept.
 *
 * Returns a FROM-clause item with the header's columns (VARCHAR, as the CSV scan gives them) and
 * the number of lines kept aside, or null when the full scan must be used (a read error DuckDB
 * does not explain). `drop()` removes the temp tables afterwards.
 */
export async function scanWatchedLines(
  ctx: LoadContext,
  file: string,
  sample: Sample,
  header: string[],
  fleet: ReadonlySet<string>,
  { label, lineLimit }: { label?: string; lineLimit?: LineLimit } = {},
): Promise<{ from: string; malformed: number; drop: () => Promise<void> } | null> {
  const { store, sourceId } = ctx;
  const at = header.indexOf('icao24');
  if (at < 0 || fleet.size === 0) return null;
  const tables = watchedTables(sourceId);
  const drop = () => dropWatchedTables(store, tables);
  const pattern = watchedLinePattern(at, fleet);
  const jsPattern = pattern.replace('(?i:', '(?:');
  const match = { at, addresses: [...fleet], pattern: jsPattern };
  let unreadable: Unreadable[] | null;
  if (byteScanApplies(sample.gzip, fleet)) {
    let read = await readLines(ctx, file, tables, match);
    if (read === 'long line' && lineLimit) {
      // Read again once csv-limits.ts has taken the long lines out (they are in rejects).
      await drop();
      file = await lineLimit.takeOut();
      read = await readLines(ctx, file, tables, match);
    }
    // Every line was read (none too long) only when the scan did not stop; when it stopped, the
    // full scan reads the file (its own long-line check first).
    if (typeof read !== 'string') lineLimit?.checked();
    unreadable = typeof read === 'string' ? null : read;
  } else unreadable = await duckdbLines(ctx, file, sample, tables, pattern);
  if (unreadable === null) {
    await drop();
    return null;
  }
  const prefix = label ? `${label}: ` : '';
  let malformed = 0;
  let last = -1;
  /** Watched lines the line read gave as errors, with their lines. */
  const numbered: { line: number; text: string }[] = [];
  const watched = new RegExp(jsPattern, 'i');
  for (const r of unreadable) {
    if (Number(r.line) === last) continue;
    last = Number(r.line);
    if (r.unicode) {
      await ctx.rejects.add(last, 'not valid UTF-8 text', prefix + r.text);
      malformed++;
    } else {
      const text = r.text.replace(/\r?\n$/, '').replace(/\r+$/, '');
      if (watched.test(text)) numbered.push({ line: last, text });
    }
  }

  const width = header.length;
  // A line without quotes of the header's width is split in SQL, on its commas (an empty field
  // NULL, as the full scan reads it); the others, few in any file OpenSky writes and all of a
  // file whose exporter quotes, go through the quote-aware splitter, in numbered batches.
  const rest = await splitPlainLines(store, tables, header);
  // The split rows go back to DuckDB as one string each, their fields joined by U+0001, and are
  // cut apart in SQL like the plain lines: one appended value a row costs far less than one a
  // field. A row with U+0001 in a value (never in a real file) is appended field by field.
  const { joined, fields: appender } = await openSplitRows(store, tables);
  /** The fields of the record being split, reused from line to line. */
  const fields = new Array<string | null>(width);
  /** Appends the split `fields` of the record `text`. */
  const append = (text: string) => {
    if (!text.includes('\x01')) {
      joined.appendVarchar(fields.join('\x01'));
      joined.endRow();
      return;
    }
    for (let i = 0; i < width; i++) {
      const v = fields[i];
      if (v === null || v === undefined) appender.appendNull();
      else appender.appendVarchar(v);
    }
    appender.endRow();
  };
  /** Why a split record is kept aside, or null when it is a row. */
  const verdict = (n: number) => (n === AFTER_QUOTE ? AFTER_QUOTE_REASON : n !== width ? `expected ${width} columns, found ${n}` : null);
  /** Lines the splitter could not read alone, by text (a repeated line once). */
  const wanted = new Map<string, WantedLine & { reason: string | null }>();
  try {
    // In batches, so that memory stays bounded however large the fleet.
    for (let from = 0; from < rest; from += BATCH) {
      const lines = await restLines(store, tables, from, from + BATCH);
      for (const { line } of lines) {
        const n = splitRecord(line, fields);
        if (n === OPEN_QUOTE) wanted.set(line, { text: line, kind: 'open', reason: null });
        else if (n === width) append(line);
        else wanted.set(line, { text: line, kind: 'line', reason: verdict(n) });
      }
    }
    for (const { line, text } of numbered) {
      const n = splitRecord(text, fields);
      if (n === OPEN_QUOTE) wanted.set(text, { text, kind: 'open', reason: null });
      else if (n === width) append(text);
      else {
        await ctx.rejects.add(line, verdict(n)!, prefix + excerpt(text));
        malformed++;
      }
    }
    if (wanted.size > 0) {
      // One more read of the file, for the lines numbers of malformed lines and the rest of
      // records with a line break inside quotes; the rows it gives are split as above.
      for (const found of await findLines(file, [...wanted.values()], { gzip: sample.gzip, maxRecord: maxLineBytes() })) {
        const reason = found.kind === 'line' ? wanted.get(found.text)!.reason : verdict(splitRecord(found.text, fields));
        if (reason === null) {
          append(found.text);
          continue;
        }
        await ctx.rejects.add(found.line, reason, prefix + excerpt(found.text));
        malformed++;
      }
    }
  } finally {
    joined.closeSync();
    appender.closeSync();
  }
  await insertSplitRows(store, tables, header);
  return { from: tables.rows, malformed, drop };
}

/**
 * The line-length check of a file whose long lines have not been looked for yet (duckdb-csv.ts
 * `lines: 'later'`): the bytes read here are every line's, so this read is that check.
 */
export interface LineLimit {
  /** Every line was read and none is too long. */
  checked(): void;
  /** A line is too long: they are taken out (kept aside in rejects); the file to read instead. */
  takeOut(): Promise<string>;
}

/** A line the line read could not give: not valid UTF-8, or (DuckDB's read) holding U+0001. */
interface Unreadable {
  line: number;
  unicode: boolean;
  text: string;
}

/**
 * The watched lines of a plain file into `linesTable`, read by watched-scan.ts (threads for a
 * large file); returns the lines that are not valid UTF-8, or why the scan stopped early (a line
 * longer than the limit; more lines not UTF-8 than it keeps): what was read is then not the whole
 * file.
 */
async function readLines(ctx: LoadContext, file: string, tables: WatchedTables, match: WatchedMatch): Promise<Unreadable[] | NonNullable<Stopped>> {
  const appender = await openWatchedLines(ctx.store, tables);
  try {
    const { invalid, stopped } = await scanWatched(file, match, {
      maxLine: maxLineBytes(),
      onLines: (lines) => {
        for (const line of lines) {
          appender.appendVarchar(line);
          appender.endRow();
        }
      },
    });
    return stopped ?? invalid.map((x) => ({ line: x.line, unicode: true, text: x.text }));
  } finally {
    appender.closeSync();
  }
}

/**
 * The watched lines into `linesTable` by DuckDB's own line read (a gzip file, or a fleet of
 * other names than addresses); returns the lines it could not give, or null when one of them is
 * not of a kind this path handles (the full scan must be used).
 */
async function duckdbLines(ctx: LoadContext, file: string, sample: Sample, tables: WatchedTables, pattern: string): Promise<Unreadable[] | null> {
  const { store } = ctx;
  // A control character (U+0001) as delimiter and no quote character: each line is one field.
  await readWatchedLines(store, tables, { file, gzip: sample.gzip, maxLine: maxLineBytes(), pattern });
  // Lines the line read could not give: invalid UTF-8 is kept aside with its line (the line read
  // counts physical lines, the numbers a person finds in an editor), and a line holding U+0001
  // (two "columns" to the line read) comes with its text and line, to be split like the others
  // if it is watched. Any other error is left to the full scan.
  const unreadable = await readCsvRejects(store, tables);
  const isUnicode = (r: (typeof unreadable)[number]) => /UNICODE|ENCODING/i.test(r.error_type) || /unicode/i.test(r.error_message);
  const isWide = (r: (typeof unreadable)[number]) => /TOO MANY COLUMNS/i.test(r.error_type);
  if (unreadable.some((r) => !isUnicode(r) && !isWide(r))) return null;
  return unreadable.map((r) => ({ line: Number(r.line), unicode: isUnicode(r), text: r.csv_line }));
}

/**
 * The expression a watched line matches (RE2, as DuckDB runs it; JavaScript takes it with
 * `(?i:` made `(?:` and the flag `i`). A field before icao24 (field `at`) is quoted ("…", with ""
 * inside) or anything but a comma; the address may be quoted and in either case. Anchored at the
 * line's start, it stops after the first few bytes of an unwatched line: most of the file is
 * rejected without a split.
 */
export function watchedLinePattern(at: number, fleet: ReadonlySet<string>): string {
  const field = `(?:"[^"]*(?:""[^"]*)*"|[^,]*)`;
  const addresses = [...fleet].map(escapeRegex).join('|');
  return `^(?:${field},){${at}} *"?(?i:${addresses})"? *(?:,|\\r?$)`;
}

/**
 * A rejected line's text as `rejects` keeps it: whole up to 1,000 characters, else its start and
 * its length, as csv-limits.ts writes the lines it takes out.
 */
function excerpt(text: string): string {
  return text.length > 1000 ? `${text.slice(0, 500)} … (${Buffer.byteLength(text).toLocaleString('en-US')} bytes in all)` : text;
}

/** Lines split in JavaScript at a time. */
const BATCH = 50_000;

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}
