import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { badInput } from '../errors.ts';
import { maxStreamUnpacked, streamTooLarge } from './limits.ts';
import { startThread, threadAnswer } from './thread.ts';

/**
 * Files at least this large are hashed on a thread of their own (file-hash-worker.ts), so the
 * hash runs beside the load's own reading of the file instead of taking turns with it on the main
 * thread; smaller ones are hashed here (a thread costs about as much to start as hashing 64 MiB
 * takes).
 */
const ASIDE_BYTES = 64 << 20;

/** `hashFile`, on a thread of its own for a large file; its errors come back as they were thrown. */
export function hashFileAside(file: string, { asideFrom = ASIDE_BYTES }: { asideFrom?: number } = {}): Promise<string> {
  if (statSync(file).size < asideFrom) return hashFile(file);
  const worker = startThread(import.meta.url, 'file-hash-worker', { file });
  return threadAnswer<{ sha256: string }, string>(worker, `${file}: the hashing thread`, (reply) => ({ answer: reply.sha256 }));
}

/** Bytes read at a time from a plain file (reused buffer: a stream would allocate one per read). */
const READ_BYTES = 4 << 20;

/**
 * Hashes a file; a gzip file is also decompressed on the way (and the output thrown away) so
 * that a truncated or corrupt stream is refused before anything of it is loaded: some readers
 * (DuckDB's among them) stop quietly at the end of a truncated stream.
 */
export function hashFile(file: string): Promise<string> {
  const plain = hashPlain(file);
  if (plain !== null) return Promise.resolve(plain);
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    // 1 MB reads: with the default 64 kB, stream overhead nearly doubles the time of the hash.
    const source = createReadStream(file, { highWaterMark: 1 << 20 });
    let gunzip: ReturnType<typeof createGunzip> | undefined;
    let first = true;
    // Unpacked only to check the stream: past the limit a bomb is refused, not unpacked for hours.
    const limit = maxStreamUnpacked(statSync(file).size);
    let unpacked = 0;
    let pending = 2;
    const finish = () => {
      if (--pending === 0) resolve(hash.digest('hex'));
    };
    source.on('data', (data: Buffer | string) => {
      const chunk = typeof data === 'string' ? Buffer.from(data) : data;
      if (first) {
        first = false;
        if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
          gunzip = createGunzip();
          gunzip.on('data', (out: Buffer) => {
            unpacked += out.length;
            if (unpacked > limit && gunzip) {
              gunzip.removeAllListeners('data');
              gunzip.destroy();
              source.destroy();
              reject(badInput(streamTooLarge(limit, statSync(file).size), file));
            }
          });
          gunzip.on('end', finish);
          gunzip.on('error', (error) => {
            source.destroy();
            reject(badInput(`corrupt or truncated gzip data (${error.message}); nothing of it was loaded`, file));
          });
        } else pending--;
      }
      hash.update(chunk);
      if (gunzip && !gunzip.write(chunk)) {
        source.pause();
        gunzip.once('drain', () => source.resume());
      }
    });
    source.on('end', () => {
      if (first) pending--; // empty file
      gunzip?.end();
      finish();
    });
    source.on('error', reject);
  });
}

/** The hash of a file that is not gzip, read in large blocks into one buffer; null for a gzip file. */
function hashPlain(file: string): string | null {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    const hash = createHash('sha256');
    for (let first = true; ; first = false) {
      const n = readSync(fd, buffer, 0, READ_BYTES, null);
      if (first && n >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) return null;
      if (n === 0) return hash.digest('hex');
      hash.update(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}
