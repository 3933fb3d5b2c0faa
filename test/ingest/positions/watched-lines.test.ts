import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { CharterwatchError } from '../../../src/errors.ts';
import { sqlString } from '../../../src/query/sql.ts';
import type { LoadContext } from '../../../src/ingest/format.ts';
import { splitRecord } from '../../../src/ingest/positions/csv-record.ts';
import { scanWatchedLines } from '../../../src/ingest/positions/watched-lines.ts';
import { Rejects } from '../../../src/ingest/rejects.ts';
import { takeSample } from '../../../src/ingest/sample.ts';
import { Store } from '../../../src/store/store.ts';
import { tempDb, tempDir } from '../../helpers.ts';
import { ingest, positions, rejects } from './helpers.ts';

const HEADER = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact';
const COLUMNS = HEADER.split(',');
const line = (t: number, icao24: string, callsign = 'RPN703', squawk = '1234') => `${t},${icao24},30.5,-92.5,200.0,90.0,0.0,${callsign},False,False,False,${squawk},3048.0,3100.0,${t},${t}`;
const WATCHED = new Set(['a960a9', 'ab1234']);

function write(lines: string[], eol = '\n'): string {
  const file = path.join(tempDir(), 'states.csv');
  writeFileSync(file, [HEADER, ...lines].join(eol) + eol);
  return file;
}

type Rows = (string | null)[][];

/** What the fast path gives: its rows (every column, sorted), the rejects it kept aside as [line, reason], or null when it gives up. */
async function fastPath(file: string): Promise<{ rows: Rows; rejects: unknown[][] } | null> {
  const store = await Store.open(':memory:');
  try {
    const sample = await takeSample(file);
    const ctx = { store, sourceId: 1, rejects: new Rejects(store, 1) } as unknown as LoadContext;
    const fast = await scanWatchedLines(ctx, file, sample, COLUMNS, WATCHED);
    ctx.rejects.close();
    if (!fast) return null;
    const rows = await store.all<Record<string, string | null>>(`SELECT * FROM ${fast.from} WHERE icao24 IN ('a960a9', 'ab1234', 'A960A9', 'AB1234')`);
    const kept = await store.all<{ line: number; reason: string }>(`SELECT line, reason FROM rejects ORDER BY line`);
    assert.equal(fast.malformed, kept.length);
    await fast.drop();
    return { rows: rows.map((r) => COLUMNS.map((c) => r[c] ?? null)).sort(byText), rejects: kept.map((r) => [Number(r.line), r.reason]) };
  } finally {
    store.close();
  }
}

/** The rows of watched aircraft as DuckDB's full CSV scan reads them (the options of duckdb-csv.ts). */
async function fullScan(file: string): Promise<Rows> {
  const store = await Store.open(':memory:');
  try {
    const columns = `{${COLUMNS.map((c) => `'${c}': 'VARCHAR'`).join(', ')}}`;
    const rows = await store.all<Record<string, string | null>>(
      `SELECT * FROM read_csv(${sqlString(file)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = ${columns})
       WHERE icao24 IN ('a960a9', 'ab1234', 'A960A9', 'AB1234')`,
    );
    return rows.map((r) => COLUMNS.map((c) => r[c] ?? null)).sort(byText);
  } finally {
    store.close();
  }
}

const byText = (a: unknown[], b: unknown[]) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

describe('the quote-aware splitter of a watched line', () => {
  const cases: [string, string, number, (string | null)[]][] = [
    ['plain fields', 'a,b,c', 3, ['a', 'b', 'c']],
    ['empty fields, quoted or not, are NULL', '"",,x', 3, [null, null, 'x']],
    ['a comma inside quotes', '1,"RPN,703",2', 3, ['1', 'RPN,703', '2']],
    ['a doubled quote is one quote', '"R""PN",2,3', 3, ['R"PN', '2', '3']],
    ['a line break inside quotes', '1,"RP\r\nN",2', 3, ['1', 'RP\r\nN', '2']],
    ['spaces around quotes are dropped, spaces of an unquoted field kept', ' "RPN" , x ,3', 3, ['RPN', ' x ', '3']],
    ['a quote inside an unquoted field is a character', 'RP"N,2,3', 3, ['RP"N', '2', '3']],
    ['a trailing comma is one more (empty) field', 'a,b,', 3, ['a', 'b', null]],
    ['a quote still open at the end', '1,"RP', -1, []],
    ['text after a closing quote', '1,"RPN"x,3', -2, []],
  ];
  for (const [name, text, n, fields] of cases) {
    it(`${name}: ${JSON.stringify(text)}`, () => {
      const out = new Array<string | null>(3).fill('unset');
      assert.equal(splitRecord(text, out), n);
      if (n > 0) assert.deepEqual(out, fields);
    });
  }
});

