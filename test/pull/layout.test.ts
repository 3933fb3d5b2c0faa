import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { conversionSql, OPENSKY_LAYOUT, readMapping } from '../../src/pull/layout.ts';
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
  it('rounds SI values converted to feet, knots and feet per minute to 0.01, as the OpenSky file readers do', async () => {
    const c = conversionSql(OPENSKY_LAYOUT.units);
    const store = await Store.open(':memory:');
    const row = await store.one(`SELECT ${c.altitude('3048.5::DOUBLE')} AS ft, ${c.speed('100::DOUBLE')} AS kt, ${c.vertrate('-5.08::DOUBLE')} AS fpm`);
    store.close();
    assert.deepEqual(row, { ft: 10001.64, kt: 194.38, fpm: -1000 });
  });
  it('leaves values already in aviation units alone', () => {
    const c = conversionSql({ time: 's', altitude: 'ft', speed: 'kt', vertrate: 'ft/min' });
    assert.deepEqual([c.altitude('x'), c.speed('y'), c.vertrate('z')], ['x', 'y', 'z']);
  });
});
