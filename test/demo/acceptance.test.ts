import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { watchedIcao24 } from '../../src/fleet/registry.ts';
import { runCli, tempDir } from '../helpers.ts';
import { demoRun } from '../shared-fixture.ts';
import { launchChromium } from '../web/chromium.ts';

/**
 * The acceptance scenario of DESIGN.md, walked on the demo database: each question is one
 * command, and each answer is checked against the data (real statistics; the 2024 flights come
 * from the seeded generator, so their figures are fixed by the seed).
 */
let db: string;
let demoOutput: { stdout: string; stderr: string; code: number };
/** A user's own database in the folder where the demo runs: the default of every other command. */
let userDb: string;
/** Where the demo ran: its output names the database there. */
let builtIn: string;

// `npm start` runs the demo in the clone's folder without --db; the run is shared with the other
// files that start from the demo database (test/shared-fixture.ts), this file gets its own copy.
before(async () => {
  ({ db, userDb, builtIn, output: demoOutput } = await demoRun());
});

describe('the acceptance scenario on the demo database', () => {
  it('builds the demo database, labels generated data, and prints the answers', () => {
    assert.equal(demoOutput.code, 0, demoOutput.stderr);
    assert.match(demoOutput.stdout, /Note: The 2024 flights are GENERATED \(seed 2024, 10 aircraft, 2024-05-01 to 2024-08-01\)/);
    assert.match(demoOutput.stdout, /^Q3\. International removal flights 4 June – 2 July 2024: 67 to 12 countries \[GENERATED\]\n    HN 19, SV 10, GT 8, NI 7, JM 6, DO 5, HT 3, MX 3, CO 2, EC 2, CN 1, PT 1$/m);
    assert.equal(existsSync(`${db}.building`), false);
    assert.match(demoOutput.stdout, /^ {4}Data reach: CBP Nationwide Encounters data end 2024-09; ICE removals data end FY2024 \(2024-09\)\.$/m);
    // After the six answers, the shipped claims' verdicts: flight figures from generated data say so.
    assert.match(demoOutput.stdout, /^Claims \(data\/claims\/dhs-2024-07-china\.yaml; flight figures from GENERATED data are marked so\):$/m);
    assert.match(demoOutput.stdout, /^ {4}"the first large charter flight since 2018" \(U\.S\. Department of Homeland Security, press release, 2024-07-02\): NOT CHECKABLE HERE\n {6}first since 2018 first-since; not checkable here: the data begin 2020-01-12, after the start of 2018/m);
    assert.match(demoOutput.stdout, /^ {6}more than 120 removal-flights; data: 67 \[GENERATED\]; not checkable here: .* hold 10 of 77 watched aircraft \(13%\)/m);
    assert.match(demoOutput.stdout, /^ {4}"nearly 56,000 Chinese nationals" \(news report of July 2024, citing CBP figures, 2024-07-02\): SUPPORTED\n {6}about 56,000 encounters; data: 55,914;/m);
    assert.match(demoOutput.stdout, /^ {4}"over 3,000 more than the whole previous \(record\) year" .*: SUPPORTED\n {6}record 3,000 encounters; data: 55,914; 55,914 is 3,214 above FY2023's 52,700/m);
  });

  it('marks generated data: fictional aircraft no real one can be, never watched; Q1, Q2, Q3 and Q6 lines, count rows, legs and missions say GENERATED', async () => {
    assert.match(demoOutput.stdout, /^    GEN-01 \(b0e001, B763, Generated Charter C\), callsign RPN1701 \[GENERATED\]/m);
    assert.match(demoOutput.stdout, /^    about 114 \(80% interval 77–169\) on a GENERATED flight: /m);
    assert.match(demoOutput.stdout, /^Q6\. FY2024: 1 removal flight\(s\) to China .* about 0\.1%\. \[GENERATED flights, real encounters\]$/m);
    const fleet = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json() as { registration: string; icao24: string; source: string }[];
    const made = fleet.filter((a) => a.source.startsWith('GENERATED'));
    assert.deepEqual(made.map((a) => [a.registration, a.icao24]).sort(), Array.from({ length: 10 }, (_, i) => [`GEN-${String(i + 1).padStart(2, '0')}`, (0xb0e001 + i).toString(16)]));
    const store = await Store.open(db, { readOnly: true });
    try {
      const watched = await watchedIcao24(store);
      assert.equal(watched.size, fleet.length - 10);
      assert.equal([...watched].some((hex) => hex.startsWith('b')), false);
    } finally {
      store.close();
    }
    const count = await runCli(['--db', db, 'flights', 'count', '--kind', 'removal', '--from', '2024-06-04', '--to', '2024-07-03', '--by', 'country']);
    assert.match(count.stdout, /^67 removal leg\(s\) from 2024-06-04 to 2024-07-03 \(exclusive\), 12 countries \[GENERATED: all of them synthetic demo data, not observed\]$/m);
    assert.match(count.stdout, /^  HN Honduras +19  \[GENERATED\]$/m);
    const countJson = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal', '--from', '2024-06-04', '--to', '2024-07-03', '--by', 'country'])).json();
    assert.deepEqual([countJson.generated, countJson.rows[0].generated], [67, 19]);
    const real = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal', '--from', '2020-01-01', '--to', '2020-05-01', '--by', 'country'])).json();
    assert.equal(real.generated, 0);
    assert.equal(real.rows.some((r: { generated?: number }) => r.generated), false);
    const legs = await runCli(['--db', db, 'legs', '--kind', 'removal', '--country', 'CN']);
    assert.match(legs.stdout, /^2024-07-01  GEN-01 .*  GENERATED$/m);
    assert.match(legs.stdout, /^1 leg\(s\); all GENERATED \(synthetic demo data, not observed\); times UTC/m);
    const missions = await runCli(['--db', db, 'missions', '--country', 'CN']);
    assert.match(missions.stdout, /GEN-01 .*\[.*CN.*\].*  GENERATED$/m);
    assert.match(missions.stdout, /^1 mission\(s\); all GENERATED \(synthetic demo data, not observed\); a mission is a chain of legs/m);
    const missionsJson = (await runCli(['--db', db, '--json', 'missions', '--country', 'CN'])).json();
    assert.deepEqual(missionsJson.map((m: { registration: string; generated: boolean }) => [m.registration, m.generated]), [['GEN-01', true]]);
    // Files carry the mark too: a CSV column, a GeoJSON property, a KML name.
    assert.match((await runCli(['--db', db, 'legs', '--kind', 'removal', '--country', 'CN', '--format', 'csv'])).stdout.split('\r\n')[1]!, /^\d+,b0e001,GEN-01,[^,]*,[^,]*,RPN1701,.*,true$/);
    assert.match((await runCli(['--db', db, 'missions', '--country', 'CN', '--format', 'csv'])).stdout.split('\r\n')[1]!, /^\d+,b0e001,GEN-01,KAEX,.*,true$/);
    assert.equal(JSON.parse((await runCli(['--db', db, 'missions', '--country', 'CN', '--format', 'geojson'])).stdout).features[0].properties.generated, true);
    assert.match((await runCli(['--db', db, 'missions', '--country', 'CN', '--format', 'kml'])).stdout, /<name>GENERATED mission \d+ GEN-01 KAEX → PANC → ZBAA → PANC → KAEX<\/name>/);
    const realMissions = (await runCli(['--db', db, '--json', 'missions', '--country', 'GT', '--from', '2020-01-01', '--to', '2020-02-01'])).json();
    assert.ok(realMissions.length > 0);
    assert.equal(realMissions.some((m: { generated: boolean }) => m.generated), false);
  });

  it('builds its own file, says where, and leaves the user’s database as it was; it refuses to replace a file it did not make', async () => {
    assert.equal(demoOutput.stdout.split('\n')[0], `Demo database: ${path.join(builtIn, 'charterwatch-demo.duckdb')}`);
    const mine = await runCli(['--db', userDb, '--json', 'fleet', 'list']);
    assert.deepEqual(mine.json().map((a: { registration: string; source: string }) => [a.registration, a.source]), [['N703KW', 'my own list']]);
    assert.deepEqual((await runCli(['--db', userDb, '--json', 'sources'])).json(), []);
    const refused = await runCli(['--db', userDb, 'demo', '--no-serve']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, `charterwatch: ${userDb} exists and was not made by the demo, so the demo leaves it as it is: give the demo another file with --db PATH (its own is ./charterwatch-demo.duckdb)\n`);
    assert.equal((await runCli(['--db', userDb, '--json', 'fleet', 'list'])).json().length, 1);
  });

  it('Q1: names the aircraft, operator, every leg with airports and times, the US airports, and when the previous China flight was', async () => {
    const r = await runCli(['--db', db, '--json', 'country', 'CN', '--fy', '2024']);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json();
    assert.equal(s.removalFlights.length, 1);
    const l = s.latest;
    assert.deepEqual([l.registration, l.icao24, l.aircraftType, l.operator, l.callsign, l.generated], ['GEN-01', 'b0e001', 'B763', 'Generated Charter C', 'RPN1701', true]);
    assert.deepEqual(
      l.missionLegs.map((m: { kind: string; departure: { airport: string }; arrival: { airport: string } }) => `${m.kind} ${m.departure.airport}→${m.arrival.airport}`),
      ['possible KBRO→KAEX', 'domestic KAEX→PANC', 'removal PANC→ZBAA', 'return ZBAA→PANC', 'domestic PANC→KAEX'],
    );
    const removal = l.missionLegs[2];
    assert.deepEqual(removal.departure, { airport: 'PANC', country: 'US', time: '2024-07-01T23:12:14Z', status: 'observed' });
    assert.deepEqual(removal.arrival, {
      airport: 'ZBAA', country: 'CN', time: '2024-07-02T06:43:35Z', status: 'inferred',
      evidence: 'arrival ZBAA inferred (weighed ZBAA 0.8 (public, 7 km, 1,615 ft above))',
    });
    assert.deepEqual(l.usDepartureAirports, ['KBRO', 'KAEX', 'PANC']);
    assert.equal(s.previous, null);
    assert.equal(s.firstSince.text, 'The latest removal flight to China (2024-07-01) is the only one in the data, which begin 2020-01-12: no earlier one is recorded there.');
    assert.match(l.evidence, /callsign RPN1701 is US DHS ICE's own RPN callsign/);
  });

  it('Q2: estimates the people on board from the headcount of a long-haul mission, capped by seats, with an 80% interval, its model and measured coverage', async () => {
    const s = (await runCli(['--db', db, '--json', 'country', 'CN', '--fy', '2024'])).json();
    assert.deepEqual([s.passengers.seats, s.passengers.passengers, s.passengers.low, s.passengers.high, s.passengers.model], [261, 114, 77, 169, 'long-haul-removal']);
    assert.match(s.passengers.method, /^long-haul removal \(outside the Americas\) model: 102\.1 people a flight at the baseline: the median of 6 published headcounts of long-haul removal flights/);
    assert.equal(s.passengers.coverage, '80% interval, measured coverage 100% on 6 held-out flights');
  });

  it('Q3: counts international removal flights since 4 June, by country, with sources', async () => {
    const r = await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal', '--from', '2024-06-04', '--to', '2024-07-03', '--by', 'country']);
    assert.equal(r.code, 0, r.stderr);
    const c = r.json();
    assert.deepEqual([c.total, c.countries, c.possible], [67, 12, 0]);
    assert.deepEqual(c.rows.slice(0, 3).map((x: { key: string; legs: number }) => [x.key, x.legs]), [['HN', 19], ['SV', 10], ['GT', 8]]);
    assert.deepEqual(c.rows.find((x: { key: string }) => x.key === 'CN').legs, 1);
    assert.equal(c.sources.every((x: { generated: boolean }) => x.generated), true);
    // Legs derived from ADS-B cite the position file they came from: every counted leg is cited.
    assert.equal(c.sources.reduce((a: number, x: { rowsUsed: number }) => a + x.rowsUsed, 0), 67);
  });

  it('Q4: Chinese encounters this fiscal year to date against earlier years, by component, a record within the data', async () => {
    const e = (await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2024', '--through', '2024-05', '--by', 'component'])).json();
    assert.deepEqual([e.total, e.previousYear.fullYear, e.previousYear.exceedsFullYearBy, e.record.thisYearIsRecord], [55914, 52700, 3214, true]);
    assert.deepEqual(e.breakdown.rows.map((r: { key: string; total: number }) => [r.key, r.total]), [['USBP', 31176], ['OFO', 24738]]);
    assert.equal(e.sources[0].file, 'cbp-nationwide-encounters-fy20-fy24-aor.csv.gz');
  });

  it('Q5: China on the cooperation lists over time, with sources', async () => {
    const c = (await runCli(['--db', db, '--json', 'cooperation', 'CN'])).json();
    assert.deepEqual(c.history.filter((h: { status: string }) => h.status === 'named').map((h: { asOf: string }) => h.asOf), ['2017-05', '2020-07', '2024-04']);
    assert.equal(c.sources[0].file, 'ice-uncooperative-countries.csv');
  });

  it('Q6: charter removals against encounters for the fiscal year', async () => {
    const s = (await runCli(['--db', db, '--json', 'country', 'CN', '--fy', '2024'])).json();
    assert.deepEqual(s.chartersVsEncounters.estimatedPassengers, { low: 77, point: 114, high: 169 });
    assert.equal(s.chartersVsEncounters.encounters, 78701);
    assert.match(s.chartersVsEncounters.text, /^FY2024: 1 removal flight\(s\) to China carrying an estimated 114 people \(80% interval 77–169; long-haul removal \(outside the Americas\) model\), against 78,701 encounters of China citizens through 2024-09: about 0\.1%\.$/);
    // ICE's removals of Chinese citizens are loaded for FY2017–FY2024 (ICE's FY2024 Annual Report): the estimate is set against FY2024's 517.
    assert.equal(s.passengerCheck.text, "Estimated people on the removal flights: 114, 22.1% of ICE's 517 removals of China citizens in FY2024.");
    assert.deepEqual(s.removals.rows.map((r: { fiscalYear: number; removals: number }) => [r.fiscalYear, r.removals]), [[2017, 525], [2018, 726], [2019, 637], [2020, 337], [2021, 138], [2022, 127], [2023, 288], [2024, 517]]);
    // How far the statistics reach, from the data, in the JSON and the text.
    assert.deepEqual([s.encounters.dataEnd, s.removals.dataEnd, s.removals.coverage], ['2024-09', '2024-09', { from: 'FY2017', to: 'FY2024' }]);
    assert.deepEqual(s.reach, ['CBP Nationwide Encounters data end 2024-09', 'ICE removals data end FY2024 (2024-09)']);
  });

  it('Q6 for a citizenship CBP does not name: no encounters figure, not a ratio against zero', async () => {
    const s = (await runCli(['--db', db, '--json', 'country', 'JM', '--fy', '2024'])).json();
    assert.equal(s.chartersVsEncounters.encounters, null);
    assert.match(s.chartersVsEncounters.text, /^FY2024: \d+ removal flight\(s\) to Jamaica carrying an estimated [\d,]+ people \(80% interval [\d,]+–[\d,]+; short-haul regional removal \(Americas\) model\); CBP's encounter data do not name Jamaica citizens \(they are counted under OTHER\), so there is no encounters figure to set them against\.$/);
  });

  it('compiles the monthly report against the previous month and the months of the data before it', async () => {
    const r = (await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2024-06'])).json();
    assert.deepEqual(r.kinds.find((k: { kind: string }) => k.kind === 'removal'), { kind: 'removal', legs: 64, previousMonth: 50, average: 50, change: 14, yearBefore: null });
    assert.match(r.rule, /the average is over the months from 2023-12 to 2024-05 that the data cover \(2024-05\)/);
    assert.deepEqual(r.averageMonths, ['2024-05']);
    assert.deepEqual([r.removalLegs, r.missions, r.countries], [64, 64, 11]);
    assert.deepEqual(r.removalsByCountry.slice(0, 2), [{ country: 'HN', name: 'Honduras', legs: 18, previousMonth: 13, possible: 0 }, { country: 'SV', name: 'El Salvador', legs: 9, previousMonth: 4, possible: 0 }]);
    const may = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal', '--from', '2024-05-01', '--to', '2024-06-01', '--by', 'country'])).json();
    assert.equal(may.rows.find((x: { key: string }) => x.key === 'HN').legs, 13);
    // The listing picks the legs the count counts.
    const listed = (await runCli(['--db', db, '--json', 'legs', '--kind', 'removal', '--country', 'HN', '--from', '2024-05-01', '--to', '2024-06-01'])).json();
    assert.equal(listed.length, 13);
    assert.equal(r.generated, true);
  });

  it('writes the monthly report as HTML that opens in Chromium with its map and charts, without console errors', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report-2024-06.html');
    const r = await runCli(['--db', db, 'report', 'monthly', '--month', '2024-06', '--format', 'html', '--out', file, '--package', path.join(dir, 'package')]);
    assert.equal(r.code, 0, r.stderr);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package', 'datapackage.json'), 'utf8'));
    assert.deepEqual(pkg.resources.map((x: { path: string }) => x.path), ['legs_by_kind.csv', 'removals_by_country.csv', 'removals_by_operator.csv', 'removals_by_airport.csv', 'legs.csv', 'comparisons.csv', 'weeks.csv', 'domestic_routes.csv', 'lateral_routes.csv', 'people_by_country.csv']);
    const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'out');
    mkdirSync(out, { recursive: true });
    const { browser, close } = await launchChromium();
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('request', (q) => { if (!q.url().startsWith('file:') && !q.url().startsWith('data:')) problems.push(`off-line request: ${q.url()}`); });
      await page.goto(`file://${file}`);
      assert.equal(await page.locator('svg.route-map').count(), 1);
      assert.ok((await page.locator('svg.route-map path.route, svg.route-map .routes path').count()) > 10);
      assert.ok((await page.locator('svg').count()) >= 2, 'a map and at least one chart');
      assert.match(await page.locator('h1').innerText(), /2024-06/);
      await page.screenshot({ path: path.join(out, 'report-monthly-2024-06.png'), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  it('gives the same figures over HTTP as on the command line (both call src/answers/)', async () => {
    const cli = async (...args: string[]) => (await runCli(['--db', db, '--json', ...args])).json();
    const q3 = await cli('flights', 'count', '--kind', 'removal', '--from', '2024-06-04', '--to', '2024-07-03', '--by', 'country');
    const all = await cli('flights', 'count', '--kind', 'removal', '--by', 'country');
    const gtLegs = await cli('legs', '--kind', 'removal', '--country', 'GT');
    const gt = await cli('country', 'GT');
    const store = await Store.open(db, { readOnly: true });
    try {
      const app = createApp({ store });
      const api = async (url: string) => (await app.request(url)).json() as Promise<any>;
      const rows = (c: { rows: { key: string; legs: number }[] }) => c.rows.map((r) => ({ ...r, flights: r.legs }));
      // Q3: the same period on both, `to` the end (exclusive), echoed as given.
      const apiQ3 = await api('/api/flights/count?kind=removal&from=2024-06-04&to=2024-07-03&by=country');
      assert.deepEqual([apiQ3.total, apiQ3.groups, apiQ3.rows, apiQ3.from, apiQ3.to], [q3.total, q3.countries, rows(q3), '2024-06-04', '2024-07-03']);
      assert.equal(q3.total, 67);
      const apiAll = await api('/api/flights/count?kind=removal&by=country');
      assert.deepEqual(apiAll.rows, rows(all));
      assert.deepEqual([apiAll.total, apiAll.rows.find((r: { key: string }) => r.key === 'HN').flights, apiAll.rows.some((r: { key: string }) => r.key === 'unknown' || r.key === '?')], [441, 111, false]);
      assert.equal((await api('/api/legs?kind=removal&country=GT&limit=1')).total, gtLegs.length);
      const sheet = await api('/api/countries/GT');
      assert.deepEqual(sheet, gt);
      // The latest Guatemala removal, after the aircraft's previous day (a pickup and a flight to Honduras).
      assert.deepEqual(sheet.latest.missionLegs.map((l: { kind: string | null }) => l.kind), ['domestic', 'return', 'removal', 'return']);
    } finally {
      store.close();
    }
  });
});
