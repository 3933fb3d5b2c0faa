import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { localTime, parseRow } from '../../../src/ingest/formats/radarbox.ts';
import { addressOfRegistration } from '../../../src/ingest/formats/leg-history.ts';
import { fixture, runCli, tempDb, tempDir } from '../../helpers.ts';

const SWIFT = fixture('flights/radarbox-swiftair-worldatlantic-2020-01-12_2020-04-27.csv.gz');
const GUA = fixture('flights/radarbox-guatemala-city-2020-01-12_2020-04-27.csv');
const HEADER = 'Date,Flight,Departure,STD,Arrival,STA,Aircraft,Status,Duration,Unnamed: 9,Airline,ArrivalLoc,ArrivalIATA,ArrivalICAO,DepartureLoc,DepartureIATA,DepartureICAO';
const iso = (s: number | null) => (s === null ? null : new Date(s * 1000).toISOString());

describe('RadarBox flight-history rows', () => {
  const cases: { name: string; row: Record<string, string>; expect: Record<string, unknown> }[] = [
    {
      name: 'takes the scheduled departure in EDT and an estimated arrival in CDT',
      row: { Date: '2020-04-27', Flight: ' WQ3555', Departure: 'Harrisburg, PA(MDT/KMDT)', STD: '12:45 EDT', Arrival: 'Brownsville, TX(BRO/KBRO)', Aircraft: 'B734 (N430XA)', Status: 'Est. Arrival 15:21 CDT', Duration: '03h43m', DepartureICAO: 'KMDT', ArrivalICAO: 'KBRO' },
      expect: { callsign: 'WQ3555', depAirport: 'KMDT', arrAirport: 'KBRO', depTime: '2020-04-27T16:45:00.000Z', arrTime: '2020-04-27T20:21:00.000Z', registration: 'N430XA', icao24: 'a5252c', aircraftType: 'B734' },
    },
    {
      name: 'reads CST in Havana as Cuba Standard Time (UTC−5)',
      row: { Date: '2020-02-12', Flight: 'WQ503', Departure: 'Havana(HAV/MUHA)', STD: '09:10 CST', Arrival: 'Miami, FL(MIA/KMIA)', Aircraft: 'B734 (N420US)', Status: 'Landed 10:20 EST', Duration: '00h42m', DepartureICAO: 'MUHA', ArrivalICAO: 'KMIA' },
      expect: { depAirport: 'MUHA', depTime: '2020-02-12T14:38:00.000Z', arrTime: '2020-02-12T15:20:00.000Z' },
    },
    {
      name: 'puts a landing after midnight on the next day',
      row: { Date: '2020-02-06', Flight: 'WQ704', Departure: 'Havana(HAV/MUHA)', STD: '23:05 CST', Arrival: 'Miami, FL(MIA/KMIA)', Aircraft: 'B734', Status: 'Landed\u00a002:09 EST', Duration: '00h50m', DepartureICAO: 'MUHA', ArrivalICAO: 'KMIA' },
      expect: { arrTime: '2020-02-07T07:09:00.000Z', registration: null, icao24: null },
    },
    {
      name: 'keeps a leg without times with its day only',
      row: { Date: '2020-04-23', Flight: ' WQ901', Departure: 'Willemstad(CUR/TNCC)', Arrival: '', Aircraft: 'B738 (N624XA)', Status: 'Landed', DepartureICAO: 'TNCC' },
      expect: { depAirport: 'TNCC', arrAirport: null, depTime: null, arrTime: null, legDate: '2020-04-23' },
    },
    {
      name: 'finds the ICAO code inside "City(IATA/ICAO)" when the ICAO column is absent',
      row: { Date: '2020-04-27', Flight: 'WQ500', Departure: 'Miami, FL(MIA/KMIA)', STD: '07:00 EDT', Arrival: 'Guatemala City(GUA/MGGT)', Aircraft: 'B733 (N811TJ)', Status: 'Landed', Duration: '02h41m' },
      expect: { depAirport: 'KMIA', arrAirport: 'MGGT', depTime: '2020-04-27T11:00:00.000Z', arrTime: '2020-04-27T13:41:00.000Z' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const leg = parseRow((col) => (c.row[col] ?? '').replace(/\u00a0/g, ' ').trim(), 2);
      assert.equal(typeof leg, 'object');
      const got = leg as Exclude<typeof leg, string>;
      const view: Record<string, unknown> = { ...got, depTime: iso(got.depTime), arrTime: iso(got.arrTime) };
      for (const [k, v] of Object.entries(c.expect)) assert.equal(view[k], v, k);
    });
  }

  const bad: [string, Record<string, string>, string][] = [
    ['a date that is not a date', { Date: '27/04/2020' }, 'Date is not a date (YYYY-MM-DD): "27/04/2020"'],
    ['an unknown time zone', { Date: '2020-04-27', STD: '12:45 XYZ', Aircraft: '' }, 'STD is not a local time "HH:MM ZONE": "12:45 XYZ"'],
    ['an aircraft that is not TYPE (REG)', { Date: '2020-04-27', Aircraft: 'Boeing 737-400' }, 'Aircraft is not "TYPE (REGISTRATION)": "Boeing 737-400"'],
  ];
  for (const [name, row, reason] of bad) it(`rejects ${name}`, () => assert.equal(parseRow((col) => row[col] ?? '', 5), reason));

  it('converts local times with the zone abbreviation', () => {
    assert.equal(localTime('2020-04-27', '12:45 EDT', 'US'), Date.UTC(2020, 3, 27, 16, 45) / 1000);
    assert.equal(localTime('2024-07-02', '10:00 CST', 'CN'), Date.UTC(2024, 6, 2, 2, 0) / 1000);
    assert.equal(localTime('2020-04-27', '', 'US'), null);
  });

  it('computes ICAO addresses from US registrations by the FAA rule', () => {
    assert.deepEqual(['N1', 'N99999', 'N703KW', 'N430XA', 'N12345', 'HK-1234'].map(addressOfRegistration), ['a00001', 'adf7c7', 'a960a9', 'a5252c', 'a061d9', null]);
  });
});

