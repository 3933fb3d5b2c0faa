import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

/**
 * A flight history whose callsigns, operators and registration are spreadsheet formulas: every
 * CSV writer must write them as text. The legs: a removal KAEX → MGGT and its return, in March 2020,
 * and a domestic leg in April 2020 (so April is a month of the data with no removal: a fall to 0).
 */
const HOSTILE_HISTORY = [
  'Date,Flight,Departure,STD,Arrival,STA,Aircraft,Status,Duration,Unnamed: 9,Airline,ArrivalLoc,ArrivalIATA,ArrivalICAO,DepartureLoc,DepartureIATA,DepartureICAO',
  '2020-03-10,"=HYPERLINK(""http://x.example/"",""y"")","Alexandria, LA(AEX/KAEX)",09:00 CDT,Guatemala City(GUA/MGGT),,B733 (-12),Landed,03h00m,,@SUM(1),Guatemala City,GUA,MGGT,"Alexandria, LA",AEX,KAEX',
  '2020-03-10,-1+2,Guatemala City(GUA/MGGT),14:00 CST,"Alexandria, LA(AEX/KAEX)",,B733 (-12),Landed,03h00m,,+cmd,"Alexandria, LA",AEX,KAEX,Guatemala City,GUA,MGGT',
  '2020-04-02,WQ100,"Alexandria, LA(AEX/KAEX)",09:00 CDT,"Brownsville, TX(BRO/KBRO)",,B733 (-12),Landed,01h30m,,Plain Air,"Brownsville, TX",BRO,KBRO,"Alexandria, LA",AEX,KAEX',
  '',
].join('\n');

const HYPERLINK_CELL = `"'=HYPERLINK(""http://x.example/"",""y"")"`;

let db: string;
let dir: string;

before(async () => {
  dir = tempDir();
  const file = path.join(dir, 'hostile-history.csv');
  writeFileSync(file, HOSTILE_HISTORY);
  db = tempDb();
  const r = await runCli(['--db', db, 'ingest', file]);
  assert.equal(r.code, 0, r.stderr);
});

// The guard cell by cell: test/format/csv.test.ts.
describe('every CSV writer writes hostile text as text', () => {
  it('charterwatch legs --format csv', async () => {
    const r = await runCli(['--db', db, 'legs', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\r\n');
    assert.equal(rows[1]!.startsWith(`1,,'-12,B733,'@SUM(1),${HYPERLINK_CELL},2020-03-10,KAEX,US,2020-03-10T14:00:00Z,reported,MGGT,GT,2020-03-10T17:00:00Z,reported,removal,`), true, rows[1]);
    assert.equal(rows[2]!.startsWith(`2,,'-12,B733,'+cmd,'-1+2,2020-03-10,MGGT,GT,2020-03-10T20:00:00Z,reported,KAEX,US,2020-03-10T23:00:00Z,reported,return,`), true, rows[2]);
  });

  it('charterwatch missions --format csv', async () => {
    const r = await runCli(['--db', db, 'missions', '--format', 'csv']);
    assert.deepEqual(r.stdout.split('\r\n').slice(1), ["1,,'-12,KAEX,2020-03-10T14:00:00Z,KAEX,2020-03-10T23:00:00Z,GT,2,true,KAEX MGGT KAEX,removal return,false", '']);
  });

  it('the country data package', async () => {
    const pkg = path.join(dir, 'country-gt');
    assert.equal((await runCli(['--db', db, 'country', 'GT', '--package', pkg])).code, 0);
    assert.equal(
      readFileSync(path.join(pkg, 'removal_flights.csv'), 'utf8').split('\r\n')[1],
      `1,1,,'-12,B733,'@SUM(1),${HYPERLINK_CELL},KAEX,US,2020-03-10T14:00:00Z,reported,MGGT,GT,2020-03-10T17:00:00Z,reported,history,false`,
    );
    const descriptor = JSON.parse(readFileSync(path.join(pkg, 'datapackage.json'), 'utf8'));
    assert.deepEqual([descriptor.generated, descriptor.resources[0].dialect], [false, { delimiter: ',', lineTerminator: '\r\n' }]);
  });

  it("a data package replaces an earlier package, never a folder of the user's own files", async () => {
    const pkg = path.join(dir, 'again/');
    assert.equal((await runCli(['--db', db, 'country', 'GT', '--package', pkg])).code, 0);
    assert.equal((await runCli(['--db', db, 'country', 'GT', '--package', pkg])).code, 0);
    const own = path.join(dir, 'own');
    mkdirSync(own);
    writeFileSync(path.join(own, 'notes.txt'), 'mine');
    const r = await runCli(['--db', db, 'country', 'GT', '--package', own]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already holds other files \(notes\.txt\): it is not replaced/);
    assert.equal(readFileSync(path.join(own, 'notes.txt'), 'utf8'), 'mine');
  });

  it('the monthly data package, where a fall is a negative number and stays one', async () => {
    const march = path.join(dir, 'monthly-2020-03');
    assert.equal((await runCli(['--db', db, 'report', 'monthly', '--month', '2020-03', '--package', march])).code, 0);
    assert.equal(readFileSync(path.join(march, 'removals_by_operator.csv'), 'utf8'), "operator,legs\r\n'@SUM(1),1\r\n");
    assert.equal(readFileSync(path.join(march, 'legs.csv'), 'utf8').split('\r\n')[1], "1,removal,'-12,KAEX,MGGT,US,GT,2020-03-10T14:00:00Z,false");
    // The comparisons, weeks and routes of the report are tables of the package too; a period without data has empty figures, never 0.
    const comparisons = readFileSync(path.join(march, 'comparisons.csv'), 'utf8').split('\r\n');
    assert.equal(comparisons[0], 'period,label,months,monthsWithData,removalLegs,missions,possible,generated');
    assert.equal(comparisons[1], 'this month,2020-03,2020-03,2020-03,1,1,0,0');
    assert.equal(comparisons[2], 'previous month,2020-02,2020-02,,,,,');
    const weeks = readFileSync(path.join(march, 'weeks.csv'), 'utf8').split('\r\n');
    assert.equal(weeks[0], 'from,to,days,removalLegs,missions');
    assert.equal(weeks.filter((w) => /,1,1$/.test(w)).length, 1);
    const april = path.join(dir, 'monthly-2020-04');
    assert.equal((await runCli(['--db', db, 'report', 'monthly', '--month', '2020-04', '--package', april])).code, 0);
    const kinds = readFileSync(path.join(april, 'legs_by_kind.csv'), 'utf8').split('\r\n');
    assert.deepEqual(kinds.slice(0, 3), ['kind,legs,previousMonth,average,change,yearBefore', 'removal,0,1,1,-1,', 'return,0,1,1,-1,']);
  });

  it('the API download, GET /api/legs?format=csv, the same bytes as the CLI', async () => {
    const cli = (await runCli(['--db', db, 'legs', '--format', 'csv'])).stdout;
    const store = await Store.open(db, { readOnly: true });
    try {
      const res = await createApp({ store }).request('/api/legs?format=csv');
      assert.equal(await res.text(), cli);
    } finally {
      store.close();
    }
  });
});
