/**
 * The one CSV cell writer every CSV output uses (the CLI's legs and missions, the API's leg
 * download, data packages): RFC 4180 quoting, and a guard against formula injection.
 *
 * A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula, and a leading tab
 * or carriage return can hide one. So a **text** value starting with any of those six is written
 * with a single quote in front (`=HYPERLINK(…)` → `'=HYPERLINK(…)`, `-1+2` → `'-1+2`), which a
 * spreadsheet shows as text; strip one leading `'` to get the value back. A **number** is written
 * as the number it is (`-12.5` stays `-12.5`): the type of the value decides, not how it looks,
 * so a numeric column never gets a quote, and a text column never lets a formula through, even
 * one that looks like a number (`-1+2`, `+1`).
 *
 * Not used by the two writers of charterwatch's own inputs, the traffic generator's OpenSky CSV
 * (src/generate/write.ts) and src/airports/build-reference.ts's airports.csv: charterwatch reads
 * those back, and a quote would change the values it reads.
 */

/** What a text cell may not start with (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: empty for null, numbers and booleans as written, any other value as guarded text. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const raw = typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value instanceof Date ? value.toISOString() : String(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  // RFC 4180: a cell holding a comma, a quote or a line break is quoted, its quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of cells, without its line ending. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
