import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateTraffic, writeOpenskyCsv } from '../../../src/generate/index.ts';
import { createApp } from '../../../src/server/app.ts';
import { Store } from '../../../src/store/store.ts';
import { fixture, runCli, tempDb, tempDir } from '../../helpers.ts';

// Hand-written legs of two GlobalX aircraft in March 2025 (test/data/README.md): the same flights as
// a RadarBox-style history (registrations, local times) and an OpenSky flights table (ICAO addresses,
// first and last seen), and one flight only the flights table has.
const HISTORY = fixture('flights/history-globalx-2025-03.csv');
const FLIGHTS = fixture('flights/opensky-flights-globalx-2025-03.csv');
const RADARBOX_HEADER = 'Date,Flight,Departure,STD,Arrival,STA,Aircraft,Status,Duration,Unnamed: 9,Airline,ArrivalLoc,ArrivalIATA,ArrivalICAO,DepartureLoc,DepartureIATA,DepartureICAO';

const row = (l: any) => [
  l.registration, l.icao24, l.callsign, l.departure.airport, l.departure.time, l.arrival.airport, l.arrival.time, l.kind, l.origin,
  l.sources.map((s: any) => `${s.file}:${s.line}`).join(' + '),
];

const EXPECTED = [
  ['N278GX', 'a2c4e0', 'GXA2151', 'KAEX', '2025-03-04T20:11:00Z', 'MGGT', '2025-03-04T22:44:00Z', 'removal', 'merged', 'opensky-flights-globalx-2025-03.csv:2 + history-globalx-2025-03.csv:5'],
  ['N278GX', 'a2c4e0', 'GXA2152', 'MGGT', '2025-03-05T00:06:00Z', 'KAEX', '2025-03-05T03:29:00Z', 'return', 'merged', 'opensky-flights-globalx-2025-03.csv:3 + history-globalx-2025-03.csv:4'],
  ['N570TA', 'a75013', 'GXA5101', 'KIAH', '2025-03-05T15:38:00Z', 'MHLM', '2025-03-05T18:02:00Z', 'removal', 'merged', 'opensky-flights-globalx-2025-03.csv:4 + history-globalx-2025-03.csv:3'],
  // The history gives this one a day and no times: it matches the flights table's leg of that day between the same airports.
  ['N570TA', 'a75013', 'GXA5102', 'MHLM', '2025-03-06T16:20:00Z', 'KIAH', '2025-03-06T19:05:00Z', 'return', 'merged', 'opensky-flights-globalx-2025-03.csv:5 + history-globalx-2025-03.csv:2'],
  ['N570TA', 'a75013', 'GXA5103', 'KIAH', '2025-03-07T14:00:00Z', 'KAEX', '2025-03-07T15:02:00Z', 'domestic', 'history', 'opensky-flights-globalx-2025-03.csv:6'],
];