describe('ingesting RadarBox files', () => {
  it('loads every leg of both histories, and counts the 187 flights the Guatemala file shares with the fleet history once, citing both', async () => {
    const db = tempDb();
    const first = await runCli(['--db', db, '--json', 'ingest', SWIFT, GUA]);
    assert.equal(first.code, 0, first.stderr);
    const sources = first.json().sources.map((s: any) => [s.format, s.rowsRead, s.rowsKept, s.rowsRejected]);
    assert.deepEqual(sources, [['radarbox', 5885, 5885, 0], ['radarbox', 218, 218, 0]]);
    assert.match(first.stderr, /legs: 374 leg\(s\) from more than one source are 187 flight\(s\), each counted once \(merged\)\n/);
    assert.match(first.stderr, /legs: 5916 leg\(s\) classified/);
    const gt = (await runCli(['--db', db, '--json', 'legs', '--country', 'GT'])).json();
    const merged = gt.filter((l: any) => l.origin === 'merged');
    assert.equal(merged.length, 187);
    assert.deepEqual([...new Set(merged.map((l: any) => l.sources.map((s: any) => s.file).join(' + ')))], ['radarbox-swiftair-worldatlantic-2020-01-12_2020-04-27.csv.gz + radarbox-guatemala-city-2020-01-12_2020-04-27.csv']);
    // Palm Beach's KPBI is in the airport list only as KDJT (renamed): found by its former code, so no airport is unknown.
    assert.doesNotMatch(first.stderr, /not in the shipped airport list/);
  });

  it('keeps a bad row aside with its line and loads the rest', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'radarbox-bad.csv');
    writeFileSync(file, `${HEADER}\n2020-04-27, WQ500,"Miami, FL(MIA/KMIA)",07:00 EDT,Guatemala City(GUA/MGGT),,B733 (N811TJ),Landed,02h41m, ,SwiftAir/iAero,Guatemala City,GUA,MGGT,"Miami, FL",MIA,KMIA\nyesterday, WQ501,Guatemala City(GUA/MGGT),,"Miami, FL(MIA/KMIA)",,B733 (N811TJ),Landed,02h25m, ,SwiftAir/iAero,"Miami, FL",MIA,KMIA,Guatemala City,GUA,MGGT\n`);
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.format, s.rowsRead, s.rowsKept, s.rowsRejected], ['radarbox', 2, 1, 1]);
    assert.deepEqual(s.rejectsByReason, { 'Date is not a date (YYYY-MM-DD): "yesterday"': 1 });
  });

  it('names the airport codes the shipped list does not know, whose legs get no country', async () => {
    const file = path.join(tempDir(), 'radarbox-unknown.csv');
    writeFileSync(file, `${HEADER}\n2020-04-27, WQ500,"Miami, FL(MIA/KMIA)",07:00 EDT,Nowhere(ZZZ/XXXX),,B733 (N811TJ),Landed,02h41m, ,SwiftAir/iAero,Nowhere,ZZZ,XXXX,"Miami, FL",MIA,KMIA\n`);
    const r = await runCli(['--db', tempDb(), 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /: 1 airport code\(s\) are not in the shipped airport list, so their legs have no country and are not classified: XXXX \(1\)\n/);
  });

  it('fails with the file and line 1 when a required column is missing', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'radarbox-short.csv');
    writeFileSync(file, 'Date,Flight,Departure,STD,Arrival,Aircraft\n2020-04-27,WQ1,x,,y,B734\n');
    const r = await runCli(['--db', tempDb(), 'ingest', '--format', 'radarbox', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), `charterwatch: ${file}:1: missing column "Status" in the header; found "Date", "Flight", "Departure", "STD", "Arrival", "Aircraft"`);
  });

  it('refuses a history that is not UTF-8, naming the line, rather than store U+FFFD', async () => {
    const file = path.join(tempDir(), 'latin1.csv');
    const good = '2020-04-27,WQ500,"Miami, FL(MIA/KMIA)",07:00 EDT,"Guatemala City(GUA/MGGT)",07:41 CST,B734 (N811TJ),Landed 07:41 CST,02h41m,,World Atlantic,,,MGGT,,,KMIA';
    writeFileSync(file, Buffer.concat([Buffer.from(`${HEADER}\n${good}\n${good.replace('World Atlantic', 'A')}`), Buffer.from([0xe9]), Buffer.from('ro\n')]));
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', '--format', 'radarbox', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `charterwatch: ${file}:3: not valid UTF-8 text (save the file as UTF-8); nothing of it was loaded\n`);
  });
});
