import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { Store } from '../../../src/store/store.ts';
import { cliBin as bin, tempDb, tempDir, tarWith, whenReading } from '../../helpers.ts';
import { adsb, ingest, positions, query } from './helpers.ts';

const HEADER = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact';
const row = (t: number, icao24 = 'a960a9', lat = '30.5') => `${t},${icao24},${lat},-92.5,200.0,90.0,0.0,RPN703,False,False,False,1234,3048.0,3100.0,${t},${t}`;

/** Writes `name` in a fresh folder and returns its path. */
function write(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

/** Asserts that an ingest failed with exit code 1, naming the file, and stored nothing. */
async function assertRefused(db: string, file: string, message: RegExp, options: { all?: boolean; format?: string } = {}) {
  const result = await ingest(db, [file], options);
  assert.equal(result.code, 1, result.stdout);
  assert.match(result.stderr, message);
  if (process.env.SHOW_ERRORS) console.log(result.stderr.trim());
  assert.ok(result.stderr.includes(path.basename(file)), result.stderr);
  assert.deepEqual(await query(db, `SELECT (SELECT count(*) FROM sources)::INTEGER AS sources, (SELECT count(*) FROM positions)::INTEGER AS positions`), [{ sources: 0, positions: 0 }]);
}

const gzCsv = gzipSync(`${HEADER}\n${Array.from({ length: 5000 }, (_, i) => row(1719921600 + i)).join('\n')}\n`);
const gzTrace = readFileSync(adsb('trace_full_a960a9.json'));
const corrupt = (b: Buffer) => {
  const c = Buffer.from(b);
  // The start stays readable (detection sees a state-vector header); the rest is damaged.
  for (let i = Math.floor(c.length / 2); i < c.length - 20; i += 7) c[i] = c[i]! ^ 0x5a;
  return c;
};

describe('bad position input', () => {
  const refusals: { name: string; file: () => string; message: RegExp; options?: { all?: boolean; format?: string } }[] = [
    { name: 'a truncated gzip CSV', file: () => write('states.csv.gz', gzCsv.subarray(0, Math.floor(gzCsv.length / 2))), message: /corrupt or truncated gzip|could not be loaded/ },
    { name: 'a corrupt gzip CSV', file: () => write('states.csv.gz', corrupt(gzCsv)), message: /gzip|could not be loaded/ },
    { name: 'a truncated gzip readsb trace', file: () => write('trace_full_a960a9.json', gzTrace.subarray(0, gzTrace.length - 30)), message: /corrupt or truncated gzip/, options: { format: 'readsb-trace' } },
    { name: 'a tar whose gzip member is truncated', file: () => write('states.csv.tar', tarWith('states_2024-07-02-12.csv.gz', gzCsv.subarray(0, gzCsv.length - 40))), message: /states_2024-07-02-12\.csv\.gz in the archive: corrupt or truncated/ },
    { name: 'a CSV whose header lacks a required column', file: () => write('states.csv', `time,icao24,lon,lastcontact,baroaltitude\n1719921600,a960a9,-92.5,1719921600,1000\n`), message: /states\.csv:1: missing column "lat" in the header/, options: { format: 'opensky-csv' } },
    { name: 'binary garbage', file: () => write('garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), message: /binary data of no known format/ },
    { name: 'an empty folder', file: () => tempDir(), message: /the folder is empty/ },
    { name: 'a JSON file that is not positions at all', file: () => write('config.json', '{"hello": "world", "list": [1, 2, 3]}\n'), message: /text of no known format/ },
    { name: 'a statistics CSV forced through a position reader', file: () => write('encounters.csv', 'Fiscal Year,Month (abbv),Encounter Count\n2024,OCT,1\n'), message: /not valid JSON/, options: { format: 'readsb-trace' } },
    { name: 'a trace file with no trace', file: () => write('trace_full_a960a9.json', '{"icao": "a960a9", "timestamp": 1719921600}'), message: /expected an object with "icao" and a "trace" array/, options: { format: 'readsb-trace' } },
    { name: 'an aircraft.json with a bad "now"', file: () => write('aircraft.json', '{"now": "soon", "aircraft": []}'), message: /"now" is not a number/ },
  ];
  for (const c of refusals) {
    it(`refuses ${c.name} with a clear error and stores nothing of it`, async () => {
      await assertRefused(tempDb(), c.file(), c.message, c.options);
    });
  }

  it('accepts an extra column in the header (the Trino export adds "hour")', async () => {
    const db = tempDb();
    const file = write('states.csv', `${HEADER},hour\n${row(1719921600)},1719921600\n`);
    const result = await ingest(db, [file]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.json().sources[0].rowsKept, 1);
  });

  it('keeps aside a row with a word for its altitude or speed, rather than store it as unknown', async () => {
    const db = tempDb();
    const words = row(1719921601).replace(',3048.0,', ',high,');
    const file = write('states.csv', `${HEADER}\n${row(1719921600)}\n${words}\n\n${row(1719921602).replace('200.0', 'fast')}\n`);
    const result = await ingest(db, [file]);
    assert.equal(result.code, 0, result.stderr);
    const s = result.json().sources[0];
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [3, 1, 2]);
    assert.deepEqual(await query(db, `SELECT line, reason FROM rejects ORDER BY line`), [
      { line: 3, reason: 'baroaltitude is not a number: "high"' },
      { line: 5, reason: 'velocity is not a number: "fast"' },
    ]);
  });

  it('rejects one bad line in the middle of a large file by its line number and keeps every other row', async () => {
    const db = tempDb();
    const lines = [HEADER];
    for (let i = 0; i < 200_000; i++) lines.push(i === 100_000 ? row(1719921600 + i, 'a960a9', 'north') : row(1719921600 + i, i % 2 ? 'a960a9' : 'ab1234'));
    const file = write('states.csv', `${lines.join('\n')}\n`);
    const result = await ingest(db, [file]);
    assert.equal(result.code, 0, result.stderr);
    const s = result.json().sources[0];
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [200_000, 199_999, 1]);
    assert.deepEqual(await query(db, `SELECT line, reason FROM rejects`), [{ line: 100_002, reason: 'latitude or longitude is not a number' }]);
  });

  it('leaves the database as it was when an ingest is killed mid-file, and the next run loads the file once, fully', async () => {
    const dir = tempDir();
    const db = tempDb();
    assert.equal((await ingest(db, [adsb('opensky-states.csv')])).code, 0);
    const big = path.join(dir, 'states.csv');
    const rows = 300_000;
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(big);
      out.on('error', reject);
      out.write(`${HEADER}\n`);
      let chunk = '';
      for (let i = 0; i < rows; i++) {
        chunk += `${row(1719930000 + Math.floor(i / 100), (0xa00000 + (i % 100)).toString(16))}\n`;
        if (chunk.length > 1 << 20) {
          out.write(chunk);
          chunk = '';
        }
      }
      out.end(chunk, resolve);
    });
    const child = spawn(process.execPath, [bin, '--db', db, 'ingest', '--all', big], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Killed while it reads the big file (a tenth of it read), not after a set time.
    await whenReading(child.pid!, big, { bytes: statSync(big).size / 10 });
    const killed = child.kill('SIGKILL');
    const code = await exited;
    assert.equal(killed && code === null, true, `the ingest finished before it could be killed (exit ${code}); make the file bigger`);
    assert.equal((await positions(db)).length, 4);
    assert.deepEqual(await query(db, `SELECT count(*)::INTEGER AS n FROM sources`), [{ n: 1 }]);
    const again = await ingest(db, [big], { all: true });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.json().sources[0].rowsKept, rows);
    const store = await Store.open(db, { readOnly: true });
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM positions`), rows + 4);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM sources`), 2);
    store.close();
  });
});
