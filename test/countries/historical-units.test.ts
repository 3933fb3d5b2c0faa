import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countryByCode, countryCode } from '../../src/countries/countries.ts';
import { dataPath } from '../../src/paths.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb } from '../helpers.ts';

/**
 * The shipped ICE removals file names two units that are no country today: CZECHOSLOVAKIA and
 * KOREA (listed apart from SOUTH KOREA). They map to documented historical units
 * (data/reference/country-aliases.csv), so loading the file warns of nothing a user cannot act on.
 */
describe('historical units in the shipped ICE removals file', () => {
  it('loads data/stats/ice-removals-by-citizenship-fy2017-fy2018.csv without an unmatched-country warning', async () => {
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', dataPath('stats/ice-removals-by-citizenship-fy2017-fy2018.csv')]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /match no country/);
    const store = await Store.open(db, { readOnly: true });
    try {
      assert.equal(await store.value(`SELECT count(*)::INTEGER FROM unmatched_names`), 0);
      assert.equal(await store.value(`SELECT count(*)::INTEGER FROM removals WHERE citizenship IS NULL`), 0);
      const rows = await store.all<{ raw: string; code: string; fy: number; n: number }>(
        `SELECT trim(citizenship_raw) AS raw, citizenship AS code, fiscal_year AS fy, count::INTEGER AS n FROM removals WHERE citizenship IN ('CSHH', 'XKOR', 'KR') ORDER BY code, fy`,
      );
      assert.deepEqual(rows.map((x) => [x.raw, x.code, x.fy, x.n]), [
        ['CZECHOSLOVAKIA', 'CSHH', 2017, 6], ['CZECHOSLOVAKIA', 'CSHH', 2018, 4],
        ['SOUTH KOREA', 'KR', 2017, 113], ['SOUTH KOREA', 'KR', 2018, 122],
        ['KOREA', 'XKOR', 2017, 44], ['KOREA', 'XKOR', 2018, 32],
      ]);
    } finally {
      store.close();
    }
  });

  it('names the units for what they are, and never folds KOREA into South or North Korea', () => {
    assert.equal(countryCode('CZECHOSLOVAKIA'), 'CSHH');
    assert.equal(countryByCode('CSHH')?.name, 'Czechoslovakia (former)');
    assert.equal(countryCode('KOREA'), 'XKOR');
    assert.equal(countryByCode('XKOR')?.name, 'Korea (as ICE lists it, apart from South Korea; which Korea is not stated)');
    assert.equal(countryCode('SOUTH KOREA'), 'KR');
  });
});
