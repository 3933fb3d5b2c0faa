import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb } from '../helpers.ts';
import { writeSyntheticLegs } from '../server/synthetic-legs.ts';
import { swiftDb } from '../shared-fixture.ts';

/**
 * The monitor's monthly report (`charterwatch report monthly`) over the real 2020 history (the
 * shipped RadarBox file) and over a generated year (366 days of seeded synthetic legs): every
 * section in Markdown and HTML, and the JSON compared exactly with a snapshot in test/data/reports/.
 * After a deliberate change, rewrite the snapshots with UPDATE_SNAPSHOTS=1 and read the diff.
 */
const SNAPSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'reports');

/** The report's JSON as snapshotted: every leg of the month (`routes`) stands as its count and the sha256 of its JSON, so the file stays readable. */
function snapshotOf(report: Record<string, unknown>): string {
  const routes = report.routes as unknown[];
  const shown = { ...report, routes: { count: routes.length, sha256: createHash('sha256').update(JSON.stringify(routes)).digest('hex') } };
  return `${JSON.stringify(shown, null, 2)}\n`;
}

function matchesSnapshot(name: string, report: Record<string, unknown>): void {
  const file = path.join(SNAPSHOTS, name);
  const text = snapshotOf(report);
  if (process.env.UPDATE_SNAPSHOTS === '1') writeFileSync(file, text);
  assert.equal(text, readFileSync(file, 'utf8'), `${name} differs from the report; if the change is meant, run with UPDATE_SNAPSHOTS=1 and review the diff`);
}

/** The sections every report with data has, as Markdown headings and as HTML ids. */
const SECTIONS_MD = ['## Against other periods', '## Legs by kind', '## Week by week', '## Removal flights by destination country', '## Removal flights by US departure airport', '## Removal flights by operator', '## Domestic shuffles (US to US)', '## Lateral flights (US to a border airport for land removal)', '## People on board (estimate)', '## Rules', '## Sources'];
const SECTIONS_HTML = ['compare', 'kinds', 'map', 'trend', 'weekly', 'countries', 'airports', 'operators', 'domestic', 'lateral', 'passengers', 'sources'];

