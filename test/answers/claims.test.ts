import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDir } from '../helpers.ts';
import { demoRun, swiftDb as sharedSwiftDb } from '../shared-fixture.ts';

/**
 * Claims checked against real files: the demo database (real CBP statistics, generated 2024
 * flights, the real 2020 histories) built by the demo command, and a database of the real 2020
 * Swift Air history whose fleet registry is set by each test.
 */
const SHIPPED = path.resolve('data/claims/dhs-2024-07-china.yaml');
const dir = tempDir();
let demoDb: string;
let swiftDb: string;

/** Writes a claim file of one claim per reading. */
function claimFile(name: string, readings: string[]): string {
  const file = path.join(dir, name);
  const body = readings.map((r, i) => `  - id: c${i + 1}\n    words: "claim ${i + 1}"\n    said_by: a test\n    where: test\n    when: 2024-07-02\n    reading:\n${r.split('\n').map((l) => `      ${l}`).join('\n')}\n`).join('');
  writeFileSync(file, `claims:\n${body}`);
  return file;
}

async function check(db: string, file: string) {
  const r = await runCli(['--db', db, '--json', 'claims', 'check', file]);
  assert.equal(r.code, 0, r.stderr);
  return r.json().claims as { id: string; verdict: string; figure: number | null; possible: number | null; why: string; generated: boolean; coverage: any }[];
}

before(async () => {
  // Copies of databases built once for the files that share them (test/shared-fixture.ts).
  // Side by side: when another file is building the demo, this one builds the history meanwhile.
  [demoDb, swiftDb] = await Promise.all([demoRun().then((d) => d.db), sharedSwiftDb()]);
  // The registry watches two aircraft that flew every day or so in February 2020.
  assert.equal((await runCli(['--db', swiftDb, 'fleet', 'add', 'N458UW', 'N420US', '--source', 'test'])).code, 0);
});

