import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { dataPath } from '../../src/paths.ts';
import { Store } from '../../src/store/store.ts';
import { ingestOne, runCli, tempDb, tempDir } from '../helpers.ts';

describe('OHSS KHSM workbook', () => {
  it('loads the two monthly citizenship sheets as separate datasets, rounded to 10 and saying so', async () => {
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', dataPath('stats/ohss-khsm-usbp-encounters-fy25m11.xlsx')]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([r.json().sources[0].format, r.json().sources[0].rowsRead, r.json().sources[0].rowsRejected], ['ohss-khsm-xlsx', 25710, 0]);
    const cn = (await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2024', '--dataset', 'ohss-usbp'])).json();
    assert.equal(cn.total, 37980);
    assert.equal(cn.roundedTo, 10);
    assert.match(cn.notes[0], /rounded to the nearest 10/);
    const byRegion = (await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2024', '--dataset', 'ohss-usbp-region', '--by', 'region'])).json();
    assert.equal(byRegion.breakdown.rows[0].key, 'Southwest Land Border');
    const store = await Store.open(db, { readOnly: true });
    // The monthly citizenship rows of FY2000 sum to 1,589,710: 600 short of the sheet's own
    // annual count (1,590,310), since each of those rows is rounded to 10 on its own.
    assert.equal(await store.value(`SELECT sum(count)::BIGINT FROM encounters WHERE dataset = 'ohss-usbp' AND fiscal_year = 2000`), 1589710);
    store.close();
  });

  it('reads a sheet exported to CSV, and keeps aside a row with a bad quantity', async () => {
    const file = path.join(tempDir(), 'ohss.csv');
    writeFileSync(file, "Fiscal Year,Month,Citizenship,Quantity\n2024,01 October,\"China, People's Republic\",3140\n2024,02 November,\"China, People's Republic\",about 300\n2024,02 November,Burma,20\n");
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json().sources[0].rejectsByReason, { 'Quantity is not a whole number: "about 300"': 1 });
    const rejects = (await runCli(['--db', db, '--json', 'sources', '--rejects', '1'])).json();
    assert.equal(rejects[0].line, 3);
    const cn = (await runCli(['--db', db, '--json', 'encounters', '--citizenship', 'CN', '--fy', '2024', '--dataset', 'ohss-usbp'])).json();
    assert.equal(cn.total, 3140);
  });

  it('reads the exported sheet gzipped, naming the file line of a bad row after a blank line', async () => {
    const file = path.join(tempDir(), 'ohss.csv.gz');
    writeFileSync(file, gzipSync('Fiscal Year,Month,Citizenship,Quantity\n2024,01 October,Burma,20\n\n2024,02 November,Burma,twenty\n'));
    const { counts, rejects } = await ingestOne(file);
    assert.deepEqual(counts, [2, 1, 1]);
    assert.deepEqual(rejects, [[4, 'Quantity is not a whole number: "twenty"']]);
  });
});

describe('ICE removals by citizenship', () => {
  it('reads the wide table with spaces after commas; its historical names map to countries', async () => {
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', dataPath('stats/ice-removals-by-citizenship-fy2017-fy2018.csv')]);
    assert.equal(r.code, 0, r.stderr);
    // Rows read and kept count file rows; each is stored as one row per fiscal year (2 here).
    assert.deepEqual([r.json().sources[0].rowsRead, r.json().sources[0].rowsKept, r.json().sources[0].rowsRejected], [196, 196, 0]);
    const store = await Store.open(db, { readOnly: true });
    assert.equal(Number(await store.value('SELECT count(*) FROM removals')), 392);
    store.close();
    // CZECHOSLOVAKIA and KOREA are historical units (data/reference/country-aliases.csv): nothing to warn about.
    assert.doesNotMatch(r.stderr, /match no country/);
    const cn = (await runCli(['--db', db, '--json', 'removals', '--citizenship', 'CN'])).json();
    assert.deepEqual(cn.rows.map((x: { fiscalYear: number; removals: number }) => [x.fiscalYear, x.removals]), [[2017, 525], [2018, 726]]);
    const hk = (await runCli(['--db', db, '--json', 'removals', '--citizenship', 'HK'])).json();
    assert.deepEqual(hk.rows.map((x: { citizenshipRaw: string }) => x.citizenshipRaw), ['HONG KONG', 'HONG KONG']);
    const all2018 = (await runCli(['--db', db, '--json', 'removals', '--fy', '2018'])).json();
    assert.deepEqual(all2018.rows[0], { fiscalYear: 2018, citizenship: 'MX', citizenshipRaw: 'MEXICO', removals: 141045 });
  });
  it('reports a citizenship name that matches no country, and keeps its rows', async () => {
    const file = path.join(tempDir(), 'removals.csv');
    writeFileSync(file, 'CountryOfCitizenship, FY2017, FY2018\nMEXICO, 1, 2\nATLANTIS, 3, 4\n');
    const r = await runCli(['--db', tempDb(), '--json', 'ingest', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual([r.json().sources[0].rowsRead, r.json().sources[0].rowsKept], [2, 2]);
    assert.match(r.stderr, /1 citizenship name\(s\) match no country and are kept with citizenship unknown: "ATLANTIS" \(2 rows\)/);
  });
  it('refuses a table with a header and no rows', async () => {
    const file = path.join(tempDir(), 'header-only.csv');
    writeFileSync(file, 'CountryOfCitizenship,FY2017,FY2018\n');
    const r = await runCli(['--db', tempDb(), 'ingest', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `charterwatch: ${file}:2: no data rows after the header\n`);
  });
});

describe('ICE cooperation lists', () => {
  it("shows China's history on the lists with each source", async () => {
    const db = tempDb();
    await runCli(['--db', db, 'ingest', dataPath('designations/ice-uncooperative-countries.csv')]);
    const r = await runCli(['--db', db, '--json', 'cooperation', 'China']);
    assert.equal(r.code, 0, r.stderr);
    const a = r.json();
    assert.equal(a.history.length, 13);
    assert.deepEqual(a.history.filter((h: { status: string }) => h.status === 'named').map((h: { asOf: string }) => h.asOf), ['2017-05', '2020-07', '2024-04']);
    assert.equal(a.lastNamed.citation, 'Acting ICE Director testimony, Apr 2024 (countries named as hardest, not the full list)');
    const hk = (await runCli(['--db', db, '--json', 'cooperation', 'HK'])).json();
    assert.deepEqual(hk.history.filter((h: { status: string }) => h.status === 'named').map((h: { asOf: string }) => h.asOf), ['2017-05', '2020-07']);
  });

  it('keeps aside a designation row with a code that is not ISO', async () => {
    const file = path.join(tempDir(), 'lists.csv');
    writeFileSync(file, 'as_of,list,count,countries,china_listed,source\n2020-01,uncooperative,2,"CN;XX",yes,a report\n2021-01,uncooperative,1,CN,yes,another report\n');
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.deepEqual(r.json().sources[0].rejectsByReason, { 'countries holds codes that are not ISO 3166-1 alpha-2: XX': 1 });
    assert.equal(r.json().sources[0].rowsKept, 1);
  });

  it('names the file line of a bad row after a blank line and a quoted line break, and reads gzip', async () => {
    const dir = tempDir();
    const text = 'as_of,list,count,countries,china_listed,source\n2020-01,uncooperative,2,"CN;CU",yes,"a report,\nsecond part"\n\n2021-01,uncooperative,ten,CN,yes,another report\n';
    const file = path.join(dir, 'lists.csv.gz');
    writeFileSync(file, gzipSync(text));
    const { counts, rejects } = await ingestOne(file);
    assert.deepEqual(counts, [2, 1, 1]);
    assert.deepEqual(rejects, [[5, 'count is not a whole number: "ten"']]);
  });

  it('refuses a file that is not UTF-8, naming the line, and loads nothing of it', async () => {
    const file = path.join(tempDir(), 'latin1.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('as_of,list,count,countries,china_listed,source\n2020-01,uncooperative,2,CN,yes,a report\n2021-01,uncooperative,1,CN,yes,rapport d\''), Buffer.from([0xe9]), Buffer.from('t\u00e9\n'.replace('\u00e9', 'e'))]));
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `charterwatch: ${file}:3: not valid UTF-8 text (save the file as UTF-8); nothing of it was loaded\n`);
    const store = await Store.open(db, { readOnly: true });
    assert.equal(Number(await store.value('SELECT count(*) FROM designations')), 0);
    store.close();
  });
});
