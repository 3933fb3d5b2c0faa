import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataPath } from '../../src/paths.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb } from '../helpers.ts';

/**
 * data/stats/ice-removals-by-citizenship-fy2019-fy2024.csv is the appendix table of ICE's
 * FY2024 Annual Report ("FY 2019 – FY 2024 YTD ICE Removals by Country of Citizenship",
 * pp. 97–103), transcribed row by row (data/README.md). ICE prints a Total row; the file leaves
 * it out, and this test holds every year's rows to it.
 */
const PUBLISHED_TOTALS: [number, number][] = [
  [2019, 267_258],
  [2020, 185_884],
  [2021, 59_011],
  [2022, 72_177],
  [2023, 142_580],
  [2024, 271_484],
];

describe('ICE removals FY2019–FY2024 (ICE Annual Report FY2024, appendix)', () => {
  it('loads every row, each name matched to a country or documented unit, and each year sums to the total ICE printed', async () => {
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', dataPath('stats/ice-removals-by-citizenship-fy2019-fy2024.csv')]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [228, 228, 0]);
    assert.doesNotMatch(r.stderr, /match no country/);
    const store = await Store.open(db, { readOnly: true });
    try {
      assert.equal(await store.value(`SELECT count(*)::INTEGER FROM unmatched_names`), 0);
      assert.equal(await store.value(`SELECT count(*)::INTEGER FROM removals WHERE citizenship IS NULL`), 0);
      const sums = await store.all<{ fy: number; n: number }>(`SELECT fiscal_year AS fy, sum(count)::INTEGER AS n FROM removals GROUP BY 1 ORDER BY 1`);
      assert.deepEqual(sums.map((x) => [x.fy, x.n]), PUBLISHED_TOTALS);
      const units = await store.all<{ raw: string; code: string; n: number }>(
        `SELECT citizenship_raw AS raw, citizenship AS code, count::INTEGER AS n FROM removals WHERE fiscal_year = 2023 AND citizenship IN ('SUHH', 'XSTL', 'XKOR', 'CSHH', 'TR', 'FM') ORDER BY code`,
      );
      assert.deepEqual(units.map((x) => [x.raw, x.code, x.n]), [
        ['Czechoslovakia', 'CSHH', 0], ['Micronesia, Federated States of', 'FM', 91], ['USSR', 'SUHH', 1], ['Türkiye', 'TR', 787], ['Korea', 'XKOR', 7], ['Stateless', 'XSTL', 12],
      ]);
    } finally {
      store.close();
    }
    const cn = (await runCli(['--db', db, '--json', 'removals', '--citizenship', 'CN'])).json();
    assert.deepEqual(cn.rows.map((x: { fiscalYear: number; removals: number }) => [x.fiscalYear, x.removals]), [[2019, 637], [2020, 337], [2021, 138], [2022, 127], [2023, 288], [2024, 517]]);
    const top2024 = (await runCli(['--db', db, '--json', 'removals', '--fy', '2024'])).json();
    assert.deepEqual(top2024.rows.slice(0, 3).map((x: { citizenship: string; removals: number }) => [x.citizenship, x.removals]), [['MX', 87_298], ['GT', 66_435], ['HN', 45_923]]);
  });

  it('joins the FY2017–FY2018 file without overlap: one row per country and year', async () => {
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', dataPath('stats/ice-removals-by-citizenship-fy2017-fy2018.csv'), dataPath('stats/ice-removals-by-citizenship-fy2019-fy2024.csv')]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /match no country/);
    const mx = (await runCli(['--db', db, '--json', 'removals', '--citizenship', 'MX'])).json();
    assert.deepEqual(mx.rows.map((x: { fiscalYear: number; removals: number }) => [x.fiscalYear, x.removals]), [
      [2017, 128_765], [2018, 141_045], [2019, 127_492], [2020, 100_388], [2021, 31_761], [2022, 33_832], [2023, 54_056], [2024, 87_298],
    ]);
  });
});
