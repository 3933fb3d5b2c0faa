import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Store } from '../../src/store/store.ts';
import { ingestOne, runCli, tempDb, tempDir } from '../helpers.ts';
import { CBP_HEADER, cbpLine, writeCbp, wholeYear } from './cbp-fixtures.ts';

async function tableCounts(db: string) {
  const store = await Store.open(db, { readOnly: true });
  try {
    return await store.one<{ sources: number; encounters: number; rejects: number }>(
      `SELECT (SELECT count(*) FROM sources) AS sources, (SELECT count(*) FROM encounters) AS encounters, (SELECT count(*) FROM rejects) AS rejects`,
    );
  } finally {
    store.close();
  }
}

describe('statistics ingest with bad input', () => {
  it('refuses a truncated gzip file whole, naming it, and leaves the database as it was', async () => {
    const dir = tempDir();
    const db = tempDb();
    const good = writeCbp(dir, 'good.csv', wholeYear(2023, 5));
    assert.equal((await runCli(['--db', db, 'ingest', good])).code, 0);
    const full = gzipSync(readFileSync(writeCbp(dir, 'big.csv', Array.from({ length: 40 }, () => wholeYear(2024, 7)).flat())));
    const truncated = path.join(dir, 'truncated.csv.gz');
    writeFileSync(truncated, full.subarray(0, Math.floor(full.length * 0.6)));
    const r = await runCli(['--db', db, 'ingest', truncated]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^charterwatch: .*truncated\.csv\.gz: corrupt or truncated gzip data \(unexpected end of file\); nothing of it was loaded\n$/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.deepEqual(await tableCounts(db), { sources: 1, encounters: 12, rejects: 0 });
  });

  it('refuses a file with a missing column, naming the file, line 1 and the column', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'no-count.csv');
    writeFileSync(file, `${CBP_HEADER.replace(',Encounter Count', '')}\n2024,FYTD,OCT,U.S. Border Patrol,a,b,c,d,MEXICO,Title 8,Apprehensions\n`);
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', '--format', 'cbp-nationwide', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `charterwatch: ${file}:1: missing column "Encounter Count" in the header; found "Fiscal Year", "Month Grouping", "Month (abbv)", "Component", "Land Border Region", "Area of Responsibility", "AOR (Abbv)", "Demographic", "Citizenship", "Title of Authority", "Encounter Type"\n`);
    assert.deepEqual(await tableCounts(db), { sources: 0, encounters: 0, rejects: 0 });
  });

  it('keeps aside rows with an empty count, month or year, each with its line and its empty fields in place', async () => {
    const dir = tempDir();
    const rows = wholeYear(2023, 3);
    rows.splice(2, 0, { fy: 2023, month: 'FEB', count: '' });
    rows.splice(5, 0, { fy: 2023, month: '', count: 7 });
    rows.splice(8, 0, { fy: '', month: 'MAR', count: 7 });
    const { counts, rejects, raw } = await ingestOne(writeCbp(dir, 'empty-fields.csv', rows));
    assert.deepEqual(counts, [15, 12, 3]);
    assert.deepEqual(rejects, [
      [4, 'Encounter Count is not a whole number: ""'],
      [7, 'Month (abbv) is not a month: ""'],
      [10, 'Fiscal Year is not a year: ""'],
    ]);
    assert.equal(raw[1], '2023,FYTD,,U.S. Border Patrol,Southwest Land Border,San Diego Sector,San Diego,Single Adults,CHINA, PEOPLES REPUBLIC OF,Title 8,Apprehensions,7');
  });

  it('names the file lines of bad rows after blank lines and a line break inside quotes', async () => {
    const dir = tempDir();
    const line = (count: string | number, citizenship = 'MEXICO') => cbpLine({ fy: 2023, month: 'JAN', citizenship, count });
    const text = [CBP_HEADER, line(1), '', line(2, 'KOREA,\nSOUTH'), line('twelve'), '', '', '2023,FYTD,JAN,too,few', line(3), line('x')].join('\n') + '\n';
    // File lines: 1 header, 2 a row, 3 blank, 4-5 a row with a quoted line break, 6 "twelve",
    // 7-8 blank, 9 a short row, 10 a row, 11 "x".
    const file = path.join(dir, 'gaps.csv');
    writeFileSync(file, text);
    const { counts, rejects } = await ingestOne(file);
    assert.deepEqual(counts, [6, 3, 3]);
    assert.deepEqual(rejects, [
      [6, 'Encounter Count is not a whole number: "twelve"'],
      [9, 'expected 12 columns, found 5'],
      [11, 'Encounter Count is not a whole number: "x"'],
    ]);
  });

  it('refuses a file where a quote opens and never closes, naming its line, rather than lose the lines after it', async () => {
    const dir = tempDir();
    const rows = wholeYear(2023, 3).map(cbpLine);
    rows[2] = rows[2]!.replace('San Diego Sector', '"San Diego Sector');
    const file = path.join(dir, 'stray-quote.csv');
    writeFileSync(file, [CBP_HEADER, ...rows].join('\n') + '\n');
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `charterwatch: ${file}:4: a quoted field opens on this line and never closes; nothing of the file was loaded\n`);
    assert.deepEqual(await tableCounts(db), { sources: 0, encounters: 0, rejects: 0 });
  });

  it('keeps aside a row with a word in its count, with its line and reason, and loads the rest', async () => {
    const dir = tempDir();
    const rows = wholeYear(2023, 3);
    rows.splice(4, 0, { fy: 2023, month: 'FEB', count: 'twelve' });
    const file = writeCbp(dir, 'word.csv', rows);
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [13, 12, 1]);
    assert.match(r.stderr, /1 row\(s\) rejected and kept aside \(1 Encounter Count is not a whole number: "twelve"\)/);
    const rejects = await runCli(['--db', db, '--json', 'sources', '--rejects', String(s.sourceId)]);
    assert.deepEqual(rejects.json(), [{ line: 6, reason: 'Encounter Count is not a whole number: "twelve"', raw: cbpLine({ fy: 2023, month: 'FEB', count: 'twelve' }).replace('"CHINA, PEOPLES REPUBLIC OF"', 'CHINA, PEOPLES REPUBLIC OF') }]);
  });

  it('gives the right line to a bad count that comes after rows of the wrong width', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'mixed.csv');
    const lines = [CBP_HEADER, cbpLine({ fy: 2023, month: 'OCT', count: 1 }), '2023,FYTD,NOV,too,few', cbpLine({ fy: 2023, month: 'DEC', count: 2 }), `${cbpLine({ fy: 2023, month: 'JAN', count: 3 })},extra`, cbpLine({ fy: 2023, month: 'FEB', count: 'n/a' }), cbpLine({ fy: 2023, month: 'MAR', count: 4 })];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [6, 3, 3]);
    const rejects = await runCli(['--db', db, '--json', 'sources', '--rejects', String(s.sourceId)]);
    assert.deepEqual(rejects.json().map((x: { line: number; reason: string }) => [x.line, x.reason]), [
      [3, 'expected 12 columns, found 5'],
      [5, 'expected 12 columns, found 13'],
      [6, 'Encounter Count is not a whole number: "n/a"'],
    ]);
    const store = await Store.open(db, { readOnly: true });
    assert.deepEqual(await store.all(`SELECT month, count FROM encounters ORDER BY month`), [{ month: '2022-10', count: 1 }, { month: '2022-12', count: 2 }, { month: '2023-03', count: 4 }]);
    store.close();
  });

  it('keeps a row whose citizenship matches no country, reports the name, and never drops it', async () => {
    const dir = tempDir();
    const file = writeCbp(dir, 'atlantis.csv', [{ fy: 2023, month: 'OCT', count: 9, citizenship: 'ATLANTIS' }, { fy: 2023, month: 'OCT', count: 4, citizenship: 'OTHER' }]);
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /1 citizenship name\(s\) match no country and are kept with citizenship unknown: "ATLANTIS" \(1 rows\)/);
    assert.equal(r.json().sources[0].rowsKept, 2);
    const unmatched = await runCli(['--db', db, '--json', 'sources', '--unmatched']);
    assert.deepEqual(unmatched.json().map((u: { name: string; rows: number }) => [u.name, u.rows]), [['ATLANTIS', 1]]);
    const other = await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'OTHER', '--fy', '2023']);
    assert.equal(other.json().total, 4);
  });

  it('refuses an empty file with a clear message', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'empty.csv');
    writeFileSync(file, '');
    const r = await runCli(['--db', tempDb(), 'ingest', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /empty\.csv:1: an empty file; known formats: /);
  });

  it('keeps aside a row that is not UTF-8, with its line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'latin1.csv');
    const bad = Buffer.from(cbpLine({ fy: 2023, month: 'OCT', count: 5, citizenship: 'PERU' }).replace('PERU', 'PER\xda'), 'latin1');
    writeFileSync(file, Buffer.concat([Buffer.from(`${CBP_HEADER}\n${cbpLine({ fy: 2023, month: 'OCT', count: 1 })}\n`), bad, Buffer.from('\n')]));
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    const [s] = r.json().sources;
    assert.deepEqual([s.rowsRead, s.rowsKept, s.rowsRejected], [2, 1, 1]);
    assert.deepEqual(s.rejectsByReason, { 'not valid UTF-8 text': 1 });
  });

  it('skips a file loaded before, and counts nothing twice', async () => {
    const dir = tempDir();
    const file = writeCbp(dir, 'once.csv', wholeYear(2023, 10));
    const copy = writeCbp(dir, 'same-bytes-other-name.csv', wholeYear(2023, 10));
    const db = tempDb();
    await runCli(['--db', db, 'ingest', file]);
    const again = await runCli(['--db', db, '--json', 'ingest', file, copy]);
    assert.deepEqual(again.json().sources.map((s: { skipped: boolean; sourceId: number }) => [s.skipped, s.sourceId]), [[true, 1], [true, 1]]);
    assert.equal((await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2023'])).json().total, 120);
  });

  it('refuses binary garbage and a file of no known format, naming the file', async () => {
    const dir = tempDir();
    const garbage = path.join(dir, 'garbage.bin');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const r = await runCli(['--db', tempDb(), 'ingest', garbage]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /garbage\.bin:1: binary data of no known format/);
    const text = path.join(dir, 'notes.csv');
    writeFileSync(text, 'name,age\nalice,3\n');
    const t = await runCli(['--db', tempDb(), 'ingest', text]);
    assert.match(t.stderr, /notes\.csv:1: text of no known format \(first line: "name,age"\)/);
  });
});
