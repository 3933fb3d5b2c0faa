import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempDb, tempDir } from '../../helpers.ts';
import { runCliMeasured, writeGzipBomb } from './helpers.ts';

describe('a gzip file that unpacks to far more than it holds', () => {
  it('is refused with the limit named, by a process that stays under 500 MB (a readsb trace: 1 MB of gzip, 1 GiB unpacked)', async () => {
    const file = path.join(tempDir(), 'trace_full_a960a9.json');
    const size = writeGzipBomb(file, '{"icao":"a960a9","timestamp":1719932400,"trace":[', 1024);
    assert.ok(size < 2_000_000, `the bomb is small on disk (${size} bytes)`);
    const run = await runCliMeasured(['--db', tempDb(), 'ingest', '--all', file]);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr.trim(),
      `charterwatch: ${file}: gzip data unpacks to more than 128 MiB, the limit for a file read whole; CHARTERWATCH_MAX_UNPACKED_MB raises it (in MiB); nothing of it was loaded`,
    );
    console.log(`peak RSS ${run.peakMb.toFixed(0)} MB`);
    assert.ok(run.peakMb < 500, `peak RSS ${run.peakMb.toFixed(0)} MB`);
  });

  it('is refused at a lowered limit too: a statistics table read whole (ICE removals) with CHARTERWATCH_MAX_UNPACKED_MB=8', async () => {
    const file = path.join(tempDir(), 'ice-removals.csv.gz');
    writeGzipBomb(file, 'CountryOfCitizenship,2017,2018\nMEXICO,1,2\n', 64, '\n');
    const run = await runCliMeasured(['--db', tempDb(), 'ingest', file], { CHARTERWATCH_MAX_UNPACKED_MB: '8' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /ice-removals\.csv\.gz: gzip data unpacks to more than 8 MiB, the limit for a file read whole; CHARTERWATCH_MAX_UNPACKED_MB raises it/);
    console.log(`peak RSS ${run.peakMb.toFixed(0)} MB`);
    assert.ok(run.peakMb < 500, `peak RSS ${run.peakMb.toFixed(0)} MB`);
  });
});
