import { isUtf8 } from 'node:buffer';
import { badInput } from '../errors.ts';
import { readWholeFile } from './whole-file.ts';

/**
 * Reads a small text file whole, plain or gzip (known by its magic bytes), within the limit of
 * a file read whole (whole-file.ts), and refuses it,
 * naming the line, when it is not UTF-8: a Latin-1 byte would otherwise become U+FFFD in the
 * store without a word. Returns the bytes, for parsers that take them.
 */
export function readUtf8(file: string): Buffer {
  const bytes = readWholeFile(file);
  if (!isUtf8(bytes)) throw badInput('not valid UTF-8 text (save the file as UTF-8); nothing of it was loaded', file, firstInvalidLine(bytes));
  return bytes;
}

/** The 1-based line of the first bytes that are not UTF-8. */
function firstInvalidLine(bytes: Buffer): number {
  let start = 0;
  for (let line = 1; ; line++) {
    const end = bytes.indexOf(10, start);
    if (end < 0 || !isUtf8(bytes.subarray(start, end))) return line;
    start = end + 1;
  }
}
