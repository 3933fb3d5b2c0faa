import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { LEG_COLUMNS } from '../../src/format/legs.ts';
import { MISSION_COLUMNS } from '../../src/format/missions.ts';
import { generateTraffic, writeTraffic } from '../../src/generate/index.ts';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { completeDerivations } from '../../src/tracks/derive.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

/**
 * One small database, two kinds of legs: two days of generated traffic (legs derived from ADS-B
 * positions, GENERATED) and a flight history file (a removal and its return whose callsign and
 * operator are spreadsheet formulas). The CLI and the API write its legs through src/format/legs.ts.
 */
const LABEL = 'generated:format test seed 3';
const HISTORY = [
  'Date,Flight,Departure,STD,Arrival,STA,Aircraft,Status,Duration,Unnamed: 9,Airline,ArrivalLoc,ArrivalIATA,ArrivalICAO,DepartureLoc,DepartureIATA,DepartureICAO',
  '2020-03-10,=SUM(1),"Alexandria, LA(AEX/KAEX)",09:00 CDT,Guatemala City(GUA/MGGT),,B733 (N811TJ),Landed,03h00m,,"@x ""Air""",Guatemala City,GUA,MGGT,"Alexandria, LA",AEX,KAEX',
  '2020-03-10,SWQ3501,Guatemala City(GUA/MGGT),14:00 CST,"Alexandria, LA(AEX/KAEX)",,B733 (N811TJ),Landed,03h00m,,"@x ""Air""","Alexandria, LA",AEX,KAEX,Guatemala City,GUA,MGGT',
  '',
].join('\n');

let db: string;
let dir: string;
let historySha: string;
const labelSha = createHash('sha256').update(LABEL).digest('hex');

before(async () => {
  dir = tempDir();
  db = tempDb();
  const store = await Store.open(db);
  try {
    await writeTraffic(store, generateTraffic({ seed: 3, from: '2024-06-01', to: '2024-06-03', aircraft: 2 }), { label: LABEL });
    await completeDerivations(store);
  } finally {
    store.close();
  }
  const file = path.join(dir, 'history.csv');
  writeFileSync(file, HISTORY);
  historySha = createHash('sha256').update(readFileSync(file)).digest('hex');
  const r = await runCli(['--db', db, 'ingest', file]);
  assert.equal(r.code, 0, r.stderr);
});

