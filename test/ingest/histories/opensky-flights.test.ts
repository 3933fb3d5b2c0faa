import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseFlight } from '../../../src/ingest/formats/opensky-flights.ts';
import { ingestOne, runCli, tempDb, tempDir } from '../../helpers.ts';

const CSV = `icao24,firstseen,estdepartureairport,lastseen,estarrivalairport,callsign,day
a960a9,1719846000,KAEX,1719873000,PANC,RPN1701 ,1719792000
a960a9,1719880000,PANC,1719912000,ZBAA,RPN1701,1719792000
a960a9,1719990000,ZBAA,,PANC,RPN1701,1719964800
A960A9,1720030000,PANC,1720058000,,RPN1701,1720051200
`;

describe('OpenSky flights rows', () => {
  const cases: [string, Record<string, string>, unknown][] = [
    ['a flight with both airports', { icao24: 'A960A9', firstseen: '1719846000', estdepartureairport: 'kaex', lastseen: '1719873000', estarrivalairport: 'PANC', callsign: 'RPN1701' },
      { icao24: 'a960a9', depAirport: 'KAEX', arrAirport: 'PANC', depTime: 1719846000, arrTime: 1719873000, callsign: 'RPN1701', legDate: '2024-07-01' }],
    ['an arrival OpenSky could not estimate', { icao24: 'a960a9', firstseen: '2024-07-03T18:00:00Z', estdepartureairport: 'PANC', lastseen: '2024-07-04T02:00:00Z', estarrivalairport: '' },
      { icao24: 'a960a9', depAirport: 'PANC', arrAirport: null, depTime: 1720029600, arrTime: 1720058400, callsign: null, legDate: '2024-07-03' }],
    ['an address that is not hex', { icao24: 'zz1234', firstseen: '1', lastseen: '2' }, 'icao24 is not 6 hex digits: "zz1234"'],
    ['a missing lastseen', { icao24: 'a960a9', firstseen: '1', lastseen: '' }, 'lastseen is not a time (epoch seconds or ISO): ""'],
    ['times the wrong way round', { icao24: 'a960a9', firstseen: '20', lastseen: '10' }, 'lastseen is before firstseen'],
  ];
  for (const [name, row, expected] of cases) {
    it(`reads ${name}`, () => {
      const got = parseFlight((k) => row[k] ?? '', 2);
      if (typeof expected === 'string') return assert.equal(got, expected);
      const { line, registration, aircraftType, operator, ...rest } = got as Exclude<typeof got, string>;
      assert.deepEqual(rest, expected);
    });
  }
});

describe('ingesting OpenSky flights', () => {
  it('loads a flights_data4 CSV and a REST JSON export into legs with reported and unknown ends', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'flights.csv');
    const json = path.join(dir, 'flights.json');
    writeFileSync(csv, CSV.replace('\n,', '\n'));
    writeFileSync(json, JSON.stringify([{ icao24: 'a4fd72', firstSeen: 1579000000, estDepartureAirport: 'KMIA', lastSeen: 1579003000, estArrivalAirport: 'MUHA', callsign: 'SWQ503  ' }]));
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', csv, json]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().sources.map((s: any) => [s.format, s.rowsRead, s.rowsKept, s.rowsRejected]), [['opensky-flights', 4, 3, 1], ['opensky-flights', 1, 1, 0]]);
    const legs = await runCli(['--db', db, '--json', 'legs', '--aircraft', 'a960a9']);
    assert.deepEqual(legs.json().map((l: any) => [l.departure.airport, l.departure.status, l.arrival.airport, l.arrival.status, l.kind]), [
      ['KAEX', 'reported', 'PANC', 'reported', 'domestic'],
      ['PANC', 'reported', 'ZBAA', 'reported', 'removal'],
      ['PANC', 'reported', null, 'unknown', null],
    ]);
  });

  it('keeps aside a row cut short (the last line of an interrupted export), with its line', async () => {
    const file = path.join(tempDir(), 'cut.csv');
    writeFileSync(file, 'icao24,firstseen,estdepartureairport,lastseen,estarrivalairport,callsign,day\na960a9,1719846000,KAEX,1719873000,PANC,RPN1701,1719792000\n\na960a9,1719880000,PANC,171991');
    const { counts, rejects } = await ingestOne(file);
    assert.deepEqual(counts, [2, 1, 1]);
    assert.deepEqual(rejects, [[4, 'expected 7 columns, found 4']]);
  });
});
