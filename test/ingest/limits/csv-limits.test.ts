import assert from 'node:assert/strict';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { describe, it } from 'node:test';
import { runCli, tempDb, tempDir } from '../../helpers.ts';
import { query } from '../positions/helpers.ts';
import { runCliMeasured } from './helpers.ts';

const WATCHLIST_ARGS = ['--watchlist', new URL('../../data/adsb/watchlist.txt', import.meta.url).pathname];
const HEADER = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact';
const T = 1719921600;
const row = (t: number, callsign = 'RPN703') => `${t},a960a9,30.5,-92.5,200.0,90.0,0.0,${callsign},False,False,False,1234,3048.0,3100.0,${t},${t}`;
const LONG_REASON = 'line longer than 1 MiB (the line-length limit; CHARTERWATCH_MAX_LINE_BYTES raises it)';

function write(name: string, text: string): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** What the ingest kept aside: [line, reason, raw]. */
const rejectsOf = (db: string) => query<{ line: number; reason: string; raw: string }>(db, `SELECT line::INTEGER AS line, reason, raw FROM rejects ORDER BY line`);

describe('a CSV row with 100,000 extra fields', () => {
  const file = write('states.csv', [HEADER, row(T), row(T + 1) + ',x'.repeat(100_000), row(T + 2)].join('\n') + '\n');

  for (const [name, args] of [['--all (DuckDB\'s full scan)', ['--all']], ['a watchlist (the watched-lines path, then the full scan)', WATCHLIST_ARGS]] as const) {
    it(`is one reject with its line, the start of its text and the reason, in a process under 500 MB, with ${name}`, async () => {
      const db = tempDb();
      const run = await runCliMeasured(['--db', db, '--json', 'ingest', ...args, file]);
      assert.equal(run.code, 0, run.stderr);
      const [s] = JSON.parse(run.stdout).sources;
      assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [3, 2, 1]);
      const rejects = await rejectsOf(db);
      assert.deepEqual(rejects.map((r) => [r.line, r.reason]), [[3, 'expected 16 columns, found 100016']]);
      assert.equal(rejects[0]!.raw, `${(row(T + 1) + ',x'.repeat(250)).slice(0, 500)} … (${(row(T + 1).length + 200_000).toLocaleString('en-US')} bytes in all)`);
      console.log(`peak RSS ${run.peakMb.toFixed(0)} MB`);
      assert.ok(run.peakMb < 500, `peak RSS ${run.peakMb.toFixed(0)} MB`);
    });
  }
});

