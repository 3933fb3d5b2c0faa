import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startThread, threadAnswer } from '../thread.ts';

/**
 * The watched lines of a plain (not gzip) CSV file, found by reading its bytes: the file is cut
 * into ranges read at once, each on a thread of its own when the file is large, and a line leaves
 * the scan only when its icao24 field is a watched address. Most lines are passed over after a
 * look at their first bytes (the commas before the field and six hex digits looked up in a
 * table), without a string being made; a line with a quote before the address or around it is
 * decided by the same regular expression as DuckDB's line read (watched-lines.ts), so the lines
 * found are exactly the lines that expression finds.
 *
 * Lines are cut at '\n' (one '\r' before it is dropped, as find-lines.ts drops it; DuckDB's line
 * read, taken for gzip files, drops every trailing '\r': they differ only for a line ending
 * '\r\r\n'); the
 * header (line 1) is never a watched line. A line that is not valid UTF-8 is not looked at: it is
 * returned with its line number, for `rejects`, as DuckDB's line read would refuse it.
 */

/** What decides whether a line is watched. */
export interface WatchedMatch {
  /** 0-based position of the icao24 field. */
  at: number;
  /** The watched addresses: 6 lower-case hex digits each. */
  addresses: string[];
  /** The line expression of watched-lines.ts, JavaScript flavour (case-insensitive). */
  pattern: string;
}

export interface ScanRange {
  file: string;
  start: number;
  end: number;
  /** The range holds the file's first line (the header). */
  first: boolean;
  /** The line-length limit: the scan stops at a longer line (csv-limits.ts then takes such lines out). */
  maxLine: number;
}

/** One range's findings; `line` numbers count from the range's first line (0). */
export interface RangeFound {
  lines: string[];
  invalid: { line: number; text: string }[];
}

/**
 * How a range ended: its count of lines, and why it stopped early, if it did: a line longer than
 * the limit, or more lines that are not UTF-8 than are kept here (MAX_INVALID).
 */
export type RangeEnd = { lines: number; stopped: Stopped };
export type Stopped = null | 'long line' | 'not UTF-8';

/** Lines not valid UTF-8 a range keeps (with their first 1,000 bytes) before it gives up: the file is then not UTF-8, and the full scan keeps its lines aside as it reads. */
const MAX_INVALID = 1000;
/** Bytes of an invalid line kept (as rejects keeps them). */
const INVALID_BYTES = 1000;

/** What a range's thread sends: batches of found lines, then how it ended (or thread.ts's error). */
export type RangeMessage = { found: RangeFound } | { done: RangeEnd };

export interface WatchedScan {
  /** Found lines are handed over in batches as the ranges find them (memory stays bounded). */
  onLines(lines: string[]): void;
}

/** Files smaller than this are read on the calling thread, in one range. */
export const THREADS_FROM_BYTES = 64 << 20;

/**
 * Whether the watched lines of a file are found by this byte scan: a plain (not gzip) file, and a
 * fleet of 6-hex-digit addresses; otherwise DuckDB's line read finds them (watched-lines.ts).
 */
export const byteScanApplies = (gzip: boolean, fleet: ReadonlySet<string> | null): fleet is ReadonlySet<string> =>
  !gzip && fleet !== null && fleet.size > 0 && [...fleet].every((a) => /^[0-9a-f]{6}$/.test(a));

/**
 * Reads `file` and hands every watched line to `onLines`; returns the lines that are not valid
 * UTF-8, with their 1-based line numbers, in file order. `stopped` says when a range stopped
 * early: at a line longer than `maxLine` (csv-limits.ts must take such lines out before the file
 * is read again), or after MAX_INVALID lines that are not UTF-8; the lines found are then not
 * all the file's.
 */
