import { parse } from 'csv-parse/sync';
import { badInput } from '../errors.ts';
import { readUtf8 } from './text.ts';

/**
 * Parses a small CSV text (reference tables shipped in the repo) into records keyed by header.
 * Large inputs go through DuckDB's `read_csv` instead. A byte-order mark is ignored.
 */
export function parseCsv(text: string, { delimiter = ',' }: { delimiter?: string } = {}): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
}

/** A CSV record and the line of the file it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/**
 * Reads a small statistics table whole (plain or gzip) into records of trimmed fields, each with
 * the file line it starts on: blank lines and line breaks inside quotes do not shift the lines.
 * Rows may differ in width: the reader checks each and rejects the odd ones with their line. A
 * file that is not CSV at all, or not UTF-8 text, is refused naming the line.
 */
export function readCsvRecords(file: string, { trim = true }: { trim?: boolean } = {}): CsvRecord[] {
  const bytes = readUtf8(file);
  try {
    const parsed = parse(bytes, { bom: true, trim, relax_column_count: true, skip_empty_lines: true, info: true, raw: true }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    // `info.lines` is the line a record ends on; the line breaks inside it (not the skipped blank
    // lines before it, which its raw text also holds) lead back to where it starts.
    const inside = (raw: string) => raw.replace(/^[\r\n]+/, '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0;
    return parsed.map(({ record, info, raw }) => ({ fields: record, line: info.lines - inside(raw) }));
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw badInput(`not valid CSV: ${e.message.split('\n')[0]}`, file, e.lines);
  }
}