describe('the watched-lines fast path of a state-vector CSV', () => {
  it('keeps only the lines of watched addresses, in either case, split into the header\'s fields (CRLF too)', async () => {
    const lines = [line(1, 'a960a9'), line(2, 'c0ffee'), line(3, 'AB1234', ''), line(4, 'a960a90'), line(5, '0a960a9'), line(6, 'ab1234')];
    for (const eol of ['\n', '\r\n']) {
      const result = await fastPath(write(lines, eol));
      assert.deepEqual(
        result?.rows.map((r) => [r[0], r[1], r[7], r[15]]),
        [
          ['1', 'a960a9', 'RPN703', '1'],
          ['3', 'AB1234', null, '3'],
          ['6', 'ab1234', 'RPN703', '6'],
        ],
      );
      assert.deepEqual(result?.rejects, []);
    }
  });

  // Each file: watched lines written as exporters quote them, among unwatched ones; the fast path
  // must give exactly the rows of DuckDB's full CSV scan, and keep nothing aside.
  const quoted: [string, string[], string, number][] = [
    ['quoted empty fields', [line(1, 'a960a9', '""', '""'), line(2, 'c0ffee', '""', '""'), line(3, 'ab1234', 'RPN1', '""')], '\n', 2],
    ['every field quoted, the address in upper case', [`"1","A960A9","30.5","-92.5","200.0","90.0","0.0","RPN703","False","False","False","","3048.0","3100.0","1","1"`, line(2, 'c0ffee')], '\n', 1],
    ['a quoted callsign with a comma', [line(1, 'a960a9', '"RPN,703"'), line(2, 'c0ffee', '"IBE,1"'), line(3, 'ab1234', '"A,B,C"')], '\n', 2],
    ['a doubled quote', [line(1, 'a960a9', '"RPN""703"""'), line(2, 'ab1234', '""""')], '\n', 2],
    ['a quoted line break', [line(1, 'a960a9', '"RPN\n703"'), line(2, 'c0ffee', '"IBE\n\n1"'), line(3, 'ab1234', '"A\nB\nC"', '""'), line(4, 'a960a9')], '\n', 3],
    ['a quoted line break, CRLF', [line(1, 'a960a9', '"RPN\r\n703"'), line(2, 'c0ffee', '"IBE\r\n1"'), line(3, 'ab1234', '"A,B"')], '\r\n', 2],
    ['CRLF with quoted fields', [line(1, 'a960a9', '"RPN703"', '""'), line(2, 'ab1234', '""', '"7500"')], '\r\n', 2],
    ['spaces around a quoted value', [line(1, 'a960a9', ' "RPN703" '), line(2, 'ab1234', '" A "')], '\n', 2],
    ['a control character (U+0001, the joiner of split fields) in a value', [line(1, 'a960a9', '"RPN\x01703"', '""'), line(2, 'ab1234', 'A\x01B')], '\n', 2],
    ['a quote inside an unquoted callsign', [line(1, 'a960a9', 'RP"N'), line(2, 'ab1234', 'RPN"""')], '\n', 2],
  ];
  for (const [name, lines, eol, n] of quoted) {
    it(`reads watched lines with ${name} as the full CSV scan does`, async () => {
      const file = write(lines, eol);
      const expected = await fullScan(file);
      assert.equal(expected.length, n);
      assert.deepEqual(await fastPath(file), { rows: expected, rejects: [] });
    });
  }

  it('keeps a malformed quoted line aside with its line number and reads the rest of the file on the fast path', async () => {
    const file = write(
      [
        line(1, 'a960a9', '"RPN703"'),
        line(2, 'a960a9', '"RPN"703'), // line 3: text after the closing quote
        line(3, 'c0ffee', '"IBE\n1"'), // lines 4-5
        line(4, 'ab1234', '"A,B"') + ',""', // line 6: one field too many
        line(5, 'ab1234', '"A\nB"'), // lines 7-8
        line(2, 'a960a9', '"RPN"703'), // line 9: the same line again
        line(6, 'a960a9', '""', '""'),
      ],
    );
    // The same file gzipped: the second read unpacks it too.
    const gzipped = `${file}.gz`;
    writeFileSync(gzipped, gzipSync(readFileSync(file)));
    for (const input of [file, gzipped]) {
      const result = await fastPath(input);
      assert.deepEqual(result?.rejects, [
        [3, 'text after the closing quote of a field'],
        [6, 'expected 16 columns, found 17'],
        [9, 'text after the closing quote of a field'],
      ]);
      assert.deepEqual(
        result?.rows.map((r) => [r[0], r[7], r[11]]),
        [
          ['1', 'RPN703', '1234'],
          ['5', 'A\nB', '1234'],
          ['6', null, null],
        ],
      );
    }
  });

  it('keeps a line of invalid UTF-8 aside with its line, and reads the rest on the fast path', async () => {
    const file = path.join(tempDir(), 'states.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(`${HEADER}\n${line(1, 'a960a9')}\n2,c0ffee,\xff\xfe\n${line(3, 'ab1234', '""')}\n`, 'latin1')]));
    const result = await fastPath(file);
    assert.deepEqual(result?.rejects, [[3, 'not valid UTF-8 text']]);
    assert.deepEqual(result?.rows.map((r) => r[0]), ['1', '3']);
  });

  it('refuses a file where a watched line opens a quote that never closes, naming the line', async () => {
    const file = write([line(1, 'a960a9'), line(2, 'a960a9', '"RPN'), line(3, 'c0ffee')]);
    await assert.rejects(fastPath(file), (error: CharterwatchError) => {
      assert.equal(error.toLine(), `${file}:3: a quoted field opens on this line and never closes; nothing of the file was loaded`);
      return true;
    });
  });

  it('stores what the full scan stores: quoted fields change no value and no count', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => line(1719921600 + i, ['a960a9', 'ab1234', 'c0ffee'][i % 3]!));
    const plain = write(lines);
    // Quoting fields without a comma changes no value, only how the line is written.
    const quotedFile = path.join(tempDir(), 'quoted.csv');
    writeFileSync(quotedFile, [HEADER, ...lines.map((l) => l.replace('RPN703', '"RPN703"').replace(',1234,', ',"1234",'))].join('\n') + '\n');
    const [a, b] = [tempDb(), tempDb()];
    const [ra, rb] = [await ingest(a, [plain]), await ingest(b, [quotedFile])];
    assert.equal(ra.code, 0, ra.stderr);
    assert.equal(rb.code, 0, rb.stderr);
    const summary = (r: typeof ra) => {
      const s = r.json().sources[0];
      return [s.rowsRead, s.rowsKept, s.rowsRejected];
    };
    assert.deepEqual(summary(ra), [200, 200, 0]);
    assert.deepEqual(summary(rb), [200, 200, 0]);
    assert.deepEqual(await positions(a), await positions(b));
    assert.equal((await positions(a)).length, 200);
    assert.deepEqual(await rejects(b), []);
  });

  it('keeps a too-wide watched row aside once when the full scan also runs (for the line of a bad value)', async () => {
    const lines = [line(1719921600, 'a960a9'), line(1719921601, 'a960a9') + ',x'.repeat(100), line(1719921602, 'a960a9').replace('30.5', '95.0'), line(1719921603, 'c0ffee') + ',x'.repeat(100)];
    const db = tempDb();
    const r = await ingest(db, [write(lines)]);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json().sources[0];
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [3, 1, 2]);
    assert.deepEqual(await rejects(db), [
      [3, 'expected 16 columns, found 116'],
      [4, 'latitude or longitude out of range'],
    ]);
  });

  it('an ingest keeps a malformed watched line aside with its line and the rows around it', async () => {
    const lines = [line(1719921600, 'a960a9', '"RPN703"', '""'), line(1719921601, 'a960a9', '"RPN"703'), line(1719921602, 'ab1234', '"A\nB"'), line(1719921603, 'a960a9', 'RPN')];
    const file = write(lines);
    const db = tempDb();
    const r = await ingest(db, [file]);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json().sources[0];
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [4, 3, 1]);
    assert.deepEqual(await rejects(db), [[3, 'text after the closing quote of a field']]);
    assert.deepEqual(
      (await positions(db)).map((p) => [p[0], p[1], p[6]]),
      [
        ['a960a9', 1719921600, 'RPN703'],
        ['a960a9', 1719921603, 'RPN'],
        ['ab1234', 1719921602, 'A\nB'],
      ],
    );
  });
});
