import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { monthsBetween, readReleases } from '../../src/answers/stale.ts';
import { dataPath } from '../../src/paths.ts';
import { fixture, runCli, tempDb, tempDir } from '../helpers.ts';

/**
 * `charterwatch sources --stale` on a small real database: CBP's Southwest release, ICE's
 * removals FY2019–FY2024, the cooperation lists and a 2025 leg history, aged to a fixed day.
 */
describe('sources --stale', () => {
  const load = async () => {
    const db = tempDb();
    const files = [
      dataPath('stats/cbp-southwest-encounters-fy22-fy25-aug.csv'),
      dataPath('stats/ice-removals-by-citizenship-fy2019-fy2024.csv'),
      dataPath('designations/ice-uncooperative-countries.csv'),
      fixture('flights/history-globalx-2025-03.csv'),
    ];
    const r = await runCli(['--db', db, 'ingest', ...files]);
    assert.equal(r.code, 0, r.stderr);
    return db;
  };

  it('lists each dataset with its last period, its age, where the next release is and how to load it (--json)', async () => {
    const db = await load();
    const r = await runCli(['--db', db, '--json', 'sources', '--stale', '--as-of', '2026-12-03']);
    assert.equal(r.code, 0, r.stderr);
    const a = r.json();
    assert.equal(a.asOf, '2026-12-03');
    const row = (d: string) => a.datasets.find((x: { dataset: string }) => x.dataset === d);
    assert.deepEqual(a.datasets.map((d: { dataset: string; first: string | null; last: string | null; dataEnd: string | null; ageMonths: number | null }) => [d.dataset, d.first, d.last, d.dataEnd, d.ageMonths]), [
      ['cbp-nationwide', null, null, null, null],
      ['cbp-southwest', '2021-10', '2025-08', '2025-08', 16],
      ['ohss-usbp', null, null, null, null],
      ['ohss-usbp-region', null, null, null, null],
      ['ice-removals', 'FY2019', 'FY2024', '2024-09', 27],
      ['ice-designations', '2017-04', '2024-11', '2024-11', 25],
      ['fleet', null, null, null, null],
      ['leg-histories', '2025-03-04', '2025-03-06', '2025-03', 21],
      ['positions', null, null, null, null],
      ['airports', null, '2026-08', '2026-08', 4],
    ]);
    assert.equal(row('ice-removals').rows, 1368);
    assert.equal(row('cbp-nationwide').url, 'https://www.cbp.gov/document/stats/nationwide-encounters');
    assert.equal(row('cbp-nationwide').load, 'charterwatch ingest nationwide-encounters-fy22-fy25-aor.csv (the newest area-of-responsibility file on the page)');
    assert.equal(row('ice-removals').url, 'https://www.ice.gov/statistics');
  });

  it('prints the same in text, one dataset a block', async () => {
    const db = await load();
    const r = await runCli(['--db', db, 'sources', '--stale', '--as-of', '2026-12-03']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'Datasets, their last period in this database and their age on 2026-12-03:');
    assert.ok(lines.includes('  CBP Southwest Land Border Encounters (cbp-southwest): 2021-10 to 2025-08, 16 month(s) old'), r.stdout);
    assert.ok(lines.includes('  ICE removals (ice-removals): FY2019 to FY2024, 27 month(s) old'), r.stdout);
    assert.ok(lines.includes('  CBP Nationwide Encounters (cbp-nationwide): none loaded'), r.stdout);
    assert.ok(lines.includes('  Airports (airports): shipped reference file (snapshot 2026-08), 4 month(s) old'), r.stdout);
    assert.ok(lines.includes('    next: U.S. Customs and Border Protection, Nationwide Encounters (data files by area of responsibility) (monthly, mid-month, for the month before): https://www.cbp.gov/document/stats/nationwide-encounters'), r.stdout);
  });

  it('refuses a malformed --as-of as a usage error', async () => {
    const db = await load();
    const r = await runCli(['--db', db, 'sources', '--stale', '--as-of', '2026-13-01']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--as-of expects a day YYYY-MM-DD, got "2026-13-01"/);
  });

  it('counts whole months between two months', () => {
    assert.deepEqual([monthsBetween('2024-09', '2026-12'), monthsBetween('2025-08', '2025-08'), monthsBetween('2024-12', '2025-01')], [27, 0, 1]);
  });

  it('holds the shipped releases file to one complete row per dataset, and names the line of a bad one', () => {
    assert.equal(readReleases().size, 10);
    const file = path.join(tempDir(), 'releases.csv');
    writeFileSync(file, 'dataset,name,publisher,page,url,cadence,load\ncbp-nationwide,CBP,CBP,page,https://example.org,monthly,\n');
    assert.throws(() => readReleases(file), (e: Error & { line?: number }) => e.message === 'column "load" is empty for cbp-nationwide' && e.line === 2);
  });
});
