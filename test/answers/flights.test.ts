import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { before, describe, it } from 'node:test';
import { cliBin, runCli } from '../helpers.ts';
import { swiftDb } from '../shared-fixture.ts';

describe('flight commands on the shipped RadarBox history', () => {
  let db: string;
  before(async () => {
    db = await swiftDb(); // this file's copy of the history as `ingest` loads it (test/shared-fixture.ts)
  });

  it('counts removal legs by destination country, the possible band beside them, with the rule and the source', async () => {
    const r = await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal', '--by', 'country']);
    assert.equal(r.code, 0, r.stderr);
    const c = r.json();
    // The labels made from the program's flight numbers count 265 removals in this history (data/labels).
    assert.deepEqual([c.total, c.possible, c.countries, c.unclassified], [265, 2, 12, 384]);
    assert.deepEqual(c.rows.slice(0, 4).map((x: any) => [x.key, x.legs, x.possible ?? 0]), [['GT', 107, 1], ['HN', 71, 1], ['SV', 37, 0], ['MX', 16, 0]]);
    assert.equal(c.rows.find((x: any) => x.key === 'DO').legs, 4);
    assert.equal(c.sources[0].rowsUsed, 265);
    const text = await runCli(['--db', db, 'flights', 'count', '--kind', 'removal']);
    assert.match(text.stdout, /^265 removal leg\(s\) from the start of the data to the end of the data, 12 countries; 2 more possible \(not in the figure\)$/m);
  });

  it('counts removal legs since a date by month', async () => {
    const r = await runCli(['--db', db, '--json', 'flights', 'count', '--from', '2020-03-01', '--by', 'month']);
    assert.deepEqual(r.json().rows.map((x: any) => x.key), ['2020-03', '2020-04']);
  });

  it('crosses removal legs by destination country and month', async () => {
    const c = (await runCli(['--db', db, '--json', 'flights', 'count', '--by', 'country,month'])).json();
    assert.deepEqual(c.columns, ['2020-01', '2020-02', '2020-03', '2020-04']);
    assert.deepEqual(c.rows.slice(0, 2).map((r: any) => [r.key, r.legs, r.cells]), [
      ['GT', 107, { '2020-01': 21, '2020-02': 45, '2020-03': 33, '2020-04': 8 }],
      ['HN', 71, { '2020-01': 16, '2020-02': 24, '2020-03': 17, '2020-04': 14 }],
    ]);
  });

  it('says why legs are "other", by reason', async () => {
    const c = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'other', '--by', 'reason'])).json();
    assert.equal(c.total, 4172);
    // The stored code of the evidence that weighed most against each leg.
    assert.deepEqual(c.rows.map((r: any) => [r.key, r.legs]), [
      ['callsign-outside-block', 4166],
      ['us-airport-not-arts', 4],
      ['destination-never', 2],
    ]);
  });

  it('prints legs in the DESIGN.md shape with ISO times in UTC', async () => {
    const r = await runCli(['--db', db, '--json', 'legs', '--aircraft', 'N811TJ', '--from', '2020-04-27', '--to', '2020-04-28']);
    const legs = r.json();
    assert.deepEqual(legs.map((l: any) => [l.callsign, l.departure.airport, l.departure.time, l.arrival.airport, l.arrival.time, l.kind]), [
      ['WQ500', 'KMIA', '2020-04-27T11:00:00Z', 'MGGT', '2020-04-27T13:41:00Z', 'other'],
      ['WQ501', 'MGGT', '2020-04-27T15:52:00Z', 'KMIA', '2020-04-27T18:17:00Z', 'other'],
    ]);
    assert.deepEqual(Object.keys(legs[0]).slice(0, 7), ['icao24', 'registration', 'callsign', 'departure', 'arrival', 'kind', 'missionId']);
    assert.equal(legs[0].icao24, 'ab0ec5');
    assert.equal(legs[0].missionId, legs[1].missionId);
  });

  it('labels the Havana public charters "other" and says why, and the two ICE flights to Havana "removal"', async () => {
    const r = await runCli(['--db', db, '--json', 'legs', '--country', 'CU']);
    const havana = r.json().filter((l: any) => l.departure.airport === 'MUHA' || l.arrival.airport === 'MUHA');
    assert.equal(havana.length, 714);
    assert.equal(havana.filter((l: any) => l.kind === 'other').length, 710);
    assert.deepEqual(havana.filter((l: any) => l.kind !== 'other').map((l: any) => [l.callsign, l.date, l.departure.airport, l.arrival.airport, l.kind]), [
      ['WAL408', '2020-01-31', 'KMIA', 'MUHA', 'removal'],
      ['WAL408', '2020-01-31', 'MUHA', 'KMIA', 'return'],
      ['WAL708', '2020-02-28', 'KMIA', 'MUHA', 'removal'],
      ['WAL708', '2020-02-28', 'MUHA', 'KMIA', 'return'],
    ]);
    const charter = havana.find((l: any) => l.kind === 'other' && l.callsign === 'WQ502');
    assert.match(charter.evidence, /MUHA is listed as public-charter work: Havana: scheduled public charters between Florida and Cuba/);
    assert.ok(charter.reasons.some((e: any) => e.code === 'public-charter-destination' && e.weight === -3));
    const ice = havana.find((l: any) => l.kind === 'removal');
    assert.match(ice.evidence, /callsign WAL408 is in the program block WAL 408 608 708 888 of World Atlantic Airlines/);
  });

  it('exports legs as CSV, GeoJSON and KML', async () => {
    const args = ['--db', db, 'legs', '--aircraft', 'N811TJ', '--from', '2020-04-27', '--to', '2020-04-28', '--format'];
    const csv = (await runCli([...args, 'csv'])).stdout.split('\r\n');
    assert.equal(csv[0], 'id,icao24,registration,aircraft_type,operator,callsign,date,dep_airport,dep_country,dep_time,dep_status,arr_airport,arr_country,arr_time,arr_status,kind,candidate_kind,confidence,mission_id,origin,source_file,source_sha256,evidence,generated');
    assert.match(csv[1]!, /^\d+,ab0ec5,N811TJ,[^,]*,[^,]*,WQ500,2020-04-27,KMIA,US,2020-04-27T11:00:00Z,reported,MGGT,GT,2020-04-27T13:41:00Z,reported,other,removal,[\d.]+,\d+,history,radarbox-swiftair-worldatlantic-2020-01-12_2020-04-27\.csv\.gz,[0-9a-f]{64},.*,false$/);
    const geo = JSON.parse((await runCli([...args, 'geojson'])).stdout);
    assert.equal(geo.features.length, 2);
    assert.deepEqual(geo.features[0].geometry.type, 'LineString');
    const kml = (await runCli([...args, 'kml'])).stdout;
    assert.equal(kml.match(/<Placemark>/g)?.length, 2);
  });

  it('lists missions visiting a country', async () => {
    const r = await runCli(['--db', db, '--json', 'missions', '--country', 'GT', '--aircraft', 'N811TJ', '--from', '2020-04-27']);
    assert.deepEqual(r.json().map((m: any) => [m.route, m.countries, m.complete]), [[['KMIA', 'MGGT', 'KMIA'], ['GT'], true]]);
  });

  it('gives the monthly report the figures "flights count" gives for the month, day-only legs included', async () => {
    const r = (await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2020-03'])).json();
    const kinds = Object.fromEntries(r.kinds.map((k: any) => [k.kind, [k.legs, k.previousMonth]]));
    assert.deepEqual(kinds.removal, [79, 95]);
    assert.deepEqual(kinds.return, [76, 94]);
    assert.deepEqual(r.removalsByCountry.slice(0, 3).map((c: any) => [c.country, c.legs, c.previousMonth]), [['GT', 33, 45], ['HN', 17, 24], ['SV', 12, 11]]);
    assert.deepEqual(r.removalsByAirport[0], { airport: 'KBRO', name: 'Brownsville/South Padre Island International Airport', legs: 19 });
    assert.equal(r.countries, 10);
    const count = async (...args: string[]) => (await runCli(['--db', db, '--json', 'flights', 'count', ...args])).json();
    const march = await count('--kind', 'removal', '--from', '2020-03-01', '--to', '2020-04-01', '--by', 'country');
    assert.deepEqual([march.total, march.countries], [kinds.removal[0], r.countries]);
    assert.deepEqual(march.rows.map((x: any) => [x.key, x.legs]), r.removalsByCountry.map((c: any) => [c.country, c.legs]));
    const returns = await count('--kind', 'return', '--from', '2020-03-01', '--to', '2020-04-01');
    assert.equal(returns.total, kinds.return[0]);
    const legs = (await runCli(['--db', db, '--json', 'legs', '--from', '2020-03-01', '--to', '2020-04-01'])).json();
    assert.equal(r.routes.length, legs.length);
  });

  it('dates a leg the record gives only a day for by that day, whatever the machine\'s time zone', async () => {
    const args = ['--db', db, '--json', 'flights', 'count', '--kind', 'other', '--by', 'month'];
    const here = (await runCli(args)).json().rows.map((x: any) => [x.key, x.legs]);
    const tokyo = spawnSync(process.execPath, [cliBin, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Tokyo' } });
    assert.equal(tokyo.status, 0, tokyo.stderr);
    assert.deepEqual(JSON.parse(tokyo.stdout).rows.map((x: any) => [x.key, x.legs]), here);
    assert.deepEqual(here.find((r: [string, number]) => r[0] === '2020-02'), ['2020-02', 1803]);
  });

  it('fills a leg\'s unseen end for counting as classification filled it, legs known only by their day included', async () => {
    // N802TJ on 16 Jan 2020: a leg with only a date and no departure airport. Counting once took
    // its departure from a different neighbour than classification did (MUCU, Cuba, for a
    // "domestic" leg); both now read the ends classification stored.
    const cu = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'domestic', '--country', 'CU'])).json();
    assert.equal(cu.total, 0);
    const airports = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'domestic', '--by', 'us-airport'])).json();
    assert.deepEqual(airports.rows.filter((r: any) => !/^(K|P|TJ|TI|NS)/.test(r.key)).map((r: any) => r.key), []);
  });

  it('rejects an unknown kind as a usage error', async () => {
    const r = await runCli(['--db', db, 'flights', 'count', '--kind', 'deportation']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--kind expects one of removal, return, domestic, lateral, foreign, other, possible, got "deportation"/);
  });
});
