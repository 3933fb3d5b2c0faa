/**
 * A quote-aware splitter for one CSV record, reading it the way DuckDB's CSV scanner does
 * (checked against it in test/ingest/positions/watched-lines.test.ts), for the few lines the
 * watched-lines scan keeps:
 *
 * - a field that starts with a quote (after spaces) is quoted: it runs to the next lone quote,
 *   `""` inside it is one quote, and line breaks inside it belong to the value; spaces around
 *   the quotes are dropped (` "RPN703" ` reads `RPN703`);
 * - a quote inside an unquoted field is an ordinary character (`RP"N` reads `RP"N`);
 * - an empty field, quoted or not, is NULL (DuckDB's `allow_quoted_nulls`, on by default);
 * - anything but spaces between a closing quote and the next comma makes the record malformed.
 */

/** `splitRecord`'s answer when the record ends inside a quoted field: it goes on to the next line. */
export const OPEN_QUOTE = -1;
/** `splitRecord`'s answer when text follows a closing quote before the next comma. */
export const AFTER_QUOTE = -2;

/** Why a record `splitRecord` could not read is kept aside, as `rejects` names it. */
export const AFTER_QUOTE_REASON = 'text after the closing quote of a field';

const QUOTE = 34;
const COMMA = 44;
const SPACE = 32;

/**
 * Splits `text` (one record without its line end) into `out`, which it reuses: the first
 * `out.length` fields are written, the rest only counted. Returns the number of fields, or
 * `OPEN_QUOTE` / `AFTER_QUOTE`.
 *
 * Shaped for speed over the watched lines: native `indexOf` finds the next comma or quote, each
 * field is one `slice` (a value with `""` in it one more), and no object is made per field.
 *
 * @example
 * const out = new Array<string | null>(3);
 * splitRecord('1,"RPN,703",""', out); // 3; out = ['1', 'RPN,703', null]
 */
export function splitRecord(text: string, out: (string | null)[]): number {
  const length = text.length;
  /** Fields read so far. */
  let n = 0;
  /** Where the current field starts. */
  let at = 0;
  for (;;) {
    let first = at;
    while (first < length && text.charCodeAt(first) === SPACE) first++;
    if (first < length && text.charCodeAt(first) === QUOTE) {
      // A quoted field: up to the next quote that is not doubled.
      let value = '';
      let from = first + 1;
      let end: number;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) return OPEN_QUOTE;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        end = q + 1;
        break;
      }
      while (end < length && text.charCodeAt(end) === SPACE) end++;
      if (n < out.length) out[n] = value === '' ? null : value;
      n++;
      if (end >= length) return n;
      if (text.charCodeAt(end) !== COMMA) return AFTER_QUOTE;
      at = end + 1;
    } else {
      const comma = text.indexOf(',', at);
      const end = comma < 0 ? length : comma;
      if (n < out.length) out[n] = end === at ? null : text.slice(at, end);
      n++;
      if (comma < 0) return n;
      at = comma + 1;
    }
  }
}
