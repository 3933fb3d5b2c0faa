import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { badInput } from '../errors.ts';
import { ENV_MAX_UNPACKED_MB, maxUnpackedBytes, sizeText } from './limits.ts';

/**
 * Reads a file whole into memory, gunzipped when it starts with the gzip magic (whatever its
 * name says), within the limit of what a file read whole may hold (limits.ts): a larger plain
 * file is refused before it is read, and gzip data is unpacked only up to the limit, so a small
 * file that unpacks to gigabytes (a "gzip bomb") is refused with the limit named instead of
 * exhausting memory. `shownAs` names the file in errors.
 */
export function readWholeFile(file: string, shownAs = file): Buffer {
  const limit = maxUnpackedBytes();
  const raise = `${ENV_MAX_UNPACKED_MB} raises it (in MiB); nothing of it was loaded`;
  const size = statSync(file).size;
  const gzip = startsWithGzip(file);
  if (!gzip && size > limit) throw badInput(`${sizeText(size)} is more than the ${sizeText(limit)} a file read whole may hold; ${raise}`, shownAs);
  if (gzip && size > limit) throw badInput(`${sizeText(size)} of gzip data is more than the ${sizeText(limit)} a file read whole may hold; ${raise}`, shownAs);
  const raw = readFileSync(file);
  if (!gzip) return raw;
  try {
    return gunzipSync(raw, { maxOutputLength: limit });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw badInput(`gzip data unpacks to more than ${sizeText(limit)}, the limit for a file read whole; ${raise}`, shownAs);
    }
    throw badInput(`corrupt or truncated gzip data (${e.message}); nothing of it was loaded`, shownAs);
  }
}

function startsWithGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses a ZIP container (an .xlsx workbook, read whole by its library) whose members declare
 * more than the limit of a file read whole once unpacked, or whose sizes cannot be read: the
 * workbook reader would inflate it all into memory. Reads the central directory only.
 */
export function checkZipUnpacked(file: string, shownAs = file): void {
  const limit = maxUnpackedBytes();
  const raise = `${ENV_MAX_UNPACKED_MB} raises it (in MiB); nothing of it was loaded`;
  const size = statSync(file).size;
  if (size > limit) throw badInput(`${sizeText(size)} is more than the ${sizeText(limit)} a file read whole may hold; ${raise}`, shownAs);
  const fd = openSync(file, 'r');
  try {
    // The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KiB.
    const tailLength = Math.min(size, 22 + 65535);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) return; // not a readable ZIP: the workbook reader says so
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset === 0xffffffff || dirSize > size) throw badInput(`a ZIP64 or damaged workbook: its unpacked size cannot be checked against the limit of ${sizeText(limit)}; ${raise}`, shownAs);
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    let total = 0;
    for (let at = 0, n = 0; n < entries && at + 46 <= dir.length; n++) {
      if (dir.readUInt32LE(at) !== 0x02014b50) break;
      const unpacked = dir.readUInt32LE(at + 24);
      if (unpacked === 0xffffffff) throw badInput(`a ZIP64 workbook: its unpacked size cannot be checked against the limit of ${sizeText(limit)}; ${raise}`, shownAs);
      total += unpacked;
      at += 46 + dir.readUInt16LE(at + 28) + dir.readUInt16LE(at + 30) + dir.readUInt16LE(at + 32);
    }
    if (total > limit) throw badInput(`the workbook unpacks to ${sizeText(total)}, more than the ${sizeText(limit)} a file read whole may hold; ${raise}`, shownAs);
  } finally {
    closeSync(fd);
  }
}