export async function scanWatched(
  file: string,
  match: WatchedMatch,
  { onLines, maxLine, threadsFrom = THREADS_FROM_BYTES }: WatchedScan & { maxLine: number; threadsFrom?: number },
): Promise<{ invalid: { line: number; text: string }[]; stopped: Stopped }> {
  const size = statSync(file).size;
  const parts = size < threadsFrom ? 1 : Math.max(2, Math.min(4, availableParallelism()));
  const ranges = Array.from({ length: parts }, (_, i): ScanRange => ({ file, start: Math.floor((size * i) / parts), end: Math.floor((size * (i + 1)) / parts), first: i === 0, maxLine }));
  let results: (RangeEnd & { invalid: RangeFound['invalid'] })[];
  if (parts === 1) results = [inThisThread(ranges[0]!, match, onLines)];
  else {
    const workers: Worker[] = [];
    try {
      results = await Promise.all(ranges.map((range) => inThread(range, match, onLines, workers)));
    } catch (error) {
      // The first failure ends the scan: the other ranges' threads are stopped, not left reading.
      await Promise.all(workers.map((w) => w.terminate()));
      throw error;
    }
  }
  // Line numbers: each range's count of lines before it, plus one.
  const invalid: { line: number; text: string }[] = [];
  let before = 0;
  for (const r of results) {
    for (const x of r.invalid) invalid.push({ line: before + x.line + 1, text: x.text });
    before += r.lines;
  }
  return { invalid, stopped: results.find((r) => r.stopped !== null)?.stopped ?? null };
}

/** One range read here. */
function inThisThread(range: ScanRange, match: WatchedMatch, onLines: (lines: string[]) => void): RangeEnd & { invalid: RangeFound['invalid'] } {
  const invalid: RangeFound['invalid'] = [];
  const end = scanRange(range, match, (found) => {
    if (found.lines.length > 0) onLines(found.lines);
    invalid.push(...found.invalid);
  });
  return { ...end, invalid };
}

/**
 * Batches a range's thread may have sent and not yet seen taken (`IN_FLIGHT`): the thread waits
 * for the count of batches taken (`taken`, shared memory) to catch up before it sends more, so
 * memory stays bounded however many lines are watched.
 */
export const IN_FLIGHT = 4;

/** One range on a thread of its own (added to `workers`); its found lines reach `onLines` as they come. */
function inThread(range: ScanRange, match: WatchedMatch, onLines: (lines: string[]) => void, workers: Worker[]): Promise<RangeEnd & { invalid: RangeFound['invalid'] }> {
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const worker = startThread(import.meta.url, 'watched-scan-worker', { range, match, taken });
  workers.push(worker);
  const invalid: RangeFound['invalid'] = [];
  return threadAnswer<RangeMessage, RangeEnd & { invalid: RangeFound['invalid'] }>(worker, `${range.file}: the scanning thread`, (m) => {
    if ('done' in m) return { answer: { ...m.done, invalid } };
    if (m.found.lines.length > 0) onLines(m.found.lines);
    invalid.push(...m.found.invalid);
    Atomics.add(taken, 0, 1);
    Atomics.notify(taken, 0);
    return undefined;
  });
}

/** Bytes read at a time. */
const BLOCK = 4 << 20;
/** Found lines handed over once they hold this many characters. */
const BATCH_CHARS = 1 << 20;

const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[97 + c] = HEX[65 + c] = 10 + c;
const [NL, CR, COMMA, QUOTE, SPACE] = [10, 13, 44, 34, 32];

/**
 * Reads the lines that start in `[start, end)` of the file (a line that starts before `end`
 * is read to its end), handing found lines and invalid ones to `emit` in batches; returns how
 * many lines start in the range (the file's last line counts without a line end), or stops at
 * the first line longer than `maxLine` (memory stays bounded: the buffer never grows) or after
 * MAX_INVALID lines that are not UTF-8.
 */
