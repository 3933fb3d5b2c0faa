import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempDb, tempDir } from '../helpers.ts';
import { writeCbp, wholeYear } from './cbp-fixtures.ts';

describe('overlapping CBP releases', () => {
  // Release A: FY2023 whole, FY2024 October–December. Release B (later): FY2024 October–March,
  // with October revised from 100 to 130. Loaded in either order, each month counts once, from
  // the latest release covering it.
  const setup = () => {
    const dir = tempDir();
    const a = writeCbp(dir, 'release-a.csv', [...wholeYear(2023, 50), ...['OCT', 'NOV', 'DEC'].map((month) => ({ fy: 2024, month, count: 100 }))]);
    const b = writeCbp(dir, 'release-b.csv', [
      { fy: 2024, month: 'OCT', count: 130 },
      ...['NOV', 'DEC', 'JAN', 'FEB', 'MAR'].map((month) => ({ fy: 2024, month, count: 100 })),
    ]);
    return { a, b };
  };

  for (const order of ['older first', 'newer first'] as const) {
    it(`counts each month once, from the later release, when loaded ${order}`, async () => {
      const { a, b } = setup();
      const db = tempDb();
      const r = await runCli(['--db', db, 'ingest', ...(order === 'older first' ? [a, b] : [b, a])]);
      assert.equal(r.code, 0, r.stderr);
      const fy24 = (await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2024'])).json();
      assert.equal(fy24.through, '2024-03');
      assert.equal(fy24.total, 630);
      const idOf = Object.fromEntries(fy24.sources.map((s: { file: string; sourceId: number }) => [s.file, s.sourceId]));
      assert.deepEqual(fy24.monthly.map((m: { total: number; sourceId: number }) => [m.total, m.sourceId]), [130, 100, 100, 100, 100, 100].map((n) => [n, idOf['release-b.csv']]));
      // Release A still gives FY2023, which the comparisons use; release B every FY2024 month.
      assert.deepEqual(
        fy24.sources.map((s: { file: string; releaseThrough: string; rowsUsed: number }) => [s.file, s.releaseThrough, s.rowsUsed]).sort(),
        [['release-a.csv', '2023-12', 12], ['release-b.csv', '2024-03', 6]],
      );
      assert.match(fy24.notes.join(' '), /1 other release\(s\) in the database also cover some of these months; for each month the latest release covering it is used/);
      const fy23 = (await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2023'])).json();
      assert.equal(fy23.total, 600);
      assert.deepEqual(fy23.monthly.map((m: { total: number }) => m.total), Array(12).fill(50));
    });
  }
});

describe('encounters questions', () => {
  it('compares a fiscal year to date with the same months of earlier years and names the record year', async () => {
    const dir = tempDir();
    const file = writeCbp(dir, 'years.csv', [...wholeYear(2021, 10), ...wholeYear(2022, 30), ...wholeYear(2023, 20), ...['OCT', 'NOV', 'DEC', 'JAN'].map((month) => ({ fy: 2024, month, count: 100 }))]);
    const db = tempDb();
    await runCli(['--db', db, 'ingest', file]);
    const a = (await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', 'FY2024', '--through', '2023-12'])).json();
    assert.equal(a.total, 300);
    assert.deepEqual(a.comparisons, [
      { fiscalYear: 2021, samePeriod: 30, fullYear: 120, complete: true, monthsInData: 12 },
      { fiscalYear: 2022, samePeriod: 90, fullYear: 360, complete: true, monthsInData: 12 },
      { fiscalYear: 2023, samePeriod: 60, fullYear: 240, complete: true, monthsInData: 12 },
    ]);
    assert.deepEqual(a.record, { fiscalYear: 2022, fullYear: 360, thisYearIsRecord: false, margin: -60 });
    assert.equal(a.previousYear.exceedsFullYearBy, 60);
  });

  it('says when a month asked for is past the data, and when it is outside the fiscal year', async () => {
    const dir = tempDir();
    const db = tempDb();
    await runCli(['--db', db, 'ingest', writeCbp(dir, 'y.csv', [{ fy: 2024, month: 'OCT', count: 1 }])]);
    const past = await runCli(['--db', db, 'encounters', '--citizenship', 'CN', '--fy', '2024', '--through', '2024-02']);
    assert.equal(past.code, 1);
    assert.equal(past.stderr, 'charterwatch: the cbp-nationwide data cover fiscal year 2024 only through 2023-10, not 2024-02\n');
    const outside = await runCli(['--db', db, 'encounters', '--citizenship', 'CN', '--fy', '2024', '--through', '2024-10']);
    assert.equal(outside.code, 2);
    assert.equal(outside.stderr, 'charterwatch: --through 2024-10 is not in fiscal year 2024 (2023-10 to 2024-09)\n');
  });
});