describe('one aircraft, one identity, one leg across sources', () => {
  for (const [order, files] of [['history first', [HISTORY, FLIGHTS]], ['flights table first', [FLIGHTS, HISTORY]]] as const) {
    it(`gives each leg once, citing both sources, when a history and a flights table of the same legs are loaded (${order})`, async () => {
      const db = tempDb();
      const ingest = await runCli(['--db', db, 'ingest', ...files]);
      assert.equal(ingest.code, 0, ingest.stderr);
      assert.match(ingest.stderr, /legs: 8 leg\(s\) from more than one source are 4 flight\(s\), each counted once \(merged\)\n/);
      const legs = (await runCli(['--db', db, '--json', 'legs'])).json();
      assert.deepEqual(legs.map(row), EXPECTED);
      const text = (await runCli(['--db', db, 'legs'])).stdout.split('\n');
      assert.equal(text[0], '2025-03-04  N278GX   GXA2151   KAEX 20:11 → MGGT 22:44  removal   mission 1  2 sources');
      // The merge is explained in the leg's evidence.
      assert.match(legs[2].evidence, /One flight in 2 sources, merged: opensky-flights-globalx-2025-03\.csv line 4: GXA5101 KIAH 15:38 → MHLM 18:02 \(reported\/reported\); history-globalx-2025-03\.csv line 3: GXA5101 KIAH 15:30 → MHLM 18:10 \(reported\/reported\)\. Departure from opensky-flights-globalx-2025-03\.csv line 4, arrival from opensky-flights-globalx-2025-03\.csv line 4 .*Sources agree within 90 min: take-offs 8 min apart, landings 8 min apart$/);
      // Counted once, citing both files for the two removals.
      const count = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal'])).json();
      assert.equal(count.total, 2);
      assert.deepEqual(count.sources.map((s: any) => [s.file, s.rowsUsed]).sort(), [['history-globalx-2025-03.csv', 2], ['opensky-flights-globalx-2025-03.csv', 2]]);
    });
  }

  it('finds the same legs by registration and by ICAO address, on the command line and in the API', async () => {
    // The flights table alone: its legs carry addresses only; N570TA is a75013 by the FAA rule.
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'ingest', FLIGHTS])).code, 0);
    const byReg = await runCli(['--db', db, '--json', 'legs', '--aircraft', 'N570TA']);
    const byHex = await runCli(['--db', db, '--json', 'legs', '--aircraft', 'a75013']);
    assert.equal(byReg.code, 0, byReg.stderr);
    assert.deepEqual(byReg.json().map((l: any) => [l.registration, l.icao24, l.departure.airport, l.arrival.airport]), [
      ['N570TA', 'a75013', 'KIAH', 'MHLM'], ['N570TA', 'a75013', 'MHLM', 'KIAH'], ['N570TA', 'a75013', 'KIAH', 'KAEX'],
    ]);
    assert.deepEqual(byReg.json(), byHex.json());
    assert.equal((await runCli(['--db', db, 'legs', '--aircraft', 'n570ta'])).stdout, (await runCli(['--db', db, 'legs', '--aircraft', 'A75013'])).stdout);
    const store = await Store.open(db, { readOnly: true });
    try {
      const app = createApp({ store });
      const api = async (q: string) => (await (await app.request(`/api/legs?aircraft=${q}&limit=100`)).json()) as any;
      const [reg, hex] = [await api('N570TA'), await api('a75013')];
      assert.equal(reg.total, 3);
      assert.deepEqual(reg.items, hex.items);
      assert.deepEqual(reg.items.map((l: any) => l.id), byReg.json().map((l: any) => l.id));
    } finally {
      store.close();
    }
  });

  it('finds a foreign registration by the address the fleet registry gives it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'history.csv');
    writeFileSync(file, `${RADARBOX_HEADER}\n2025-03-04,TAO201,Guatemala City(GUA/MGGT),10:00 CST,"Houston, TX(IAH/KIAH)",13:00 CST,A320 (XA-VRA),Landed,03h00m, ,Aeromar,"Houston, TX",IAH,KIAH,Guatemala City,GUA,MGGT\n`);
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'fleet', 'add', '0d0abc', '--registration', 'XA-VRA'])).code, 0);
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().sources[0].unresolvedRegistrations, []);
    const legs = (await runCli(['--db', db, '--json', 'legs', '--aircraft', '0d0abc'])).json();
    assert.deepEqual(legs.map((l: any) => [l.registration, l.icao24]), [['XA-VRA', '0d0abc']]);
    assert.deepEqual((await runCli(['--db', db, '--json', 'legs', '--aircraft', 'xa-vra'])).json(), legs);
  });

  it('reports a registration it cannot resolve to an ICAO address, and keeps its legs', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'history.csv');
    writeFileSync(file, `${RADARBOX_HEADER}
2025-03-04,TAO201,Guatemala City(GUA/MGGT),10:00 CST,"Houston, TX(IAH/KIAH)",13:00 CST,A320 (XA-VRA),Landed,03h00m, ,Aeromar,"Houston, TX",IAH,KIAH,Guatemala City,GUA,MGGT
2025-03-05,TAO202,"Houston, TX(IAH/KIAH)",10:00 CST,Guatemala City(GUA/MGGT),13:00 CST,A320 (XA-VRA),Landed,03h00m, ,Aeromar,Guatemala City,GUA,MGGT,"Houston, TX",IAH,KIAH
2025-03-05,GXA5101,"Houston, TX(IAH/KIAH)",09:30 CST,San Pedro Sula(SAP/MHLM),12:10 CST,A321 (N570TA),Landed,02h40m, ,Global Crossing Airlines,San Pedro Sula,SAP,MHLM,"Houston, TX",IAH,KIAH
`);
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.unresolvedRegistrations], [3, 3, [{ registration: 'XA-VRA', legs: 2 }]]);
    assert.match(r.stderr, /: 2 leg\(s\) of 1 registration\(s\) could not be resolved to an ICAO address \(not an N-number, not in the fleet registry\), kept under the registration: XA-VRA \(2\); give the address with "charterwatch fleet add HEX --registration REG"\n/);
    const text = await runCli(['--db', tempDb(), 'ingest', file]);
    assert.match(text.stdout, /\n {2}2 leg\(s\) under 1 registration\(s\) with no ICAO address \(kept, not merged with other sources\): XA-VRA \(2\)\n$/);
    const kept = (await runCli(['--db', db, '--json', 'legs', '--aircraft', 'XA-VRA'])).json();
    assert.deepEqual(kept.map((l: any) => [l.registration, l.icao24, l.departure.airport, l.arrival.airport]), [['XA-VRA', null, 'MGGT', 'KIAH'], ['XA-VRA', null, 'KIAH', 'MGGT']]);
  });

  it('reports two sources that put the same aircraft between different airports at the same time, and merges neither', async () => {
    const dir = tempDir();
    const other = path.join(dir, 'flights-other.csv');
    // N278GX at the time of GXA2151 (KAEX → MGGT), but to San Pedro Sula.
    writeFileSync(other, 'icao24,firstseen,estdepartureairport,lastseen,estarrivalairport,callsign,day\na2c4e0,1741119000,KAEX,1741128000,MHLM,GXA2151,1741046400\n');
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', HISTORY, other]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: 1 conflict\(s\) between sources, not merged: N278GX 2025-03-04: history-globalx-2025-03\.csv line 5: GXA2151 KAEX 20:05 → MGGT 22:50 \(reported\/reported\) and flights-other\.csv line 2: GXA2151 KAEX 20:10 → MHLM 22:40 \(reported\/reported\) put the aircraft in the air at the same time between different airports\n/);
    const legs = (await runCli(['--db', db, '--json', 'legs', '--aircraft', 'N278GX', '--to', '2025-03-04T23:00:00Z'])).json();
    assert.deepEqual(legs.map((l: any) => [l.arrival.airport, l.origin]), [['MGGT', 'history'], ['MHLM', 'history']]);
    assert.ok(legs.every((l: any) => /Conflict, not merged: .* has this aircraft in the air at the same time between other airports$/.test(l.evidence)));
  });

  it('gives one leg for a flight seen in positions and in a leg history, each end from the source that saw it best', async () => {
    const dir = tempDir();
    const g = generateTraffic({ seed: 8, from: '2024-06-01', to: '2024-06-05', aircraft: 2 });
    const csv = path.join(dir, 'states.csv');
    await writeOpenskyCsv(csv, g);
    const leg = g.legs[0]!;
    const plane = g.aircraft.find((a) => a.icao24 === leg.icao24);
    assert.deepEqual([leg.icao24, plane!.registration, leg.dep, leg.arr, leg.callsign], ['b0e001', 'GEN-01', 'KAEX', 'MSLP', 'RPN371']);
    const hhmm = (t: number) => new Date(t * 1000).toISOString().slice(11, 16);
    const date = new Date(leg.takeoff * 1000).toISOString().slice(0, 10);
    const history = path.join(dir, 'history.csv');
    // The history names the aircraft by its registration (the generated GEN-01, which the fleet
    // registry ties to its address); its times are the schedule's, a few minutes off what the positions show.
    writeFileSync(history, `${RADARBOX_HEADER}\n${date},${leg.callsign},X(/${leg.dep}),${hhmm(leg.takeoff - 600)} UTC,Y(/${leg.arr}),${hhmm(leg.landing + 300)} UTC,${plane!.type} (${plane!.registration}),Landed,, ,${plane!.operator},Y,,${leg.arr},X,,${leg.dep}\n`);
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'fleet', 'add', plane!.icao24, '--registration', plane!.registration])).code, 0);
    const r = await runCli(['--db', db, 'ingest', '--all', csv, history]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /legs: 2 leg\(s\) from more than one source are 1 flight\(s\), each counted once \(merged\)\n/);
    const legs = (await runCli(['--db', db, '--json', 'legs'])).json();
    assert.equal(legs.length, g.legs.length);
    const merged = legs.filter((l: any) => l.origin === 'merged');
    assert.deepEqual(merged.map((l: any) => [l.departure.airport, l.departure.status, l.arrival.airport, l.arrival.status, l.sources.map((s: any) => s.origin === 'adsb' ? 'adsb' : s.file)]), [
      // The positions saw the take-off; the landing abroad, out of coverage, is the history's.
      [leg.dep, 'observed', leg.arr, 'reported', ['adsb', 'history.csv']],
    ]);
    assert.match(merged[0].evidence, /Departure from the positions \(leg \d+\), arrival from history\.csv line 2 /);
    // Its count cites the positions file and the history.
    assert.equal(merged[0].kind, 'removal');
    const count = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal'])).json();
    assert.deepEqual(count.sources.map((s: any) => [s.file, s.rowsUsed]), [['states.csv', count.total], ['history.csv', 1]]);
  });
});
