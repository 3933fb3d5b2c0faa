import { closeSync, createReadStream, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { badInput } from '../errors.ts';
import { longLineReason } from './limits.ts';

/**
 * The line-length and field-count limits of a CSV file read by DuckDB (duckdb-csv.ts), which
 * cannot apply them itself: its scanner drops a line longer than a few buffers without a word
 * (a 60 MB line vanishes, and the file is loaded without it), and it writes one reject per extra
 * field of a wide row, each with the row's text (a 200 KB row of 100,000 fields took minutes
 * and gigabytes). So a file goes to DuckDB only once such lines are out of it:
 *
 * - `hasLongLine` reads the file once, looking at line ends only where a read block has none
 *   (two native searches per block, no work per line), and says whether a line is too long;
 * - when a line is too long or a row too wide, `cleanCopy` writes a copy of the file in which
 *   each such line is blank (so every other line keeps its number: DuckDB skips blank lines and
 *   csv-lines.ts maps them), and hands each to `onReject` with its line, reason and the start
 *   of its text. Memory stays bounded: a line is held only up to the limit.
 */

/** Whether some line of the file (after gunzip) holds more than `maxLine` bytes. */
export async function hasLongLine(file: string, gzip: boolean, maxLine: number): Promise<boolean> {
  // Blocks no longer than the limit: a line inside one block is then shorter than the limit, and
  // only a line running across block ends needs measuring.
  const block = Math.max(1024, Math.min(1 << 20, maxLine));
  const check = longLineCheck(maxLine);
  if (!gzip) {
    // A plain file: read into one reused buffer (a stream allocates a block per read).
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(block);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, block, null);
        if (bytesRead === 0) return check.end();
        if (check.next(buffer.subarray(0, bytesRead))) return true;
      }
    } finally {
      await handle.close();
    }
  }
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = source.pipe(createGunzip({ chunkSize: Math.min(64 * 1024, block) }));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) if (check.next(chunk)) return true;
  } catch {
    // A damaged gzip stream: the ingest refuses the file on its own check, with a clearer message.
    return false;
  } finally {
    source.destroy();
    stream.destroy();
  }
  return check.end();
}

/** Measures the lines of consecutive blocks; `next` says when one is longer than `maxLine`. */
function longLineCheck(maxLine: number): { next(chunk: Buffer): boolean; end(): boolean } {
  /** Bytes since the last line end. */
  let run = 0;
  return {
    next(chunk) {
      if (chunk.length > maxLine) {
        // A block larger than the limit: measure each line.
        let start = 0;
        for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
          if (run + nl - start > maxLine) return true;
          run = 0;
          start = nl + 1;
        }
        run += chunk.length - start;
        return run > maxLine;
      }
      const first = chunk.indexOf(10);
      if (first < 0) {
        run += chunk.length;
        return run > maxLine;
      }
      if (run + first > maxLine) return true;
      run = chunk.length - chunk.lastIndexOf(10) - 1;
      return false;
    },
    end: () => run > maxLine,
  };
}

/** Characters of a rejected line kept as its text. */
const EXCERPT = 500;

export interface CleanOptions {
  gzip: boolean;
  delimiter: string;
  /** Fields a row should have (the header's). */
  width: number;
  /** A row with more fields than this is taken out (DuckDB would write one reject per extra field). */
  maxFields: number;
  maxLine: number;
  onReject: (line: number, reason: string, raw: string) => Promise<void>;
}

/**
 * Writes the file (after gunzip) to a temporary copy with its too-long lines and too-wide rows
 * blank, reporting each; returns the copy's path and a function removing it.
 */
export async function cleanCopy(file: string, o: CleanOptions): Promise<{ file: string; remove: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-csv-'));
  const copy = path.join(dir, 'clean.csv');
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const fd = openSync(copy, 'w');
  const delim = o.delimiter.charCodeAt(0);
  const quote = 0x22;
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = o.gzip ? source.pipe(createGunzip()) : source;
  let lineNo = 1;
  /** The current line's bytes, while it is within the limit. */
  let parts: Buffer[] = [];
  let length = 0;
  let excerpt: Buffer[] = [];
  let excerptLength = 0;
  let fields = 1;
  let inQuote = false;
  const take = (segment: Buffer) => {
    if (length <= o.maxLine) parts.push(segment);
    length += segment.length;
    if (length > o.maxLine) parts = [];
    if (excerptLength < EXCERPT * 4) {
      excerpt.push(segment.subarray(0, EXCERPT * 4 - excerptLength));
      excerptLength += Math.min(segment.length, EXCERPT * 4 - excerptLength);
    }
    for (let i = 0; i < segment.length; i++) {
      const b = segment[i]!;
      if (b === quote) inQuote = !inQuote;
      else if (b === delim && !inQuote) fields++;
    }
  };
  const endLine = async () => {
    const text = () => {
      const start = Buffer.concat(excerpt).toString('utf8').slice(0, EXCERPT);
      return length > EXCERPT ? `${start} … (${length.toLocaleString('en-US')} bytes in all)` : start;
    };
    let reason: string | null = null;
    if (length > o.maxLine) reason = longLineReason(o.maxLine);
    else if (fields > o.maxFields) reason = `expected ${o.width} columns, found ${fields}`;
    if (reason !== null) {
      if (lineNo === 1) throw badInput(`the header line: ${reason}; nothing of the file was loaded`, file, 1);
      await o.onReject(lineNo, reason, text());
    } else for (const p of parts) writeSync(fd, p);
    writeSync(fd, '\n');
    lineNo++;
    parts = [];
    length = 0;
    excerpt = [];
    excerptLength = 0;
    fields = 1;
    // A quote left open runs into the next line (a field with a line break): kept, as DuckDB reads it.
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
        take(chunk.subarray(start, nl));
        await endLine();
        start = nl + 1;
      }
      if (start < chunk.length) take(chunk.subarray(start));
    }
    if (length > 0) await endLine();
  } catch (error) {
    remove();
    if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw badInput(`corrupt or truncated gzip data (${(error as Error).message}); nothing of it was loaded`, file);
    throw error;
  } finally {
    closeSync(fd);
    source.destroy();
  }
  return { file: copy, remove };
}
