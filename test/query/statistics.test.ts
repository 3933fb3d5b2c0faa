import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  citeEncounterSources, citeRemovalSources, designations, encounterMonths, encountersByColumn, encountersByFiscalYear, encountersByMonth, namedCitizenships, removalsByYear, supersededReleases,
} from '../../src/query/statistics.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';

describe('the statistics queries on a real database file', () => {
  let store: Store;
  before(async () => {
    store = await Store.open(tempDb());
    const source = (id: number, name: string, format: string, through: string | null) =>
      store.run(`INSERT INTO sources VALUES (?, ?, ?, ?, 10, 3, 3, 0, ?, '2026-12-03T10:00:00Z', false)`, [id, `/data/${name}`, format, `sha${id}`, through]);
    await source(1, 'cbp-march.csv', 'cbp-nationwide', '2024-03');
    await source(2, 'cbp-may.csv', 'cbp-nationwide', '2024-05');
    await source(3, 'ice-fy2023.csv', 'ice-removals', null);
    await source(4, 'ice-fy2024.csv', 'ice-removals', null);
    await source(5, 'designations.csv', 'designations', null);
    const encounter = (src: number, month: string, component: string, citizenship: string, count: number) =>
      store.run(`INSERT INTO encounters (source_id, dataset, fiscal_year, month, component, citizenship_raw, citizenship, count) VALUES (?, 'cbp-nationwide', 2024, ?, ?, ?, ?, ?)`, [src, month, component, citizenship, citizenship, count]);
    // The March release: October and January. The May release revises January (OFO only) and adds April.
    await encounter(1, '2023-10', 'USBP', 'CN', 5);
    await encounter(1, '2024-01', 'OFO', 'CN', 10);
    await encounter(1, '2024-01', 'USBP', 'CN', 20);
    await encounter(2, '2024-01', 'OFO', 'CN', 12);
    await encounter(2, '2024-04', 'USBP', 'CN', 30);
    await encounter(2, '2024-04', 'USBP', 'MX', 100);
    const removal = (src: number, fy: number, raw: string, count: number) =>
      store.run(`INSERT INTO removals VALUES (?, ?, ?, 'CN', ?, 2)`, [src, fy, raw, count]);
    await removal(3, 2023, 'China', 100);
    await removal(3, 2024, 'China', 200);
    await removal(4, 2024, 'China', 210);
    await store.run(`INSERT INTO designations VALUES (5, '2024-04', 'uncooperative', 12, ['CN', 'CU'], 'yes', 'testimony', 2), (5, '2020-07', 'uncooperative', 13, [], NULL, 'report', 3)`);
  });
  after(() => store.close());

  it('reads each month from the latest release covering it', async () => {
    assert.deepEqual(await encounterMonths(store, 'cbp-nationwide'), ['2023-10', '2024-01', '2024-04']);
    assert.deepEqual((await encountersByMonth(store, 'cbp-nationwide', 'CN')).map((r) => [r.month, r.n, r.source_id]), [['2023-10', 5, 1], ['2024-01', 12, 2], ['2024-04', 30, 2]]);
    assert.deepEqual(await encountersByFiscalYear(store, 'CN'), [{ fiscal_year: 2024, n: 47, months: 3 }]);
    assert.equal(await supersededReleases(store, 'cbp-nationwide', 'CN'), 1);
  });

  it('breaks encounters down by a column over month ranges', async () => {
    const rows = await encountersByColumn(store, { dataset: 'cbp-nationwide', citizenship: 'CN', column: 'component', ranges: [['2023-10', '2024-01']] });
    assert.deepEqual(rows.map((r) => [r.key, r.n]).sort(), [['OFO', 12], ['USBP', 5]]);
  });

  it('names the citizenships a dataset names and cites the rows a figure used', async () => {
    assert.deepEqual(await namedCitizenships(store, 'cbp-nationwide'), ['CN', 'MX']);
    assert.deepEqual((await citeEncounterSources(store, 'cbp-nationwide', 'CN', '2024-01')).map((s) => [s.file, s.rowsUsed, s.releaseThrough]), [['cbp-march.csv', 1, '2024-03'], ['cbp-may.csv', 1, '2024-05']]);
  });

  it('reads ICE removals from the latest loaded table for each year and cites both tables', async () => {
    assert.deepEqual((await removalsByYear(store, { citizenship: 'CN' })).map((r) => [r.fiscal_year, r.n]), [[2023, 100], [2024, 210]]);
    assert.deepEqual((await removalsByYear(store, { fiscalYear: 2024 })).map((r) => [r.fiscal_year, r.citizenship_raw, r.n]), [[2024, 'China', 210]]);
    assert.deepEqual((await citeRemovalSources(store, { citizenship: 'CN' })).map((s) => [s.file, s.rowsUsed]), [['ice-fy2023.csv', 1], ['ice-fy2024.csv', 1]]);
  });

  it('lists the cooperation lists in date order', async () => {
    assert.deepEqual((await designations(store)).map((d) => [d.as_of, d.count, d.countries]), [['2020-07', 13, []], ['2024-04', 12, ['CN', 'CU']]]);
  });
});
