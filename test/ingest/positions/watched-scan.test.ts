import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { sqlString } from '../../../src/query/sql.ts';
import { watchedLinePattern } from '../../../src/ingest/positions/watched-lines.ts';
import { scanRange, scanWatched, type WatchedMatch } from '../../../src/ingest/positions/watched-scan.ts';
import { Store } from '../../../src/store/store.ts';
import { fixture, runCli, tempDb, tempDir } from '../../helpers.ts';

// The byte scan of watched lines (watched-scan.ts) against DuckDB's line read with the line
// expression (watched-lines.ts's other path): the same lines, on one thread and cut into ranges
// read by threads of their own.

const HEADER = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact';
const FLEET = ['a960a9', 'ab1234'];
// The expression DuckDB's line read runs (watched-lines.ts), the yardstick of the byte scan.
const PATTERN = watchedLinePattern(1, new Set(FLEET));
const MATCH: WatchedMatch = { at: 1, addresses: FLEET, pattern: PATTERN.replace('(?i:', '(?:') };
const row = (t: number, address: string, callsign = 'RPN703') => `${t},${address},30.5,-92.5,200.0,90.0,0.0,${callsign},False,False,False,1234,3048.0,3100.0,${t},${t}`;

/** Every way an address field can be written, watched or not. */
const VARIANTS = [
  (t: number) => row(t, 'a960a9'),
  (t: number) => row(t, 'AB1234'),
  (t: number) => row(t, '"a960a9"'),
  (t: number) => row(t, ' a960a9 '),
  (t: number) => row(t, '"AB1234" '),
  (t: number) => row(t, 'a960a9f'),
  (t: number) => row(t, 'c0ffee'),
  (t: number) => row(t, 'a960a'),
  (t: number) => `"${t}",a960a9,1,2`,
  (t: number) => `"${t},x",ab1234`,
  (t: number) => `"1""2",a960a9,3`,
  (t: number) => `${t},a960a9`,
  (t: number) => `${t}`,
  () => '',
  (t: number) => row(t, 'ab1234', 'A"B'),
  (t: number) => row(t, '"ab1234'),
  (t: number) => `${t},é,a960a9`,
];

function file(lines: string[], eol: string, { finalEol = true } = {}): string {
  const f = path.join(tempDir(), 'states.csv');
  writeFileSync(f, [HEADER, ...lines].join(eol) + (finalEol ? eol : ''));
  return f;
}

async function byScan(f: string, threadsFrom: number, maxLine = 1 << 20) {
  const lines: string[] = [];
  const result = await scanWatched(f, MATCH, { maxLine, threadsFrom, onLines: (found) => lines.push(...found) });
  return { lines: lines.sort(), ...result };
}

async function byDuckdb(f: string): Promise<string[]> {
  const store = await Store.open(':memory:');
  try {
    const rows = await store.all<{ line: string }>(
      `SELECT rtrim(line, chr(13)) AS line FROM read_csv(${sqlString(f)}, header = true, auto_detect = false, delim = '\x01', quote = '', escape = '', columns = {'line': 'VARCHAR'})
       WHERE regexp_matches(line, ${sqlString(PATTERN)})`,
    );
    return rows.map((r) => r.line).sort();
  } finally {
    store.close();
  }
}

