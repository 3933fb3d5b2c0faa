import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { CharterwatchError } from '../../src/errors.ts';
import { hashFileAside } from '../../src/ingest/file-hash.ts';
import { tempDir } from '../helpers.ts';

// A file's sha256 on the calling thread and on a thread of its own (asideFrom: 0 sends every
// file there): the same hash, and the same error for a damaged gzip file.
describe('the sha256 of an input file, here and on a thread of its own', () => {
  const dir = tempDir();
  const plain = path.join(dir, 'states.csv');
  writeFileSync(plain, 'time,icao24\n'.repeat(500_000)); // 6 MB: more than one 4 MiB read
  const gzip = path.join(dir, 'states.csv.gz');
  writeFileSync(gzip, gzipSync(readFileSync(plain)));
  const cut = path.join(dir, 'cut.csv.gz');
  writeFileSync(cut, readFileSync(gzip).subarray(0, 2000));

  for (const [where, asideFrom] of [['here', Infinity], ['on a thread', 0]] as const) {
    it(`gives the sha256 of the bytes of a plain and of a gzip file (${where})`, async () => {
      for (const file of [plain, gzip]) {
        assert.equal(await hashFileAside(file, { asideFrom }), createHash('sha256').update(readFileSync(file)).digest('hex'));
      }
    });

    it(`refuses a truncated gzip file naming it (${where})`, async () => {
      await assert.rejects(hashFileAside(cut, { asideFrom }), (error: CharterwatchError) => {
        assert.equal(error.code, 'BAD_INPUT');
        assert.equal(error.file, cut);
        assert.match(error.message, /^corrupt or truncated gzip data \(.+\); nothing of it was loaded$/);
        return true;
      });
    });
  }
});