export function scanRange(range: ScanRange, match: WatchedMatch, emit: (found: RangeFound) => void): RangeEnd {
  const { file, start, end, first, maxLine } = range;
  // One bit per 24-bit address (2 MiB).
  const watched = new Uint32Array(1 << 19);
  for (const a of match.addresses) {
    const v = parseInt(a, 16);
    watched[v >>> 5]! |= 1 << (v & 31);
  }
  const expression = new RegExp(match.pattern, 'i');
  const at = match.at;
  /** 1: watched, 0: not, -1: ask the expression (a quote in the way). */
  const decide = (buf: Buffer, s: number, e: number): number => {
    let p = s;
    for (let f = 0; f < at; f++) {
      while (p < e && buf[p] !== COMMA) {
        if (buf[p] === QUOTE) return -1;
        p++;
      }
      if (p >= e) return 0;
      p++;
    }
    while (p < e && buf[p] === SPACE) p++;
    if (buf[p] === QUOTE && p < e) return -1;
    if (p + 6 > e) return 0;
    let v = 0;
    for (let k = 0; k < 6; k++) {
      const h = HEX[buf[p + k]!]!;
      if (h < 0) return 0;
      v = (v << 4) | h;
    }
    if (((watched[v >>> 5]! >>> (v & 31)) & 1) === 0) return 0;
    let q = p + 6;
    if (q < e && buf[q] === QUOTE) return -1;
    while (q < e && buf[q] === SPACE) q++;
    return q === e || buf[q] === COMMA || (buf[q] === CR && q + 1 === e) ? 1 : 0;
  };

  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.max(BLOCK, maxLine + 2));
    let lines: string[] = [];
    let chars = 0;
    const invalid: RangeFound['invalid'] = [];
    let invalidCount = 0;
    const flush = () => {
      if (lines.length > 0 || invalid.length > 0) emit({ lines, invalid: invalid.splice(0) });
      lines = [];
      chars = 0;
    };
    /** Lines started so far in the range. */
    let lineNo = 0;
    /** The file offset of buf[0]. */
    let offset = start;
    /** Bytes held in buf. */
    let held = 0;
    if (start > 0) {
      // A range after the first starts at the first line that starts at or after `start`:
      // the byte before it is a line end.
      offset = start - 1;
    }
    let skipToLineStart = start > 0;
    let eof = false;
    for (;;) {
      if (!eof && held < buf.length) {
        const n = readSync(fd, buf, held, buf.length - held, offset + held);
        if (n === 0) eof = true;
        held += n;
      }
      let s = 0;
      if (skipToLineStart) {
        const nl = buf.indexOf(NL, 0);
        if (nl < 0 || nl >= held) {
          if (eof) break;
          offset += held;
          held = 0;
          continue;
        }
        s = nl + 1;
        skipToLineStart = false;
      }
      // The whole lines held, and the UTF-8 check of them in one native call.
      const last = buf.lastIndexOf(NL, held - 1);
      const wholeEnd = eof ? held : last + 1;
      const valid = isUtf8(buf.subarray(s, wholeEnd));
      let stop = false;
      while (s < wholeEnd) {
        if (offset + s >= end) {
          stop = true;
          break;
        }
        let nl = buf.indexOf(NL, s);
        if (nl < 0 || nl >= wholeEnd) nl = wholeEnd;
        const e = nl;
        if (e - s > maxLine) {
          flush();
          return { lines: lineNo, stopped: 'long line' };
        }
        lineNo++;
        if (!(first && lineNo === 1) && e > s) {
          const bare = buf[e - 1] === CR ? e - 1 : e;
          if (!valid && !isUtf8(buf.subarray(s, e))) {
            if (++invalidCount > MAX_INVALID) {
              flush();
              return { lines: lineNo, stopped: 'not UTF-8' };
            }
            invalid.push({ line: lineNo - 1, text: buf.toString('utf8', s, Math.min(bare, s + INVALID_BYTES)) });
          } else {
            const d = decide(buf, s, e);
            if (d === 1 || (d === -1 && expression.test(buf.toString('utf8', s, e)))) {
              const text = buf.toString('utf8', s, bare);
              lines.push(text);
              chars += text.length;
              if (chars >= BATCH_CHARS) flush();
            }
          }
        }
        s = nl + 1;
      }
      if (stop || eof) break;
      // Keep the cut line's start for the next read.
      buf.copy(buf, 0, wholeEnd, held);
      offset += wholeEnd;
      held -= wholeEnd;
      // A line that fills the buffer is longer than the limit.
      if (held === buf.length) {
        flush();
        return { lines: lineNo, stopped: 'long line' };
      }
    }
    flush();
    return { lines: lineNo, stopped: null };
  } finally {
    closeSync(fd);
  }
}
