import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { LoadContext } from '../../../src/ingest/format.ts';
import { scanWatchedLines } from '../../../src/ingest/positions/watched-lines.ts';
import { takeSample } from '../../../src/ingest/sample.ts';
import { Store } from '../../../src/store/store.ts';
import { tempDb, tempDir } from '../../helpers.ts';
import { ingest, positions, rejects } from './helpers.ts';

const HEADER = 'time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact';
const line = (t: number, icao24: string, callsign = 'RPN703') => `${t},${icao24},30.5,-92.5,200.0,90.0,0.0,${callsign},False,False,False,1234,3048.0,3100.0,${t},${t}`;
const WATCHED = new Set(['a960a9', 'ab1234']);

function write(name: string, lines: string[], eol = '\n'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, [HEADER, ...lines].join(eol) + eol);
  return file;
}

/** The fast path's rows as [time, icao24, callsign, lastcontact], or null when it gives up. */
async function fastRows(file: string): Promise<string[][] | null> {
  const store = await Store.open(':memory:');
  try {
    const sample = await takeSample(file);
    const ctx = { store, sourceId: 1 } as LoadContext;
    const fast = await scanWatchedLines(ctx, file, sample, HEADER.split(','), WATCHED);
    if (!fast) return null;
    const rows = await store.all<{ time: string; icao24: string; callsign: string; lastcontact: string }>(`SELECT "time", icao24, callsign, lastcontact FROM ${fast.from}`);
    await fast.drop();
    return rows.map((r) => [r.time, r.icao24, r.callsign, r.lastcontact]).sort();
  } finally {
    store.close();
  }
}

describe('the watched-lines fast path of a state-vector CSV', () => {
  it('keeps only the lines of watched addresses, in either case, split into the header\'s fields (CRLF too)', async () => {
    const lines = [line(1, 'a960a9'), line(2, 'c0ffee'), line(3, 'AB1234', ''), line(4, 'a960a90'), line(5, '0a960a9'), line(6, 'ab1234')];
    const expected = [
      ['1', 'a960a9', 'RPN703', '1'],
      ['3', 'AB1234', '', '3'],
      ['6', 'ab1234', 'RPN703', '6'],
    ];
    assert.deepEqual(await fastRows(write('states.csv', lines)), expected);
    assert.deepEqual(await fastRows(write('states.csv', lines, '\r\n')), expected);
  });

  it('gives up, for the full CSV scan, on a watched line with a quote or the wrong number of fields, and on invalid UTF-8', async () => {
    assert.equal(await fastRows(write('states.csv', [line(1, 'a960a9', '"RPN,703"')])), null);
    assert.equal(await fastRows(write('states.csv', [line(1, 'a960a9'), `${line(2, 'ab1234')},extra`])), null);
    const file = write('states.csv', [line(1, 'a960a9')]);
    writeFileSync(file, Buffer.concat([Buffer.from(`${HEADER}\n${line(1, 'a960a9')}\n2,c0ffee,\xff\xfe`, 'latin1'), Buffer.from('\n')]));
    assert.equal(await fastRows(file), null);
  });

  it('stores what the full scan stores: the same file with one quoted callsign takes the full scan and gives the same positions', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => line(1719921600 + i, ['a960a9', 'ab1234', 'c0ffee'][i % 3]!));
    const plain = write('states.csv', lines);
    // Quoting a field without a comma changes no value, only the path taken.
    const quoted = write('states.csv', lines.map((l, i) => (i === 150 ? l.replace('RPN703', '"RPN703"') : l)));
    const [a, b] = [tempDb(), tempDb()];
    const [ra, rb] = [await ingest(a, [plain]), await ingest(b, [quoted])];
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
    assert.deepEqual(await rejects(a), []);
  });
});
