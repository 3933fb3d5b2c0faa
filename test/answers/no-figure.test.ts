import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { gapWords } from '../../src/answers/country.ts';
import { dataPath } from '../../src/paths.ts';
import { runCli, tempDb } from '../helpers.ts';

/**
 * Where the data have no figure, the answer says so instead of printing zeros: a citizenship a
 * dataset never names, a dataset that is not loaded. And a gap of days reads as words a person
 * would write. Over the shipped CBP Southwest release (data/stats/), loaded into a real database.
 */
let db: string;

before(async () => {
  db = tempDb();
  const r = await runCli(['--db', db, 'ingest', dataPath('stats/cbp-southwest-encounters-fy22-fy25-aug.csv')]);
  assert.equal(r.code, 0, r.stderr);
});

describe('no figure is not zero', () => {
  it('encounters of a citizenship the dataset never names: says so, exit 1, no table of zeros', async () => {
    const r = await runCli(['--db', db, 'encounters', '--dataset', 'cbp-southwest', '--citizenship', 'CN', '--fy', '2024']);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'charterwatch: no China (CN) figure in cbp-southwest: CBP Southwest Land Border Encounters (loaded, 2021-10 to 2025-08) names only GT, HN, MX, SV and counts every other citizenship under OTHER, so it has no figure for CN (not zero encounters); try --dataset ohss-usbp (Border Patrol only, more citizenships)\n',
    );
    // A citizenship it names still gets its figure.
    const mx = await runCli(['--db', db, '--json', 'encounters', '--dataset', 'cbp-southwest', '--citizenship', 'MX', '--fy', '2024']);
    assert.equal(mx.code, 0, mx.stderr);
    assert.equal(mx.json().named, true);
    assert.ok(mx.json().total > 0);
  });

  it('encounters of a dataset not loaded: says which and how to load one', async () => {
    const r = await runCli(['--db', db, 'encounters', '--citizenship', 'MX', '--fy', '2024']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'charterwatch: no cbp-nationwide encounters in the database: load a release with "charterwatch ingest"\n');
  });

  it('a gap between two flights in words: never "1 days (0.0 years)"', () => {
    assert.deepEqual([0, 1, 2, 364, 365, 800].map(gapWords), [
      'earlier the same day', '1 day earlier', '2 days earlier', '364 days earlier', '365 days (1.0 years) earlier', '800 days (2.2 years) earlier',
    ]);
  });
});