/** What the CLI writes on stdout, expecting success. */
async function cli(...args: string[]): Promise<string> {
  const r = await runCli(['--db', db, ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** The API's answers, the database opened read-only after the CLI is done with it. */
async function api(...urls: string[]): Promise<Response[]> {
  const store = await Store.open(db, { readOnly: true });
  try {
    const app = createApp({ store });
    return await Promise.all(urls.map((url) => app.request(url)));
  } finally {
    store.close();
  }
}

describe('legs from the CLI and the API', () => {
  it('are the same CSV, byte for byte, with the one column list and a generated column', async () => {
    const fromCli = [await cli('legs', '--format', 'csv'), await cli('legs', '--format', 'csv', '--kind', 'removal')];
    const responses = await api('/api/legs?format=csv', '/api/legs?format=csv&kind=removal');
    const fromApi = await Promise.all(responses.map((r) => r.text()));
    assert.deepEqual(responses.map((r) => r.headers.get('content-type')), ['text/csv; charset=utf-8', 'text/csv; charset=utf-8']);
    assert.equal(fromApi[0], fromCli[0]);
    assert.equal(fromApi[1], fromCli[1]);
    const lines = fromCli[0]!.split('\r\n');
    assert.equal(lines[0], LEG_COLUMNS.map((c) => c.name).join(','));
    assert.equal(lines[0], 'id,icao24,registration,aircraft_type,operator,callsign,date,dep_airport,dep_country,dep_time,dep_status,arr_airport,arr_country,arr_time,arr_status,kind,candidate_kind,confidence,mission_id,origin,source_file,source_sha256,evidence,generated');
    assert.equal(lines.at(-1), '', 'every line, the last too, ends with CRLF');
    const generated = lines.slice(1, -1).map((l) => l.split(',').at(-1));
    assert.ok(generated.includes('true') && generated.includes('false'), generated.join(' '));
    assert.ok(generated.every((g) => g === 'true' || g === 'false'));
  });

  it('write the history legs with their formulas as text and the file they come from', async () => {
    const csv = await cli('legs', '--format', 'csv', '--aircraft', 'N811TJ');
    // The id, the classifier's confidence, the mission and the evidence are not what this checks.
    const rows = csv.split('\r\n').slice(1, -1).map((l) => l.replace(/^\d+,/, '<id>,').replace(/,(removal|return),([a-z]+),[\d.]+,\d+,/, ',$1,$2,<confidence>,<mission>,').replace(/,"[^"]*",false$/, ',<evidence>,false'));
    assert.deepEqual(rows, [
      `<id>,ab0ec5,N811TJ,B733,"'@x ""Air""",'=SUM(1),2020-03-10,KAEX,US,2020-03-10T14:00:00Z,reported,MGGT,GT,2020-03-10T17:00:00Z,reported,removal,removal,<confidence>,<mission>,history,history.csv,${historySha},<evidence>,false`,
      `<id>,ab0ec5,N811TJ,B733,"'@x ""Air""",SWQ3501,2020-03-10,MGGT,GT,2020-03-10T20:00:00Z,reported,KAEX,US,2020-03-10T23:00:00Z,reported,return,return,<confidence>,<mission>,history,history.csv,${historySha},<evidence>,false`,
    ]);
  });

  it('are the same GeoJSON and KML, every feature carrying generated', async () => {
    const [geoCli, kmlCli] = [await cli('legs', '--format', 'geojson'), await cli('legs', '--format', 'kml')];
    const [geoRes, kmlRes] = await api('/api/legs?format=geojson', '/api/legs?format=kml');
    assert.equal(await geoRes!.text(), geoCli);
    assert.equal(await kmlRes!.text(), kmlCli);
    const legs = JSON.parse(await cli('--json', 'legs'));
    const features = JSON.parse(geoCli).features;
    assert.equal(features.length, legs.length);
    assert.deepEqual(features.map((f: any) => f.properties.generated), legs.map((l: any) => l.generated));
    assert.deepEqual(Object.keys(features[0].properties), LEG_COLUMNS.map((c) => c.name));
    assert.equal(kmlCli.match(/<Placemark>/g)?.length, legs.length);
    assert.equal(kmlCli.match(/<Data name="generated"><value>(true|false)<\/value><\/Data>/g)?.length, legs.length);
  });

  it('to Parquet cite every leg derived from positions by its position file hash, with generated set', async () => {
    const file = path.join(dir, 'legs.parquet');
    const written = JSON.parse(await cli('--json', 'legs', '--format', 'parquet', '--out', file));
    const store = await Store.open(':memory:');
    try {
      const rows = await store.all<{ origin: string; source_file: string; source_sha256: string; generated: boolean; n: number }>(
        `SELECT origin, source_file, source_sha256, generated, count(*)::INTEGER AS n FROM read_parquet(?) GROUP BY ALL ORDER BY origin`, [file]);
      const adsb = rows.find((r) => r.origin === 'adsb');
      assert.ok(adsb && adsb.n > 2, JSON.stringify(rows));
      assert.deepEqual(rows, [
        { origin: 'adsb', source_file: LABEL, source_sha256: labelSha, generated: true, n: adsb.n },
        { origin: 'history', source_file: 'history.csv', source_sha256: historySha, generated: false, n: 2 },
      ]);
      assert.deepEqual(written, { file, rows: adsb.n + 2 });
      const types = await store.all<{ column_name: string; column_type: string }>(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(?))`, [file]);
      assert.deepEqual(types.map((t) => t.column_name), LEG_COLUMNS.map((c) => c.name));
      assert.deepEqual(
        Object.fromEntries(types.filter((t) => ['id', 'date', 'dep_time', 'confidence', 'generated'].includes(t.column_name)).map((t) => [t.column_name, t.column_type])),
        { id: 'BIGINT', date: 'DATE', dep_time: 'TIMESTAMP WITH TIME ZONE', confidence: 'DOUBLE', generated: 'BOOLEAN' },
      );
    } finally {
      store.close();
    }
  });

  it('the API serves the same Parquet rows as the CLI writes', async () => {
    const file = path.join(dir, 'cli.parquet');
    await cli('legs', '--format', 'parquet', '--out', file);
    const [res] = await api('/api/legs?format=parquet');
    assert.equal(res!.headers.get('content-disposition'), 'attachment; filename="charterwatch-legs.parquet"');
    const fromApi = path.join(dir, 'api.parquet');
    writeFileSync(fromApi, new Uint8Array(await res!.arrayBuffer()));
    const store = await Store.open(':memory:');
    try {
      const differ = await store.value(`SELECT count(*)::INTEGER FROM ((FROM read_parquet(?) EXCEPT ALL FROM read_parquet(?)) UNION ALL (FROM read_parquet(?) EXCEPT ALL FROM read_parquet(?)))`, [file, fromApi, fromApi, file]);
      assert.equal(differ, 0);
    } finally {
      store.close();
    }
  });
});

describe('missions exports', () => {
  it('have the one column list, generated on every row and feature', async () => {
    const missions = JSON.parse(await cli('--json', 'missions'));
    assert.ok(missions.length > 0);
    const csv = (await cli('missions', '--format', 'csv')).split('\r\n');
    assert.equal(csv[0], MISSION_COLUMNS.map((c) => c.name).join(','));
    assert.deepEqual(csv.slice(1, -1).map((l) => l.split(',').at(-1)), missions.map((m: any) => String(m.generated)));
    const geo = JSON.parse(await cli('missions', '--format', 'geojson'));
    assert.deepEqual(geo.features.map((f: any) => f.properties.generated), missions.map((m: any) => m.generated));
    const file = path.join(dir, 'missions.parquet');
    await cli('missions', '--format', 'parquet', '--out', file);
    const store = await Store.open(':memory:');
    try {
      const rows = await store.all<{ id: number; generated: boolean }>(`SELECT id::INTEGER AS id, generated FROM read_parquet(?)`, [file]);
      assert.deepEqual(rows, missions.map((m: any) => ({ id: m.id, generated: m.generated })));
    } finally {
      store.close();
    }
  });
});
