import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { badInput } from '../errors.ts';

/**
 * Parses a small CSV text (reference tables shipped in the repo) into records keyed by header.
 * Large inputs go through DuckDB's `read_csv` instead. A byte-order mark is ignored.
 */
export function parseCsv(text: string, { delimiter = ',' }: { delimiter?: string } = {}): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
}

/**
 * Reads a small statistics table whole into rows of trimmed fields (rows may differ in width:
 * the reader checks each and rejects the odd ones with their line). A file that is not CSV at
 * all is refused naming the line where parsing stopped.
 */
export function readCsvRecords(file: string, { trim = true }: { trim?: boolean } = {}): string[][] {
  try {
    return parse(readFileSync(file), { bom: true, trim, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw badInput(`not valid CSV: ${e.message.split('\n')[0]}`, file, e.lines);
  }
}
