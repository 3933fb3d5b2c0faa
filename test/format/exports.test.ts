import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { generateTraffic, writeOpenskyCsv } from '../../src/generate/index.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

let db: string;
let dir: string;

before(async () => {
  dir = tempDir();
  const g = generateTraffic({ seed: 5, from: '2024-06-01', to: '2024-06-08', aircraft: 3 });
  const csv = path.join(dir, 'states.csv');
  await writeOpenskyCsv(csv, g);
  const watchlist = path.join(dir, 'watch.txt');
  writeFileSync(watchlist, g.aircraft.map((a) => a.icao24).join('\n'));
  db = tempDb();
  const r = await runCli(['--db', db, 'ingest', csv, '--watchlist', watchlist]);
  assert.equal(r.code, 0, r.stderr);
});

describe('exports of legs and missions', () => {
  it('writes legs to Parquet that DuckDB reads back with the same rows', async () => {
    const file = path.join(dir, 'removals.parquet');
    const r = await runCli(['--db', db, '--json', 'legs', '--kind', 'removal', '--format', 'parquet', '--out', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json(), { file, rows: 5 });
    const store = await Store.open(':memory:');
    const rows = await store.all<{ kind: string; n: number }>(`SELECT kind, count(*)::INTEGER AS n FROM read_parquet(?) GROUP BY kind`, [file]);
    store.close();
    assert.deepEqual(rows, [{ kind: 'removal', n: 5 }]);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.part-')), []);
  });

  it('writes missions to Parquet, CSV, GeoJSON and KML with the same missions', async () => {
    const json = (await runCli(['--db', db, '--json', 'missions'])).json();
    assert.equal(json.length, 11);
    const file = path.join(dir, 'missions.parquet');
    assert.deepEqual((await runCli(['--db', db, '--json', 'missions', '--format', 'parquet', '--out', file])).json(), { file, rows: 11 });
    const csv = (await runCli(['--db', db, 'missions', '--format', 'csv'])).stdout.trim().split('\r\n');
    assert.equal(csv[0], 'id,icao24,registration,start_airport,start_time,end_airport,end_time,countries,legs,complete,route,kinds,generated');
    assert.equal(csv.length, 12);
    const geo = JSON.parse((await runCli(['--db', db, 'missions', '--format', 'geojson'])).stdout);
    assert.equal(geo.features.length, 11);
    assert.equal(geo.features[0].geometry.type, 'LineString');
    assert.deepEqual(geo.features.map((f: { properties: { id: number } }) => f.properties.id), json.map((m: { id: number }) => m.id));
    const kml = (await runCli(['--db', db, 'missions', '--format', 'kml'])).stdout;
    assert.equal(kml.match(/<Placemark>/g)?.length, 11);
  });

  it('writes to Parquet the same missions and legs the listings give for a period and a country', async () => {
    const args = ['--from', '2024-06-03', '--to', '2024-06-06'];
    const listed = (await runCli(['--db', db, '--json', 'missions', ...args])).json();
    const file = path.join(dir, 'missions-period.parquet');
    const written = (await runCli(['--db', db, '--json', 'missions', ...args, '--format', 'parquet', '--out', file])).json();
    const store = await Store.open(':memory:');
    const ids = (await store.all<{ id: number }>(`SELECT id::INTEGER AS id FROM read_parquet(?)`, [file])).map((r) => r.id);
    assert.deepEqual(ids, listed.map((m: { id: number }) => m.id));
    assert.equal(written.rows, listed.length);
    const country = listed[0].countries[0];
    const legsListed = (await runCli(['--db', db, '--json', 'legs', ...args, '--country', country])).json();
    const legsFile = path.join(dir, 'legs-country.parquet');
    await runCli(['--db', db, 'legs', ...args, '--country', country, '--format', 'parquet', '--out', legsFile]);
    const legIds = (await store.all<{ id: number }>(`SELECT id::INTEGER AS id FROM read_parquet(?)`, [legsFile])).map((r) => r.id);
    store.close();
    assert.deepEqual(legIds, legsListed.map((l: { id: number }) => l.id));
    assert.ok(listed.length > 0 && listed.length < 9 && legIds.length > 0);
  });

  it('asks for --out when Parquet is wanted, and leaves no file behind', async () => {
    const r = await runCli(['--db', db, 'legs', '--format', 'parquet']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'charterwatch: --format parquet writes a file: give --out FILE\n');
    assert.equal(existsSync(path.join(dir, 'legs.parquet')), false);
  });
});
