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
