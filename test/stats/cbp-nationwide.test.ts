import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dataPath } from '../../src/paths.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';
import { writeCbp, wholeYear } from './cbp-fixtures.ts';

describe('CBP nationwide encounters', () => {
  it("sums every fiscal year of the shipped file to CBP's published nationwide totals", async () => {
    const db = tempDb();
    const ingest = await runCli(['--db', db, '--json', 'ingest', dataPath('stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz')]);
    assert.equal(ingest.code, 0, ingest.stderr);
    const [source] = ingest.json().sources;
    assert.equal(source.format, 'cbp-nationwide');
    assert.equal(source.rowsRead, 68815);
    assert.equal(source.rowsKept, 68815);
    assert.equal(source.rowsRejected, 0);
    const store = await Store.open(db, { readOnly: true });
    const totals = await store.all(`SELECT fiscal_year, sum(count)::BIGINT AS total FROM encounters_effective GROUP BY 1 ORDER BY 1`);
    store.close();
    assert.deepEqual(totals, [
      { fiscal_year: 2020, total: 646822 },
      { fiscal_year: 2021, total: 1956519 },
      { fiscal_year: 2022, total: 2766582 },
      { fiscal_year: 2023, total: 3201144 },
      { fiscal_year: 2024, total: 2901142 },
    ]);
  });

  it('answers the July 2024 question: Chinese nationals in FY2024 through May against FY2023, by component', async () => {
    const db = tempDb();
    await runCli(['--db', db, 'ingest', dataPath('stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz')]);
    const r = await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'China', '--fy', '2024', '--through', '2024-05', '--by', 'component']);
    assert.equal(r.code, 0, r.stderr);
    const a = r.json();
    assert.equal(a.citizenship, 'CN');
    assert.equal(a.fiscalYear, 2024);
    assert.equal(a.through, '2024-05');
    assert.deepEqual(a.period, { from: '2023-10', to: '2024-05', months: 8 });
    assert.equal(a.total, 55914);
    assert.equal(a.previousYear.fiscalYear, 2023);
    assert.equal(a.previousYear.samePeriod, 28807);
    assert.equal(a.previousYear.fullYear, 52700);
    assert.equal(a.previousYear.exceedsFullYearBy, 3214);
    assert.deepEqual(a.record, { fiscalYear: 2023, fullYear: 52700, thisYearIsRecord: true, margin: 3214 });
    assert.deepEqual(a.breakdown.rows, [
      { key: 'USBP', total: 31176, previousSamePeriod: 12533 },
      { key: 'OFO', total: 24738, previousSamePeriod: 16274 },
    ]);
    assert.deepEqual(
      a.comparisons.map((c: { fiscalYear: number; samePeriod: number; fullYear: number }) => [c.fiscalYear, c.samePeriod, c.fullYear]),
      [[2020, 12723, 18395], [2021, 15808, 23471], [2022, 18118, 27756], [2023, 28807, 52700]],
    );
    assert.equal(a.sources.length, 1);
    assert.equal(a.sources[0].sha256, '2b2f6ca6ad6a8a548a2a64a2b0626414fadc9f5fc1972dba6d52a2d2cfc46d85');
    // China's 2,661 lines, less the 216 of June to September 2024, which no figure through May uses.
    assert.equal(a.sources[0].rowsUsed, 2445);
  });

  it('reads the open year written "2025 (FYTD)", a byte-order mark, CRLF, quoted commas and thousands separators', async () => {
    const dir = tempDir();
    const file = writeCbp(dir, 'fy25.csv', [
      { fy: '2025 (FYTD)', month: 'OCT', count: '1,234' },
      { fy: '2025 (FYTD)', month: 'NOV', count: 66, component: 'Office of Field Operations' },
      { fy: '2025 (FYTD)', month: 'NOV', count: '2,000', citizenship: 'MYANMAR (BURMA)' },
    ], { bom: true, crlf: true });
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'ingest', file])).code, 0);
    const r = await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2025']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json().total, 1300);
    assert.equal(r.json().through, '2024-11');
    assert.deepEqual(r.json().monthly, [
      { month: '2024-10', fiscalMonth: 'OCT', total: 1234, sourceId: 1 },
      { month: '2024-11', fiscalMonth: 'NOV', total: 66, sourceId: 1 },
    ]);
    const mm = await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'Burma', '--fy', '2025']);
    assert.equal(mm.json().total, 2000);
  });

  it('accounts for every line: a month written in full or in lower case, and a year before 1990, are read by the same rule that checks them', async () => {
    const db = tempDb();
    const file = writeCbp(tempDir(), 'months.csv', [
      { fy: 2023, month: 'October', count: 5 },
      { fy: 2023, month: 'nov', count: 7 },
      { fy: 1985, month: 'DEC', count: 3 },
      { fy: 2023, month: 'DEC', count: 11 },
    ]);
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json().sources[0];
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [4, 4, 0]);
    const store = await Store.open(db, { readOnly: true });
    const months = await store.all(`SELECT month, count::INTEGER AS n FROM encounters ORDER BY month`);
    store.close();
    assert.deepEqual(months, [
      { month: '1984-12', n: 3 },
      { month: '2022-10', n: 5 },
      { month: '2022-11', n: 7 },
      { month: '2022-12', n: 11 },
    ]);
  });

  it('detects the format from the content, whatever the file is called', async () => {
    const dir = tempDir();
    const file = writeCbp(dir, 'download (3).txt', wholeYear(2023, 10), { gzip: true });
    const r = await runCli(['--db', tempDb(), '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json().sources[0].format, 'cbp-nationwide');
    assert.equal(r.json().sources[0].rowsKept, 12);
  });
});
