import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { badInput } from '../../errors.ts';
import { OPEN_QUOTE, splitRecord } from './csv-record.ts';

/**
 * The second look at a CSV file that the watched-lines scan takes only when some watched line
 * needs more than its own text: a malformed line needs its line number (for `rejects`), and a
 * line that ends inside a quoted field needs the lines that follow it, up to the quote's end.
 * DuckDB's line read gives neither (it reads in parallel and has no line numbers), so the file
 * is read once more here, line by line, comparing each line with the few wanted ones.
 *
 * A line is wanted by its text (without its line end): every line of the file with that text is
 * found, so a line repeated in the file is reported at each place it stands.
 */
export interface WantedLine {
  text: string;
  /** `open`: the record goes on past this line (read it whole); `line`: only its line number. */
  kind: 'open' | 'line';
}

/** A wanted line found: the file line where it starts, and its whole record's text. */
export interface FoundRecord {
  line: number;
  kind: WantedLine['kind'];
  /** The record's text: for `open`, its lines joined with the line breaks the file has. */
  text: string;
}

export interface FindLinesOptions {
  gzip: boolean;
  /** A record longer than this (bytes) is refused: the quote that opened it is taken as never closing. */
  maxRecord: number;
}

/**
 * Reads `file` and returns every place a wanted line stands (the header, line 1, is skipped),
 * in file order. A record still inside quotes at the end of the file, or longer than
 * `maxRecord`, is an error naming its first line: the full CSV scan refuses such a file too.
 */
export async function findLines(file: string, wanted: readonly WantedLine[], { gzip, maxRecord }: FindLinesOptions): Promise<FoundRecord[]> {
  // Wanted lines by their length in bytes: most lines of the file are passed over after one
  // Map lookup, and only a line of a wanted length is compared byte for byte.
  const byLength = new Map<number, { bytes: Buffer; kind: WantedLine['kind']; text: string }[]>();
  for (const w of wanted) {
    const bytes = Buffer.from(w.text, 'utf8');
    const list = byLength.get(bytes.length) ?? [];
    if (!list.some((x) => x.text === w.text)) list.push({ bytes, kind: w.kind, text: w.text });
    byLength.set(bytes.length, list);
  }
  /** The wanted lines' bytes, searched for in each chunk first. */
  const needles = [...byLength.values()].flat().map((w) => w.bytes);
  const found: FoundRecord[] = [];
  /** The record being read past its first line, or null. */
  let open: { line: number; text: string; bytes: number } | null = null;
  const probe: (string | null)[] = [];
  /** 1-based number of the line being read. */
  let lineNo = 0;

  const onLine = (chunk: Buffer, start: number, end: number) => {
    lineNo++;
    // The line without its '\r' (CRLF), as DuckDB's line read gives it.
    const bare = end > start && chunk[end - 1] === 13 ? end - 1 : end;
    if (open) {
      // Inside a quoted field, a line break is part of the value: the record's text keeps the
      // file's own break ('\r\n' or '\n'). Only a line with a quote can close the field.
      const raw = chunk.toString('utf8', start, end);
      open.bytes += end - start + 1;
      if (open.bytes > maxRecord) throw badInput(`a quoted field opens on this line and does not close within ${maxRecord} bytes (the line-length limit); nothing of the file was loaded`, file, open.line);
      open.text += `\n${raw}`;
      if (raw.includes('"') && splitRecord(open.text.endsWith('\r') ? open.text.slice(0, -1) : open.text, probe) !== OPEN_QUOTE) {
        found.push({ line: open.line, kind: 'open', text: open.text.endsWith('\r') ? open.text.slice(0, -1) : open.text });
        open = null;
      }
      return;
    }
    if (lineNo === 1) return;
    const list = byLength.get(bare - start);
    if (!list) return;
    for (const w of list) {
      if (chunk.compare(w.bytes, 0, w.bytes.length, start, bare) !== 0) continue;
      if (w.kind === 'line') found.push({ line: lineNo, kind: 'line', text: w.text });
      else open = { line: lineNo, text: chunk.toString('utf8', start, end), bytes: end - start };
      return;
    }
  };

  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = gzip ? source.pipe(createGunzip()) : source;
  /** The start of a line cut by the end of the previous chunk. */
  let carry: Buffer | null = null;
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      const chunk: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
      carry = null;
      const lastNl = chunk.lastIndexOf(10);
      if (lastNl < 0) {
        carry = chunk;
        continue;
      }
      const whole = chunk.subarray(0, lastNl + 1);
      if (!open && lineNo > 0 && !needles.some((n) => whole.indexOf(n) >= 0)) {
        // No wanted line in this chunk (one native search per wanted line): only its line ends
        // are counted, in a plain loop over the bytes, far cheaper than a call per line.
        let ends = 0;
        for (let i = 0; i <= lastNl; i++) if (whole[i] === 10) ends++;
        lineNo += ends;
      } else {
        let start = 0;
        for (let nl = chunk.indexOf(10); nl >= 0 && nl <= lastNl; nl = chunk.indexOf(10, start)) {
          onLine(chunk, start, nl);
          start = nl + 1;
        }
      }
      if (lastNl + 1 < chunk.length) carry = chunk.subarray(lastNl + 1);
    }
    if (carry) onLine(carry, 0, carry.length);
  } finally {
    source.destroy();
  }
  // (`open` is set inside onLine: the cast undoes TypeScript's narrowing to null.)
  const unclosed = open as { line: number } | null;
  if (unclosed) throw badInput('a quoted field opens on this line and never closes; nothing of the file was loaded', file, unclosed.line);
  return found;
}