describe('claims check', () => {
  it('checks the shipped July 2024 claims on the demo database: encounters supported from the real CBP file, flights from generated data and labelled so, "first since 2018" not checkable', async () => {
    const c = await check(demoDb, SHIPPED);
    assert.deepEqual(c.map((x) => [x.id, x.verdict, x.figure, x.generated]), [
      ['first-since-2018', 'not checkable here', null, true],
      ['flights-since-june-4', 'not checkable here', 67, true],
      ['countries-since-june-4', 'not checkable here', 12, true],
      ['encounters-fy2024', 'supported', 55914, false],
      ['encounters-above-record-year', 'supported', 55914, false],
    ]);
    assert.equal(c[0]!.why, 'not checkable here: the data begin 2020-01-12, after the start of 2018: they cannot show whether a flight flew in 2018 or since');
    assert.equal(c[1]!.why, 'not checkable here: 67 is not more than 120, but the data cover 29 of 29 days (100%) from 2024-06-04 to 2024-07-02 and hold 10 of 77 watched aircraft (13%): a partial count can support "more than", not contradict it [GENERATED data: the figure shows the method, not the program]');
    assert.deepEqual([c[1]!.coverage.watched, c[1]!.coverage.watchedWithData, c[1]!.coverage.days, c[1]!.coverage.daysWithData], [77, 10, 29, 29]);
    assert.equal(c[3]!.why, '55,914 is within ±10% of 56,000 (−0.2%); 8 of 8 months (2023-10 to 2024-05) in the data, from cbp-nationwide-encounters-fy20-fy24-aor.csv.gz (release through 2024-09)');
    assert.match(c[4]!.why, /^55,914 is 3,214 above FY2023's 52,700, the highest whole year in the data \(which begin FY2020\): more than 3,000 above the highest earlier year, a record within the data;/);
    const text = await runCli(['--db', demoDb, 'claims', 'check', SHIPPED]);
    assert.match(text.stdout, /^ {2}"more than 120 international repatriation flights" \(U\.S\. Department of Homeland Security, press release, 2024-07-02\): NOT CHECKABLE HERE$/m);
    assert.match(text.stdout, /data: 67 \[GENERATED\];/);
  });

  it('each comparison against complete statistics: supported or contradicted', async () => {
    const enc = 'measure: encounters\nfilter: { citizenship: CN, fiscal_year: 2024, through: 2024-05 }';
    const c = await check(demoDb, claimFile('stats.yaml', [
      `${enc}\ncomparison: about\nnumber: 50000`, // 55,914 is 11.8% above
      `${enc}\ncomparison: more than\nnumber: 55914`,
      `${enc}\ncomparison: at least\nnumber: 55914`,
      `${enc}\ncomparison: record\nnumber: 4000`, // the margin is 3,214
      `${enc}\ncomparison: about\nnumber: 62000`, // 9.8% below
    ]));
    assert.deepEqual(c.map((x) => x.verdict), ['contradicted', 'contradicted', 'supported', 'contradicted', 'supported']);
    assert.equal(c[0]!.why, '55,914 is more than 10% above 50,000 (+11.8%); 8 of 8 months (2023-10 to 2024-05) in the data, from cbp-nationwide-encounters-fy20-fy24-aor.csv.gz (release through 2024-09)');
    assert.match(c[3]!.why, /^55,914 is only 3,214 above FY2023's 52,700, the highest whole year in the data \(which begin FY2020\); not more than 4,000 above the highest earlier year;/);
  });

  it('a filter the data cannot answer, and a measure they cannot count, are not checkable here and say why', async () => {
    const c = await check(demoDb, claimFile('filters.yaml', [
      'measure: removal-flights\nfilter: { from: 2024-06-04, to: 2024-07-02, citizenship: CN }\ncomparison: more than\nnumber: 1',
      'measure: people-on-board\nfilter: { country: CN }\ncomparison: about\nnumber: 116',
      'measure: encounters\nfilter: { citizenship: JM, fiscal_year: 2024 }\ncomparison: about\nnumber: 1000',
    ]));
    assert.deepEqual(c.map((x) => [x.verdict, x.figure]), [['not checkable here', null], ['not checkable here', null], ['not checkable here', null]]);
    assert.equal(c[0]!.why, 'not checkable here: flights are counted by destination country, period and kind; the data do not record "citizenship" (filter citizenship: CN)');
    assert.match(c[2]!.why, /^not checkable here: CBP Nationwide Encounters \(ports of entry and Border Patrol, all borders\) names 21 citizenship\(s\) and counts the rest as OTHER; JM is not among them, so there is no figure \(not zero encounters\)\./);
  });

  it('"first since": a flight seen after the year contradicts; one in the year supports when the data cover the days between; even where the data begin after the year', async () => {
    const co = 'measure: first-since\nfilter: { country: CO, from: 2020-03-30, to: 2020-03-30 }\ncomparison: first since';
    const c = await check(swiftDb, claimFile('first.yaml', [`${co}\nnumber: 2020`, `${co}\nnumber: 2019`, `${co}\nnumber: 2018`]));
    assert.deepEqual(c.map((x) => [x.verdict, x.figure]), [['supported', 2020], ['contradicted', 2020], ['contradicted', 2020]]);
    assert.equal(c[0]!.why, 'the removal flight to CO before the one of 2020-03-30 is on 2020-02-24, in 2020, with none between in the data (from 2020-01-12)');
    assert.equal(c[1]!.why, 'a removal flight to CO flew on 2020-02-24, after 2019, before the one of 2020-03-30');
    // Data that begin after the year cannot say there was none in it: the shipped claim on the demo (first test).
    // On the demo, the 2020 history and the generated 2024 months leave four years without data between two Guatemala flights.
    const gt = await check(demoDb, claimFile('first-gt.yaml', ['measure: first-since\nfilter: { country: GT, from: 2024-05-01, to: 2024-05-31 }\ncomparison: first since\nnumber: 2020']));
    assert.equal(gt[0]!.verdict, 'not checkable here');
    assert.match(gt[0]!.why, /^not checkable here: the removal flight to GT before the one of 2024-05-01 is on 2020-04-24, in 2020, but between them the data cover 3 of 1467 days \(0%\)/);
  });

  it('the possible band, beside the firm figure, turns "not supported" into "not checkable here" only when it would reach the number', async () => {
    const day = 'measure: removal-flights\nfilter: { country: GT, from: 2020-01-16, to: 2020-01-16 }\ncomparison: at least';
    const c = await check(swiftDb, claimFile('band.yaml', [`${day}\nnumber: 3`, `${day}\nnumber: 4`]));
    assert.deepEqual(c.map((x) => [x.verdict, x.figure, x.possible]), [['not checkable here', 2, 1], ['not supported', 2, 1]]);
    assert.equal(c[0]!.why, 'not checkable here: 2 is not at least 3, but with the 1 possible it would be; the data cover 1 of 1 days (100%) from 2020-01-16 to 2020-01-16 and hold 2 of 2 watched aircraft (100%)');
  });

  it('"about" needs 90% of the days and of the watched fleet: above it the count decides, below it the claim is not checkable here', async () => {
    const feb = 'measure: removal-flights\nfilter: { from: 2020-02-01, to: 2020-02-29, kind: removal }';
    const readings = [`${feb}\ncomparison: about\nnumber: 95`, `${feb}\ncomparison: about\nnumber: 80`, `${feb}\ncomparison: about\nnumber: 130`, `${feb}\ncomparison: more than\nnumber: 90`, `${feb}\ncomparison: at least\nnumber: 200`];
    const full = await check(swiftDb, claimFile('feb.yaml', readings));
    assert.deepEqual(full.map((x) => [x.verdict, x.figure, x.possible]), [['supported', 95, 0], ['contradicted', 95, 0], ['not supported', 95, 0], ['supported', 95, 0], ['not supported', 95, 0]]);
    assert.deepEqual([full[0]!.coverage.daysWithData, full[0]!.coverage.days, full[0]!.coverage.watchedWithData, full[0]!.coverage.watched], [29, 29, 2, 2]);
    assert.equal(full[0]!.why, '95 is within ±10% of 95 (+0%); the data cover 29 of 29 days (100%) from 2020-02-01 to 2020-02-29 and hold 2 of 2 watched aircraft (100%)');
    // A third watched aircraft with no data that month: 2 of 3 is below what "about" needs; "more than" still holds as a lower bound.
    assert.equal((await runCli(['--db', swiftDb, 'fleet', 'add', 'N739RS', '--source', 'test'])).code, 0);
    const partial = await check(swiftDb, claimFile('feb2.yaml', readings));
    assert.deepEqual(partial.map((x) => x.verdict), ['not checkable here', 'not checkable here', 'not checkable here', 'supported', 'not checkable here']);
    assert.equal(partial[0]!.why, 'not checkable here: "about" needs at least 90% of the days and of the watched fleet, and the data cover 29 of 29 days (100%) from 2020-02-01 to 2020-02-29 and hold 2 of 3 watched aircraft (67%); the data\'s 95 is a lower bound');
    assert.equal(partial[3]!.why, '95 is more than 90 already, as a lower bound; the data cover 29 of 29 days (100%) from 2020-02-01 to 2020-02-29 and hold 2 of 3 watched aircraft (67%)');
  });

  it('refuses a malformed claim file with its name and line', async () => {
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'claims:\n  - id: a\n    words: "x"\n    said_by: y\n    where: z\n    when: 2024-07-02\n    reading:\n      measure: encounters\n      comparison: about\n      number: 56,000\n');
    const r = await runCli(['--db', demoDb, 'claims', 'check', bad]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'charterwatch: bad.yaml:10: claim a: "number" should be a number of 0 or more, written without commas\n');
    const broken = path.join(dir, 'broken.yaml');
    writeFileSync(broken, 'claims:\n  - id: a\n    words: "unclosed\n');
    const b = await runCli(['--db', demoDb, 'claims', 'check', broken]);
    assert.equal(b.code, 1);
    assert.match(b.stderr, /^charterwatch: broken\.yaml:4: not valid YAML: Missing closing "quote/);
    const unknown = path.join(dir, 'unknown.yaml');
    writeFileSync(unknown, 'claims:\n  - id: a\n    words: x\n    said_by: y\n    where: z\n    when: 2024-07-02\n    reading:\n      measure: encounters\n      filter:\n        gender: f\n      comparison: about\n      number: 1\n');
    assert.equal((await runCli(['--db', demoDb, 'claims', 'check', unknown])).stderr, 'charterwatch: unknown.yaml:10: claim a: unknown filter "gender" (expected country, from, to, kind, citizenship, fiscal_year, through, dataset)\n');
  });

  it('gives the same verdicts over HTTP (/api/claims) and in the monthly report of the claims\' month', async () => {
    const cli = await check(demoDb, SHIPPED);
    const store = await Store.open(demoDb, { readOnly: true });
    try {
      const res = await createApp({ store }).request('/api/claims?file=dhs-2024-07-china.yaml');
      assert.equal(res.status, 200);
      const api = (await res.json()) as { file: string; claims: { verdict: string; figure: number | null }[] };
      assert.deepEqual(api.claims.map((x) => [x.verdict, x.figure]), cli.map((x) => [x.verdict, x.figure]));
    } finally {
      store.close();
    }
    const june = (await runCli(['--db', demoDb, '--json', 'report', 'monthly', '--month', '2024-06', '--claims', SHIPPED])).json();
    assert.deepEqual(june.claims.map((x: { id: string }) => x.id), ['first-since-2018', 'flights-since-june-4', 'countries-since-june-4']);
    const may = (await runCli(['--db', demoDb, '--json', 'report', 'monthly', '--month', '2024-05', '--claims', SHIPPED])).json();
    assert.deepEqual(may.claims.map((x: { id: string; verdict: string }) => [x.id, x.verdict]), [['encounters-fy2024', 'supported'], ['encounters-above-record-year', 'supported']]);
    const md = await runCli(['--db', demoDb, 'report', 'monthly', '--month', '2024-05', '--claims', SHIPPED]);
    assert.match(md.stdout, /^\| "nearly 56,000 Chinese nationals" \| news report of July 2024, citing CBP figures, 2024-07-02 \| supported \| 55,914 \|/m);
    const html = await runCli(['--db', demoDb, 'report', 'monthly', '--month', '2024-06', '--format', 'html', '--claims', SHIPPED]);
    assert.match(html.stdout, /<h2>Claims of the month<\/h2>.*<tr><td>“more than 120 international repatriation flights”<\/td><td>U\.S\. Department of Homeland Security, press release, 2024-07-02<\/td><td>not checkable here<\/td><td class="n">67 \(GENERATED\)<\/td>/s);
  });
});
