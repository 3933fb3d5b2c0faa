import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { csvCell } from '../../src/export/csv.ts';
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

describe('the formula guard', () => {
  const cases: [unknown, string][] = [
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['-1+2', "'-1+2"],
    ['+1', "'+1"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tx', "'\tx"],
    ['\r=1', `"'\r=1"`],
    ['-12.5', "'-12.5"],
    [-12.5, '-12.5'],
    [0, '0'],
    [true, 'true'],
    [null, ''],
    ['N703KW', 'N703KW'],
    ['a, "b"', '"a, ""b"""'],
    ['2024-06-04T10:00:00Z', '2024-06-04T10:00:00Z'],
  ];
  for (const [value, written] of cases) {
    it(`writes ${JSON.stringify(value)} as ${JSON.stringify(written)}`, () => {
      assert.equal(csvCell(value), written);
    });
  }
});

describe('every CSV writer writes hostile text as text', () => {
  it('charterwatch legs --format csv', async () => {
    const r = await runCli(['--db', db, 'legs', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    const rows = r.stdout.split('\n');
    assert.equal(rows[1]!.startsWith(`,'-12,${HYPERLINK_CELL},2020-03-10,KAEX,US,2020-03-10T14:00:00Z,reported,MGGT,GT,2020-03-10T17:00:00Z,reported,removal,1,`), true, rows[1]);
    assert.equal(rows[2]!.startsWith(`,'-12,'-1+2,2020-03-10,MGGT,GT,2020-03-10T20:00:00Z,reported,KAEX,US,2020-03-10T23:00:00Z,reported,return,1,`), true, rows[2]);
  });

  it('charterwatch missions --format csv', async () => {
    const r = await runCli(['--db', db, 'missions', '--format', 'csv']);
    assert.deepEqual(r.stdout.split('\n').slice(1), ["1,,'-12,KAEX,2020-03-10T14:00:00Z,KAEX,2020-03-10T23:00:00Z,GT,2,true,KAEX MGGT KAEX,removal return,false", '']);
  });

  it('the country data package', async () => {
    const pkg = path.join(dir, 'country-gt');
    assert.equal((await runCli(['--db', db, 'country', 'GT', '--package', pkg])).code, 0);
    assert.equal(
      readFileSync(path.join(pkg, 'removal_flights.csv'), 'utf8').split('\n')[1],
      `1,1,,'-12,B733,'@SUM(1),${HYPERLINK_CELL},KAEX,US,2020-03-10T14:00:00Z,reported,MGGT,GT,2020-03-10T17:00:00Z,reported,history,false`,
    );
  });

  it('the monthly data package, where a fall is a negative number and stays one', async () => {
    const march = path.join(dir, 'monthly-2020-03');
    assert.equal((await runCli(['--db', db, 'report', 'monthly', '--month', '2020-03', '--package', march])).code, 0);
    assert.equal(readFileSync(path.join(march, 'removals_by_operator.csv'), 'utf8'), "operator,legs\n'@SUM(1),1\n");
    assert.equal(readFileSync(path.join(march, 'legs.csv'), 'utf8').split('\n')[1], "1,removal,'-12,KAEX,MGGT,US,GT,2020-03-10T14:00:00Z,false");
    const april = path.join(dir, 'monthly-2020-04');
    assert.equal((await runCli(['--db', db, 'report', 'monthly', '--month', '2020-04', '--package', april])).code, 0);
    const kinds = readFileSync(path.join(april, 'legs_by_kind.csv'), 'utf8').split('\n');
    assert.deepEqual(kinds.slice(0, 3), ['kind,legs,previousMonth,average,change,yearBefore', 'removal,0,1,1,-1,', 'return,0,1,1,-1,']);
  });

  it('the API download, GET /api/legs?format=csv', async () => {
    const store = await Store.open(db, { readOnly: true });
    try {
      const res = await createApp({ store }).request('/api/legs?format=csv');
      const rows = (await res.text()).split('\r\n');
      assert.equal(rows[1]!.startsWith(`1,,'-12,B733,'@SUM(1),${HYPERLINK_CELL},removal,1,KAEX,US,`), true, rows[1]);
      assert.equal(rows[2]!.startsWith(`2,,'-12,B733,'+cmd,'-1+2,return,1,MGGT,GT,`), true, rows[2]);
    } finally {
      store.close();
    }
  });
});
