import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { converters, OPENSKY_LAYOUT, readMapping } from '../../src/pull/layout.ts';
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
  it('turns SI units into feet, knots and feet per minute', () => {
    const c = converters(OPENSKY_LAYOUT.units);
    assert.equal(c.altitude(3048), 10000);
    assert.equal(Math.round(c.speed(100) * 1e9) / 1e9, 194.384449244);
    assert.equal(Math.round(c.vertrate(5.08) * 1e9) / 1e9, 1000);
    assert.equal(c.time(1719878400), 1719878400);
  });
  it('reads epoch milliseconds as seconds', () => {
    assert.equal(converters({ ...OPENSKY_LAYOUT.units, time: 'ms' }).time(1719878400500), 1719878400.5);
  });
});
