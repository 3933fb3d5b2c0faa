import { parse } from 'csv-parse/sync';

/**
 * Parses a small CSV text (reference tables shipped in the repo) into records keyed by header.
 * Large inputs go through DuckDB's `read_csv` instead. A byte-order mark is ignored.
 */
export function parseCsv(text: string, { delimiter = ',' }: { delimiter?: string } = {}): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, delimiter, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
}
