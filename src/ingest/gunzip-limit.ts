import { Transform } from 'node:stream';
import { badInput } from '../errors.ts';
import { maxStreamUnpacked, streamTooLarge } from './limits.ts';

/**
 * A pass-through stream placed after a gunzip: it fails, naming `shownAs` and the limit, once
 * more than `maxStreamUnpacked(compressed)` bytes have come out (a gzip bomb extracted to disk,
 * or unpacked for nothing for hours, is stopped at the limit).
 */
export function unpackLimit(compressed: number, shownAs: string): Transform {
  const limit = maxStreamUnpacked(compressed);
  let out = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      out += chunk.length;
      if (out > limit) done(badInput(streamTooLarge(limit, compressed), shownAs));
      else done(null, chunk);
    },
  });
}
