import { parse } from 'csv-parse/sync';
import { badInput } from '../errors.ts';
import { longLineReason, maxFields, maxLineBytes, tooManyFieldsReason } from './limits.ts';
import type { Rejects } from './rejects.ts';
import { readUtf8 } from './text.ts';

/**
 * Parses a small CSV text (reference tables shipped in the repo) into records keyed by header.
 * Large inputs go through DuckDB's own CSV scanner instead (duckdb-csv.ts). A byte-order mark is ignored.
 */
export function parseCsv(text: string, { delimiter = ',' }: { delimiter?: string } = {}): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
}

/**
 * A CSV record and the line of the file it starts on; or, with `problem`, a line over the
 * line-length or field-count limit (limits.ts), not parsed (`fields` empty), with the start of
 * its text in `raw`: the reader rejects it like any bad row.
 */
export interface CsvRecord {
  fields: string[];
  line: number;
  problem?: string;
  raw?: string;
}

/**
 * Reads a small statistics table whole (plain or gzip) into records of trimmed fields, each with
 * the file line it starts on: blank lines and line breaks inside quotes do not shift the lines.
 * Rows may differ in width: the reader checks each and rejects the odd ones with their line. A
 * file that is not CSV at all, or not UTF-8 text, is refused naming the line.
 */
export function readCsvRecords(file: string, { trim = true }: { trim?: boolean } = {}): CsvRecord[] {
  const { text, long } = blankLongLines(readUtf8(file), maxLineBytes());
  const fieldLimit = maxFields();
  let records: CsvRecord[];
  try {
    const parsed = parse(text, { bom: true, trim, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    // `info.lines` is the line a record ends on; the line breaks inside it (not the skipped blank
    // lines before it, which its raw text also holds) lead back to where it starts.
    const inside = (raw: string) => raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0;
    records = parsed.map(({ record, info, raw }) => {
      const line = info.lines - inside(raw);
      if (record.length <= fieldLimit) return { fields: record, line };
      return { fields: [], line, problem: tooManyFieldsReason(fieldLimit), raw: excerpt(raw.replace(/^[\r\n]+/, '')) };
    });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw badInput(`not valid CSV: ${e.message.split('\n')[0]}`, file, e.lines);
  }
  if (long.length > 0) records = [...records, ...long].sort((a, b) => a.line - b.line);
  const head = records[0];
  if (head?.problem && head.line === 1) throw badInput(`the header line: ${head.problem}; nothing of the file was loaded`, file, 1);
  return records;
}

/**
 * A data record of a table read whole, checked for what every such reader checks first: within
 * the limits (else its `problem`) and `width` fields wide. Returns its fields joined again (the
 * text a reject keeps), or null when it was kept aside in `rejects` with its line and why.
 */
export async function rowText(record: CsvRecord, width: number, rejects: Rejects): Promise<string | null> {
  const { fields, line, problem, raw } = record;
  if (problem) {
    await rejects.add(line, problem, raw);
    return null;
  }
  const text = fields.join(',');
  if (fields.length !== width) {
    await rejects.add(line, `expected ${width} columns, found ${fields.length}`, text);
    return null;
  }
  return text;
}

/** Characters of a rejected line kept as its text. */
const EXCERPT = 500;
const excerpt = (text: string) => (text.length > EXCERPT ? `${text.slice(0, EXCERPT)} … (${text.length.toLocaleString('en-US')} characters in all)` : text);

/**
 * The file's bytes with every line longer than `limit` made blank (so every other line keeps its
 * number), and those lines as records carrying their problem.
 */
function blankLongLines(bytes: Buffer, limit: number): { text: Buffer; long: CsvRecord[] } {
  const long: CsvRecord[] = [];
  const keep: Buffer[] = [];
  let start = 0;
  let kept = 0;
  for (let line = 1; start < bytes.length; line++) {
    const nl = bytes.indexOf(10, start);
    const end = nl < 0 ? bytes.length : nl;
    if (end - start > limit) {
      const text = bytes.subarray(start, Math.min(end, start + EXCERPT * 4)).toString('utf8');
      long.push({ fields: [], line, problem: longLineReason(limit), raw: `${text.slice(0, EXCERPT)} … (${(end - start).toLocaleString('en-US')} bytes in all)` });
      keep.push(bytes.subarray(kept, start));
      kept = end;
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  if (long.length === 0) return { text: bytes, long };
  keep.push(bytes.subarray(kept));
  return { text: Buffer.concat(keep), long };
}
