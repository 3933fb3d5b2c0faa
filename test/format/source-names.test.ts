import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { shownSourceName, shownSourceNameSql } from '../../src/answers/provenance.ts';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

/** A removal and its return, loaded from a folder whose name must not leave the machine. */
const HISTORY = [
  'Date,Flight,Departure,STD,Arrival,STA,Aircraft,Status,Duration,Unnamed: 9,Airline,ArrivalLoc,ArrivalIATA,ArrivalICAO,DepartureLoc,DepartureIATA,DepartureICAO',
  '2020-03-10,SWQ3500,"Alexandria, LA(AEX/KAEX)",09:00 CDT,Guatemala City(GUA/MGGT),,B733 (N811TJ),Landed,03h00m,,SwiftAir/iAero,Guatemala City,GUA,MGGT,"Alexandria, LA",AEX,KAEX',
  '2020-03-10,SWQ3501,Guatemala City(GUA/MGGT),14:00 CST,"Alexandria, LA(AEX/KAEX)",,B733 (N811TJ),Landed,03h00m,,SwiftAir/iAero,"Alexandria, LA",AEX,KAEX,Guatemala City,GUA,MGGT',
  '',
].join('\n');

const PRIVATE_FOLDER = 'home-of-jane-doe';
let db: string;
let dir: string;

before(async () => {
  dir = tempDir();
  mkdirSync(path.join(dir, PRIVATE_FOLDER));
  const file = path.join(dir, PRIVATE_FOLDER, 'history.csv');
  writeFileSync(file, HISTORY);
  db = tempDb();
  const r = await runCli(['--db', db, 'ingest', file]);
  assert.equal(r.code, 0, r.stderr);
});

describe('the name a source is shown by', () => {
  const cases: [string, string][] = [
    ['/home/jane/data/history.csv', 'history.csv'],
    ['C:\\Users\\jane\\x.csv', 'x.csv'],
    ['generated:summer-2024', 'generated:summer-2024'],
    ['clickhouse://user:pw@127.0.0.1:18123/db.positions#2024-07-02T00:00:00Z/2024-07-02T02:00:00Z', 'clickhouse://127.0.0.1:18123/db.positions#2024-07-02T00:00:00Z/2024-07-02T02:00:00Z'],
    ['sbs://10.0.0.2:30003', 'sbs://10.0.0.2:30003'],
    ['http://feed.example/data/aircraft.json?apikey=SECRET', 'http://feed.example/data/aircraft.json'],
  ];
  it('is the file name of a local file, a feed or remote table without credentials or query; the same in SQL', async () => {
    const store = await Store.open(':memory:');
    try {
      for (const [stored, shown] of cases) {
        assert.equal(shownSourceName(stored), shown);
        assert.equal(await store.value(`SELECT ${shownSourceNameSql('p')} FROM (SELECT ?::VARCHAR AS p)`, [stored]), shown);
      }
    } finally {
      store.close();
    }
  });
});

describe('sources are shown by file name, never by local path', () => {
  it('charterwatch sources, text and JSON', async () => {
    const text = await runCli(['--db', db, 'sources']);
    assert.match(text.stdout, /^ {2}1 {2}radarbox +2 kept +0 rejected {2}history\.csv {2}sha256 /);
    const json = (await runCli(['--db', db, '--json', 'sources'])).json();
    assert.equal(json[0].path, 'history.csv');
  });

  it('the answers that cite sources, and the data packages', async () => {
    const sheet = await runCli(['--db', db, '--json', 'country', 'GT']);
    assert.deepEqual(sheet.json().sources.map((s: { path: string; file: string }) => [s.path, s.file]), [['history.csv', 'history.csv']]);
    const pkg = path.join(dir, 'package');
    const report = await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2020-03', '--package', pkg]);
    assert.equal(report.code, 0, report.stderr);
    const descriptor = readFileSync(path.join(pkg, 'datapackage.json'), 'utf8');
    assert.deepEqual(JSON.parse(descriptor).sources.map((s: { path: string }) => s.path), ['history.csv']);
    for (const output of [sheet.stdout, report.stdout, descriptor]) assert.equal(output.includes(PRIVATE_FOLDER), false);
  });

  it('legs exported to Parquet', async () => {
    const file = path.join(dir, 'legs.parquet');
    assert.equal((await runCli(['--db', db, 'legs', '--format', 'parquet', '--out', file])).code, 0);
    const store = await Store.open(':memory:');
    try {
      assert.deepEqual(await store.all(`SELECT DISTINCT source_file FROM read_parquet(?)`, [file]), [{ source_file: 'history.csv' }]);
    } finally {
      store.close();
    }
  });

  it('GET /api/sources', async () => {
    const store = await Store.open(db, { readOnly: true });
    try {
      const body = (await (await createApp({ store }).request('/api/sources')).json()) as { sources: { path: string }[] };
      assert.deepEqual(body.sources.map((s) => s.path), ['history.csv']);
    } finally {
      store.close();
    }
  });
});