describe('a CSV line over the line-length limit', () => {
  it('a 500 MB line in a gzip OpenSky CSV is rejected with its line, never dropped silently, in a process under 500 MB; at the default ratio limit the file is refused whole', async () => {
    const file = path.join(tempDir(), 'states.csv.gz');
    await new Promise<void>((resolve, reject) => {
      const gzip = createGzip({ level: 1 });
      const out = createWriteStream(file);
      gzip.pipe(out).on('finish', resolve).on('error', reject);
      gzip.write(`${HEADER}\n${row(T)}\n${row(T + 1, 'X')}`);
      const block = Buffer.alloc(1 << 20, 'X');
      let left = 500;
      const pump = () => {
        while (left > 0) {
          left--;
          if (!gzip.write(block)) return gzip.once('drain', pump);
        }
        gzip.end(`\n${row(T + 2)}\n`);
      };
      pump();
    });
    const db = tempDb();
    // A run of one letter packs 200 to 1: past the gzip ratio limit (limits.ts), raised here so
    // that the line itself is what is refused.
    const run = await runCliMeasured(['--db', db, '--json', 'ingest', ...WATCHLIST_ARGS, file], { CHARTERWATCH_MAX_GZIP_RATIO: '1000' });
    assert.equal(run.code, 0, run.stderr);
    const [s] = JSON.parse(run.stdout).sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [3, 2, 1]);
    const rejects = await rejectsOf(db);
    assert.deepEqual(rejects.map((r) => [r.line, r.reason]), [[3, LONG_REASON]]);
    const refused = await runCliMeasured(['--db', tempDb(), 'ingest', ...WATCHLIST_ARGS, file]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /states\.csv\.gz: gzip data unpacks to more than 256 MiB, the limit for 2\.\d MiB of it \(100 times its size, 256 MiB at least; CHARTERWATCH_MAX_GZIP_RATIO raises the ratio\); nothing of it was loaded/);
    assert.ok(refused.peakMb < 500, `peak RSS ${refused.peakMb.toFixed(0)} MB`);
    const line = row(T + 1, 'X');
    assert.equal(rejects[0]!.raw, `${(line + 'X'.repeat(500)).slice(0, 500)} … (${(line.length + 500 * 1024 * 1024).toLocaleString('en-US')} bytes in all)`);
    console.log(`peak RSS ${run.peakMb.toFixed(0)} MB`);
    assert.ok(run.peakMb < 500, `peak RSS ${run.peakMb.toFixed(0)} MB`);
  });

  for (const [name, address] of [['watched', 'a960a9'], ['of an aircraft not watched', 'c0ffee']] as const) {
    it(`a 3 MB line ${name} in a plain OpenSky CSV read with a watchlist is rejected with its line (the byte scan finds it, then reads the file again without it)`, async () => {
      const long = row(T + 1, 'L'.repeat(3_000_000)).replace('a960a9', address);
      const file = write('states.csv', [HEADER, row(T), long, row(T + 2), row(T + 3).replace('a960a9', 'c0ffee')].join('\n') + '\n');
      const db = tempDb();
      const run = await runCliMeasured(['--db', db, '--json', 'ingest', ...WATCHLIST_ARGS, file]);
      assert.equal(run.code, 0, run.stderr);
      const [s] = JSON.parse(run.stdout).sources;
      assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [3, 2, 1]);
      assert.deepEqual((await rejectsOf(db)).map((r) => [r.line, r.reason, r.raw.slice(0, 30)]), [[3, LONG_REASON, long.slice(0, 30)]]);
      assert.deepEqual(await query(db, `SELECT time FROM positions ORDER BY time`), [{ time: T }, { time: T + 2 }]);
    });
  }

  it('a 3 MB line in an ICE removals CSV is rejected, not stored as a country name (the default limit, 1 MiB)', async () => {
    const file = write('removals.csv', `CountryOfCitizenship,2017,2018\nMEXICO,1,2\n${'Z'.repeat(3_000_000)},3,4\nCHINA,5,6\n`);
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [3, 2, 1]);
    assert.deepEqual((await rejectsOf(db)).map((x) => [x.line, x.reason, x.raw.length]), [[3, LONG_REASON, 500 + ' … (3,000,004 bytes in all)'.length]]);
    assert.deepEqual(await query(db, `SELECT DISTINCT citizenship_raw FROM removals ORDER BY 1`), [{ citizenship_raw: 'CHINA' }, { citizenship_raw: 'MEXICO' }]);
  });

  it('follows CHARTERWATCH_MAX_LINE_BYTES and CHARTERWATCH_MAX_FIELDS when set lower', async () => {
    const file = write('removals.csv', `CountryOfCitizenship,2017,2018\nMEXICO,1,2\n${'Z'.repeat(5000)},3,4\nCHINA,5,6${',7'.repeat(20)}\n`);
    const db = tempDb();
    process.env.CHARTERWATCH_MAX_LINE_BYTES = '4096';
    process.env.CHARTERWATCH_MAX_FIELDS = '10';
    try {
      const r = await runCli(['--db', db, '--json', 'ingest', file]);
      assert.equal(r.code, 0, r.stderr);
    } finally {
      delete process.env.CHARTERWATCH_MAX_LINE_BYTES;
      delete process.env.CHARTERWATCH_MAX_FIELDS;
    }
    assert.deepEqual((await rejectsOf(db)).map((x) => [x.line, x.reason]), [
      [3, 'line longer than 4 KiB (the line-length limit; CHARTERWATCH_MAX_LINE_BYTES raises it)'],
      [4, 'more than 10 fields (the field-count limit; CHARTERWATCH_MAX_FIELDS raises it)'],
    ]);
  });
});
