import type { Column } from './columns.ts';

/**
 * The one CSV writer: every CSV charterwatch writes for people (the legs and missions of the CLI
 * and the API, the files of a data package) comes from `writeCsv`. RFC 4180: fields separated by
 * commas, every line (the header's too) ended by CRLF, a field holding a comma, a quote or a line
 * break quoted with its quotes doubled.
 *
 * A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula, and a leading tab
 * or carriage return can hide one (OWASP "CSV injection"). So a **text** value starting with any
 * of those six is written with a single quote in front (`=HYPERLINK(…)` → `'=HYPERLINK(…)`,
 * `-1+2` → `'-1+2`), which a spreadsheet shows as text; strip one leading `'` to get the value
 * back. A **number** is written as the number it is (`-12.5` stays `-12.5`): the type of the value
 * decides, not how it looks, so a numeric column never gets a quote, and a text column never lets
 * a formula through, even one that looks like a number (`-1+2`, `+1`).
 *
 * Not used by the two writers of charterwatch's own inputs, the traffic generator's OpenSky CSV
 * (src/generate/write.ts) and src/airports/build-reference.ts's airports.csv: charterwatch reads
 * those back, and a guard quote would change the values it reads.
 */

/** RFC 4180 §2: each record ends with CRLF. */
export const CSV_LINE_END = '\r\n';

/** What a text cell may not start with. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: empty for null, numbers and booleans as written, any other value as guarded text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const raw = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record of cells, with its line end. */
function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}${CSV_LINE_END}`;
}

/**
 * A whole CSV text: the header of the columns' names, then one line a row.
 *
 * @example writeCsv([{ name: 'n', type: 'integer', value: (r: { n: number }) => r.n }], [{ n: 1 }]) // 'n\r\n1\r\n'
 */
export function writeCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  let text = csvLine(columns.map((c) => c.name));
  for (const row of rows) text += csvLine(columns.map((c) => c.value(row)));
  return text;
}
