import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { M_TO_FT, MS_TO_FPM, MS_TO_KT } from '../../src/ingest/positions/units.ts';
import { converters, OPENSKY_LAYOUT, readMapping } from '../../src/pull/layout.ts';
import { Store } from '../../src/store/store.ts';
import { tempDir } from '../helpers.ts';

describe('reading a mapping file', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('keeps OpenSky names for fields it does not name', () => {
    const { layout, table } = readMapping(write('m.yaml', 'table: adsb.pos\ncolumns: { time: ts, squawk: null }\nunits: { altitude: ft }\n'));
    assert.equal(table, 'adsb.pos');
    assert.deepEqual(layout.columns, { ...OPENSKY_LAYOUT.columns, time: 'ts', squawk: null });
    assert.deepEqual(layout.units, { time: 's', altitude: 'ft', speed: 'm/s', vertrate: 'm/s' });
  });

  const bad: [string, string, RegExp][] = [
    ['an unknown field', 'columns: { altitude: alt }', /unknown field "altitude" in columns: expected time, icao24/],
    ['a required field mapped to null', 'columns: { lat: null }', /"lat" is required and cannot be null/],
    ['a column name that is not an identifier', 'columns: { time: "ts; DROP" }', /column for "time" must be a column name/],
    ['an unknown unit', 'units: { speed: mph }', /units\.speed must be one of m\/s, kt, got "mph"/],
    ['a table without its database', 'table: positions', /"table" must be DATABASE\.TABLE, got "positions"/],
    ['an unknown key', 'colums: {}', /unknown key "colums": expected table, columns, units/],
  ];
  for (const [name, text, error] of bad) {
    it(`names the file and the problem for ${name}`, () => {
      const file = write(`${name.replace(/\W+/g, '-')}.yaml`, text);
      assert.throws(() => readMapping(file), (e: Error & { file?: string }) => error.test(e.message) && e.file === file);
    });
  }
});

describe('converting units to the store\'s', () => {
  it('converts SI units to feet, knots and feet per minute, rounded to 0.01', () => {
    const c = converters(OPENSKY_LAYOUT.units);
    assert.deepEqual([c.altitude(3048.5), c.speed(100), c.vertrate(-5.08)], [10001.64, 194.38, -1000]);
  });

  it('rounds exactly as the file readers\' SQL does (DuckDB round(v * factor, 2)), value for value', async () => {
    const c = converters(OPENSKY_LAYOUT.units);
    // Seeded values, with halves and negatives: the cases where rounding rules differ.
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = [0, -0.3048, 0.1524, -0.1524, 1.27, -1.27, 0.0762, 3048, 12496.8];
    for (let i = 0; i < 500; i++) values.push(Math.round((next() - 0.3) * 1e6) / 100);
    const store = await Store.open(':memory:');
    const sql = await store.all<{ ft: number; kt: number; fpm: number }>(
      `SELECT round(v * ${M_TO_FT}, 2) AS ft, round(v * ${MS_TO_KT}, 2) AS kt, round(v * ${MS_TO_FPM}, 2) AS fpm
       FROM unnest(?::DOUBLE[]) WITH ORDINALITY AS t(v, i) ORDER BY i`,
      [`[${values.join(', ')}]`],
    );
    store.close();
    assert.deepEqual(values.map((v) => ({ ft: c.altitude(v), kt: c.speed(v), fpm: c.vertrate(v) })), sql);
  });

  it('leaves values already in aviation units alone', () => {
    const c = converters({ time: 's', altitude: 'ft', speed: 'kt', vertrate: 'ft/min' });
    assert.deepEqual([c.altitude(35000.123), c.speed(450.5), c.vertrate(-1200.25)], [35000.123, 450.5, -1200.25]);
  });
});