describe('the byte scan of watched lines', () => {
  for (const eol of ['\n', '\r\n']) {
    for (const finalEol of [true, false]) {
      it(`finds the lines DuckDB's line read finds (${JSON.stringify(eol)}, ${finalEol ? 'with' : 'without'} a last line end)`, async () => {
        const lines = Array.from({ length: 700 }, (_, i) => VARIANTS[i % VARIANTS.length]!(1719921600 + i));
        const f = file(lines, eol, { finalEol });
        const expected = await byDuckdb(f);
        // 11 of the 17 variants are watched lines (41 whole passes, then the first three): 41 × 11 + 3.
        assert.equal(expected.length, 454);
        const one = await byScan(f, Infinity);
        assert.deepEqual([one.lines, one.invalid, one.stopped], [expected, [], null]);
        // Threads (each costs a start of its own): for the CRLF file only.
        if (eol === '\r\n') assert.deepEqual(await byScan(f, 0), one);
      });
    }
  }

  it('cuts the file into two ranges at every byte and still reads each line once, in one range or the other', async () => {
    // Lines of every length from 1 to 40 bytes; the cut goes through every byte of the file's first
    // 1,000, so it falls at every place in a line, on a line end, and in the header.
    const lines = Array.from({ length: 120 }, (_, i) => (i % 3 === 0 ? row(i, 'a960a9', 'X'.repeat(i % 40)) : `${'9'.repeat(1 + (i % 40))},c0ffee`));
    const f = file(['', ...lines], '\n', { finalEol: false });
    const size = statSync(f).size;
    const expected = await byDuckdb(f);
    assert.equal(expected.length, 40);
    const fileLines = lines.length + 2; // the header, the blank line, the rows (the last without a line end)
    for (let cut = 0; cut <= 1000; cut++) {
      const found: string[] = [];
      const emit = (x: { lines: string[] }) => found.push(...x.lines);
      const first = scanRange({ file: f, start: 0, end: cut, first: true, maxLine: 1 << 20 }, MATCH, emit);
      const second = scanRange({ file: f, start: cut, end: size, first: false, maxLine: 1 << 20 }, MATCH, emit);
      assert.equal(first.lines + second.lines, fileLines, `cut at ${cut}`);
      assert.deepEqual(found.sort(), expected, `cut at ${cut}`);
    }
  });

  it('hands over every line of a file where every line is watched, the threads waiting for their batches to be taken (at most 4 in flight)', async () => {
    // 14 MB of watched lines: more than 4 batches of 1 MiB a range, so each thread waits on the taker.
    const lines = Array.from({ length: 120_000 }, (_, i) => row(1719921600 + i, i % 2 ? 'a960a9' : 'ab1234'));
    const f = file(lines, '\n');
    let batches = 0;
    const found: string[] = [];
    const { stopped } = await scanWatched(f, MATCH, { maxLine: 1 << 20, threadsFrom: 0, onLines: (l) => { batches++; found.push(...l); } });
    assert.equal(stopped, null);
    assert.ok(batches >= 10, `${batches} batches`);
    assert.equal(found.length, 120_000);
    assert.deepEqual(found.sort(), [...lines].sort());
  });

  it('returns the lines that are not valid UTF-8 with their line numbers, on one thread and on several', async () => {
    const f = path.join(tempDir(), 'states.csv');
    const lines = Array.from({ length: 300 }, (_, i) => Buffer.from(row(i, i % 2 ? 'a960a9' : 'c0ffee') + '\n'));
    lines[9] = Buffer.from('9,a960a9,\xff\xfe\n', 'latin1'); // line 11 of the file
    lines[250] = Buffer.from('250,c0ffee,\xc3\n', 'latin1'); // line 252
    writeFileSync(f, Buffer.concat([Buffer.from(`${HEADER}\n`), ...lines]));
    for (const threadsFrom of [Infinity, 0]) {
      const scan = await byScan(f, threadsFrom);
      assert.deepEqual(scan.invalid.map((x) => x.line), [11, 252]);
      assert.equal(scan.lines.length, 149);
    }
  });

  it('gives up after 1,000 lines that are not UTF-8 in a range (the file is then not UTF-8: the full scan keeps its lines aside)', async () => {
    const f = path.join(tempDir(), 'latin1.csv');
    const body = Array.from({ length: 1500 }, (_, i) => Buffer.from(`${row(i, 'a960a9', 'Z\xfcrich')}\n`, 'latin1'));
    writeFileSync(f, Buffer.concat([Buffer.from(`${HEADER}\n`), ...body]));
    const scan = await byScan(f, Infinity);
    assert.equal(scan.stopped, 'not UTF-8');
    assert.equal(scan.invalid.length, 1000);
    assert.deepEqual(scan.invalid[0], { line: 2, text: row(0, 'a960a9', 'Z\ufffdrich') });
  });

  it('an ingest of a Latin-1 file with a watchlist keeps every line aside as not UTF-8, with its line, as the full scan reads it', async () => {
    const f = path.join(tempDir(), 'latin1.csv');
    const body = Array.from({ length: 1500 }, (_, i) => Buffer.from(`${row(1719921600 + i, 'a960a9', 'Z\xfcrich')}\n`, 'latin1'));
    writeFileSync(f, Buffer.concat([Buffer.from(`${HEADER}\n`), ...body]));
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', '--no-legs', '--watchlist', fixture('adsb/watchlist.txt'), f]);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json().sources[0];
    assert.deepEqual([s.rowsKept, s.rowsRejected, s.rejectsByReason], [0, 1500, { 'not valid UTF-8 text': 1500 }]);
    const store = await Store.open(db, { readOnly: true });
    try {
      assert.deepEqual(await store.one(`SELECT min(line)::INTEGER AS first, max(line)::INTEGER AS last, count(DISTINCT line)::INTEGER AS lines FROM rejects`), { first: 2, last: 1501, lines: 1500 });
    } finally {
      store.close();
    }
  });

  it('stops at a line longer than the limit, on one thread and on several', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => row(i, 'a960a9'));
    lines[150] = row(150, 'a960a9', 'L'.repeat(5000));
    const f = file(lines, '\n');
    assert.equal((await byScan(f, Infinity, 4096)).stopped, 'long line');
    assert.equal((await byScan(f, 0, 4096)).stopped, 'long line');
    assert.equal((await byScan(f, Infinity, 8192)).stopped, null);
  });
});