describe('the monthly report over the real 2020 history', () => {
  let db: string;
  let json: any;
  before(async () => {
    db = await swiftDb(); // this file's copy of the history as `ingest` loads it (test/shared-fixture.ts)
    const report = await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2020-03']);
    assert.equal(report.code, 0, report.stderr);
    json = report.json();
  });

  it('gives March 2020 against February, March 2019 (no data) and FY2020 so far, naming the months with data', () => {
    assert.deepEqual(json.comparisons.map((c: any) => [c.period, c.label, c.removalLegs, c.missions, c.possible, c.monthsWithData.join(' ')]), [
      ['this month', '2020-03', 79, 79, 0, '2020-03'],
      ['previous month', '2020-02', 95, 93, 0, '2020-02'],
      ['same month a year before', '2019-03', null, null, null, ''],
      ['fiscal year to date', 'FY2020 to date (2019-10 to 2020-03)', 226, 223, 1, '2020-01 2020-02 2020-03'],
    ]);
    // The fiscal year's figure is the count "flights count" gives for the same dates.
    assert.equal(json.comparisons[3].months.length, 6);
  });

  it('gives the weeks of the month, Monday to Sunday cut at its ends, adding up to the month', () => {
    assert.deepEqual(json.weekly.map((w: any) => [w.from, w.to, w.removalLegs]), [
      ['2020-03-01', '2020-03-01', 0], ['2020-03-02', '2020-03-08', 25], ['2020-03-09', '2020-03-15', 25],
      ['2020-03-16', '2020-03-22', 11], ['2020-03-23', '2020-03-29', 13], ['2020-03-30', '2020-03-31', 5],
    ]);
    assert.equal(json.weekly.reduce((a: number, w: any) => a + w.removalLegs, 0), json.removalLegs);
    assert.equal(json.weekly.reduce((a: number, w: any) => a + w.days, 0), 31);
  });

  it('gives domestic shuffles and lateral flights by route, as many as the kinds table counts', () => {
    const kinds = Object.fromEntries(json.kinds.map((k: any) => [k.kind, k.legs]));
    assert.deepEqual([json.domestic.legs, json.lateral.legs], [kinds.domestic, kinds.lateral]);
    assert.deepEqual([json.domestic.legs, json.lateral.legs], [198, 67]);
    assert.deepEqual(json.domestic.routes[0], { from: 'KBRO', fromName: 'Brownsville/South Padre Island International Airport', fromCountry: 'US', to: 'KAEX', toName: 'Alexandria International Airport', toCountry: 'US', legs: 12 });
  });

  it('names airports and countries beside their codes, and gives the people on board with the method', () => {
    assert.deepEqual(json.removalsByAirport[0], { airport: 'KBRO', name: 'Brownsville/South Padre Island International Airport', legs: 19 });
    assert.deepEqual(json.removalsByCountry[0], { country: 'GT', name: 'Guatemala', legs: 33, possible: 0, previousMonth: 45 });
    assert.deepEqual([json.passengers.point, json.passengers.low, json.passengers.high, json.passengers.flights, json.passengers.unestimated], [6383, 4337, 9464, 79, 0]);
    assert.match(json.passengers.methods[0].method, /^short-haul regional removal \(Americas\) model: 100\.5 people a mission at the baseline/);
    assert.deepEqual(Object.keys(json.rules).sort(), ['airports', 'comparisons', 'countries', 'domestic', 'kinds', 'lateral', 'missions', 'operators', 'passengers', 'possible', 'weekly']);
    assert.equal(json.generated, false);
  });

  it('shows every section in Markdown and HTML', async () => {
    const md = (await runCli(['--db', db, 'report', 'monthly', '--month', '2020-03'])).stdout;
    for (const s of SECTIONS_MD) assert.ok(md.includes(`\n${s}\n`), s);
    assert.match(md, /^\| fiscal year to date: FY2020 to date \(2019-10 to 2020-03\) \| 226 \| 223 \| 1 \| data for 2020-01, 2020-02, 2020-03 only \(3 of 6 months\) \|$/m);
    assert.match(md, /^\| same month a year before: 2019-03 \| no data \| no data \| no data \| no leg in 2019-03 \|$/m);
    assert.doesNotMatch(md, /GENERATED/);
    const html = (await runCli(['--db', db, 'report', 'monthly', '--month', '2020-03', '--format', 'html'])).stdout;
    for (const id of SECTIONS_HTML) assert.match(html, new RegExp(`<h2 id="${id}">`), id);
    assert.match(html, /<td>KBRO Brownsville\/South Padre Island International Airport<\/td><td class="n">19<sup>/);
    assert.equal((html.match(/<p class="rule">/g) ?? []).length, 10);
  });

  it('matches its JSON snapshot (test/data/reports/monthly-2020-03.json)', () => {
    matchesSnapshot('monthly-2020-03.json', json);
  });
});

describe('the monthly report over a generated year', () => {
  const db = tempDb();
  let json: any;
  before(async () => {
    const store = await Store.open(db);
    await writeSyntheticLegs(store, { days: 366 });
    store.close();
    const report = await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2024-06']);
    assert.equal(report.code, 0, report.stderr);
    json = report.json();
  });

  it('marks every figure GENERATED and compares within the generated year', async () => {
    assert.equal(json.generated, true);
    assert.deepEqual(json.comparisons.map((c: any) => [c.period, c.removalLegs, c.generated, c.monthsWithData.length, c.months.length]), [
      ['this month', 120, 120, 1, 1],
      ['previous month', 124, 124, 1, 1],
      ['same month a year before', null, null, 0, 1],
      ['fiscal year to date', 728, 728, 6, 9],
    ]);
    assert.deepEqual(json.averageMonths, ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    assert.equal(json.weekly.reduce((a: number, w: any) => a + w.removalLegs, 0), 120);
    assert.deepEqual([json.domestic.legs, json.lateral.legs, json.lateral.routes], [120, 0, []]);
    const md = (await runCli(['--db', db, 'report', 'monthly', '--month', '2024-06'])).stdout;
    for (const s of SECTIONS_MD) assert.ok(md.includes(`\n${s}\n`), s);
    assert.match(md, /^> This month includes GENERATED \(synthetic demo\) flights\.$/m);
    assert.match(md, /^\| this month: 2024-06 \| 120 GENERATED \| /m);
    assert.match(md, /^- generated:synthetic-legs \(source 9001, generated-legs, GENERATED\)/m);
    const html = (await runCli(['--db', db, 'report', 'monthly', '--month', '2024-06', '--format', 'html'])).stdout;
    for (const id of SECTIONS_HTML) assert.match(html, new RegExp(`<h2 id="${id}">`), id);
    assert.match(html, /<p class="generated">This month includes GENERATED/);
  });

  it('matches its JSON snapshot (test/data/reports/monthly-generated-2024-06.json)', () => {
    matchesSnapshot('monthly-generated-2024-06.json', json);
  });
});
