import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { writeHoles } from './holes.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

/**
 * The monthly report where the data have holes: a month without data says "no data" (never a
 * table of zeros), the chart draws nothing for it, averages name the months they use, and a
 * multi-stop mission counts once as a mission while each of its legs counts as a leg. Legs are
 * written straight into a real database: January and March 2024 have legs, February none.
 */
let db: string;

before(async () => {
  db = tempDb();
  await writeHoles(db);
});

describe('the monthly report over data with holes', () => {
  it('says "no data" for a month the data do not cover, with no table of zeros', async () => {
    const text = await runCli(['--db', db, 'report', 'monthly', '--month', '2023-01']);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stdout, '# Removal flight report, 2023-01\n\nNo data for 2023-01: the database holds no leg dated in that month (its legs run from 2024-01 to 2024-03). This is not a count of zero flights.\n');
    const r = (await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2024-02'])).json();
    assert.deepEqual([r.hasData, r.removalLegs, r.missions, r.countries], [false, null, null, null]);
    assert.deepEqual(r.kinds.find((k: { kind: string }) => k.kind === 'removal'), { kind: 'removal', legs: null, previousMonth: 1, average: 1, change: null, yearBefore: null });
    const dir = tempDir();
    const file = path.join(dir, 'feb.html');
    assert.equal((await runCli(['--db', db, 'report', 'monthly', '--month', '2024-02', '--format', 'html', '--out', file])).code, 0);
    const html = readFileSync(file, 'utf8');
    assert.match(html, /<p class="no-data">No data for 2024-02: the database holds no leg dated in that month \(its legs run from 2024-01 to 2024-03\)\. This is not a count of zero flights\.<\/p>/);
    assert.doesNotMatch(html, /<table/);
  });

  it('gives no previous-month figure and no change when the month before has no data; the average names its months', async () => {
    const r = (await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2024-03'])).json();
    assert.equal(r.hasData, true);
    assert.deepEqual(r.averageMonths, ['2024-01']);
    assert.deepEqual(r.kinds.find((k: { kind: string }) => k.kind === 'removal'), { kind: 'removal', legs: 3, previousMonth: null, average: 1, change: null, yearBefore: null });
    assert.deepEqual(r.removalsByCountry.map((c: { country: string; previousMonth: number | null }) => [c.country, c.previousMonth]), [['GT', null], ['HN', null], ['SV', null]]);
    assert.deepEqual(r.trend.slice(-3), [
      { month: '2024-01', hasData: true, removal: 1, return: 0, domestic: 0, lateral: 0 },
      { month: '2024-02', hasData: false, removal: null, return: null, domestic: null, lateral: null },
      { month: '2024-03', hasData: true, removal: 3, return: 1, domestic: 0, lateral: 0 },
    ]);
    const text = (await runCli(['--db', db, 'report', 'monthly', '--month', '2024-03'])).stdout;
    assert.match(text, /^\| kind \| legs \| previous month \| change \| same month a year before \(2023-03\) \| average of 2024-01 \|$/m);
    assert.match(text, /^\| removal \| 3 \| no data \| – \| no data \| 1 \|$/m);
    assert.match(text, /^\| GT Guatemala \| 1 \| 0 \| no data \|$/m);
  });

  it('counts a multi-stop mission once as a mission and each of its legs as a leg', async () => {
    const r = (await runCli(['--db', db, '--json', 'report', 'monthly', '--month', '2024-03'])).json();
    assert.deepEqual([r.removalLegs, r.missions, r.countries], [3, 2, 3]);
    const text = (await runCli(['--db', db, 'report', 'monthly', '--month', '2024-03'])).stdout;
    assert.match(text, /^3 removal flight\(s\) \(legs\) in 2 mission\(s\) \(chains of legs, a multi-stop mission counted once\), to 3 countries; 0 more possible removal\(s\) beside the figure, not in it\.$/m);
  });

  it('draws no bar for a month without data in the twelve-month chart, and writes "no data" in its column', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mar.html');
    assert.equal((await runCli(['--db', db, 'report', 'monthly', '--month', '2024-03', '--format', 'html', '--out', file])).code, 0);
    const html = readFileSync(file, 'utf8');
    // Bars carry a title "month kind: n"; January's and March's are drawn, none for February or the months before.
    assert.match(html, /<title>2024-01 removal: 1<\/title>/);
    assert.match(html, /<title>2024-03 removal: 3<\/title>/);
    assert.doesNotMatch(html, /<title>2024-02 [a-z]+: /);
    assert.doesNotMatch(html, /<title>2023-\d\d [a-z]+: /);
    assert.match(html, /<title>2024-02: no data<\/title>/);
    assert.equal((html.match(/<title>\d{4}-\d\d: no data<\/title>/g) ?? []).length, 10, 'the ten months without data read "no data"');
    assert.match(html, /<p class="no-data">No data \(no bar drawn\): 2023-04, 2023-05, 2023-06, 2023-07, 2023-08, 2023-09, 2023-10, 2023-11, 2023-12, 2024-02\.<\/p>/);
  });
});
