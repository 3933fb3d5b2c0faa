import assert from 'node:assert/strict';
import { parseCsv } from '../../src/ingest/csv.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { entryFor, putAircraft } from '../../src/fleet/registry.ts';
import { seatsForType } from '../../src/fleet/seats.ts';
import { resolveFleet } from '../../src/fleet/watchlist.ts';
import { Store } from '../../src/store/store.ts';
import { dataPath } from '../../src/paths.ts';
import { fixture, runCli, tempDb, tempDir } from '../helpers.ts';

describe('fleet icao24 and fleet registration', () => {
  it('prints one address a line for each registration, and a JSON array with --json', async () => {
    const r = await runCli(['fleet', 'icao24', 'N703KW', ' n700kw ']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'a960a9\na95584\n');
    const j = await runCli(['--json', 'fleet', 'icao24', 'N703KW', 'N700KW']);
    assert.deepEqual(j.json(), ['a960a9', 'a95584']);
  });

  it('prints one registration a line for each address', async () => {
    const r = await runCli(['fleet', 'registration', 'a960a9', 'A95584']);
    assert.equal(r.stdout, 'N703KW\nN700KW\n');
  });

  const bad: [string[], RegExp][] = [
    [['fleet', 'icao24', 'N0'], /"N0" is not a US registration: the first character after the N must be a digit 1-9/],
    [['fleet', 'icao24', 'NABCDE'], /the first character after the N must be a digit 1-9/],
    [['fleet', 'icao24', 'N12IO'], /the letters I and O are not used/],
    [['fleet', 'icao24', 'N123456'], /at most five characters may follow the N, found 6/],
    [['fleet', 'icao24', '703KW'], /a US registration starts with N/],
    [['fleet', 'registration', '3c6645'], /3c6645 has no US registration/],
    [['fleet', 'registration', 'a960a'], /expected 6 hex digits/],
  ];
  for (const [args, message] of bad) {
    it(`exits 2 with a clear message for ${args.slice(1).join(' ')}`, async () => {
      const r = await runCli(args);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }
});

describe('the fleet registry', () => {
  it('adds, lists and removes aircraft, computing addresses and seats', async () => {
    const db = tempDb();
    const add = await runCli(['--db', db, 'fleet', 'add', 'N703KW', 'a95584', '--type', 'b763', '--operator', 'Eastern', '--source', 'test']);
    assert.equal(add.code, 0, add.stderr);
    assert.equal(add.stdout, 'added N703KW a960a9\nadded N700KW a95584\n');
    const foreign = await runCli(['--db', db, 'fleet', 'add', '4ca7b1', '--registration', 'ei-fxa', '--type', 'A320']);
    assert.equal(foreign.stdout, 'added EI-FXA 4ca7b1 (not verifiable by rule)\n');
    const list = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(
      list.map((a: any) => [a.registration, a.icao24, a.verifiable, a.icaoType, a.seats, a.seatsSource, a.operator, a.operatorSource]),
      [
        ['EI-FXA', '4ca7b1', false, 'A320', 180, 'data/fleet/seats.csv (by type)', null, null],
        ['N700KW', 'a95584', true, 'B763', 261, 'data/fleet/seats.csv (by type)', 'Eastern', 'test'],
        ['N703KW', 'a960a9', true, 'B763', 261, 'data/fleet/seats.csv (by type)', 'Eastern', 'test'],
      ],
    );
    const rm = await runCli(['--db', db, 'fleet', 'remove', 'n703kw', '4CA7B1']);
    assert.equal(rm.stdout, 'removed a960a9\nremoved 4ca7b1\n');
    const after = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(after.map((a: any) => a.registration), ['N700KW']);
    const missing = await runCli(['--db', db, 'fleet', 'remove', 'N1']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /N1 is not in the fleet registry/);
  });

  it('refuses aircraft it cannot place, with exit 2', async () => {
    const db = tempDb();
    const cases: [string[], RegExp][] = [
      [['fleet', 'add', 'N0'], /"N0" is not a US registration/],
      [['fleet', 'add', 'EI-FXA'], /EI-FXA is not a US registration: give its ICAO address too/],
      [['fleet', 'add', 'N703KW', '--seats', 'many'], /--seats expects a whole number/],
      [['fleet', 'add', 'a960a9', 'a95584', '--registration', 'EI-FXA'], /--registration goes with exactly one ICAO address/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['--db', db, ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  it('lists only the aircraft watched today unless --all', async () => {
    const db = tempDb();
    await runCli(['--db', db, 'fleet', 'add', 'N703KW', '--to', '2020-01-31']);
    await runCli(['--db', db, 'fleet', 'add', 'N700KW', '--from', '2020-01-01']);
    const watched = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(watched.map((a: any) => [a.registration, a.watchFrom, a.watchTo]), [['N700KW', '2020-01-01', null]]);
    const all = (await runCli(['--db', db, '--json', 'fleet', 'list', '--all'])).json();
    assert.deepEqual(all.map((a: any) => a.registration), ['N700KW', 'N703KW']);
  });

  it('keeps the computed address and notes a published one that disagrees', () => {
    const a = entryFor({ registration: 'N278GX', icao24: 'a2c4e1', source: 'a tracker' });
    assert.equal(a.icao24, 'a2c4e0');
    assert.equal(a.icao24Published, 'a2c4e1');
    assert.equal(a.note, 'published address a2c4e1 disagrees with a2c4e0 computed from N278GX; the computed one is used');
  });

  it('gives the seats of the common charter types from data/fleet/seats.csv', () => {
    const table: [string, number | undefined][] = [
      ['A319', 144], ['A320', 180], ['A321', 220], ['B733', 148], ['b734', 168], ['B737', 149], ['B738', 189], ['B739', 189],
      ['B752', 200], ['B763', 261], ['B772', 305], ['MD82', 172], ['MD83', 172], ['E145', 50], ['E190', 100],
      ['CRJ2', 50], ['CRJ7', 70], ['CRJ9', 90], ['C172', undefined],
    ];
    for (const [type, seats] of table) assert.equal(seatsForType(type), seats, type);
  });
});

describe('the default watchlist', () => {
  it('loads 67 aircraft from the 74 rows of data/fleet/candidate-aircraft.csv, each with its sources', async () => {
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'fleet', 'import', '--default']);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json();
    assert.equal(s.rowsRead, 74);
    assert.equal(s.aircraft, 67);
    const list = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    const n276gx = list.find((a: any) => a.registration === 'N276GX');
    assert.equal(n276gx.icao24, 'a2bd72');
    assert.equal(n276gx.source, 'https://github.com/wiseman/ice-air/blob/9d1c03eab2960735f9df4d1599a46b3ebff612f7/frontend/public/aircraft.csv; UNVERIFIED third-party watchlist with no primary source: https://github.com/kolenyo2099/adsb-investigator/blob/4eed84ba6199e6775e32f56c4165b34e4fd6f3e0/HANDOFF.md (section 7 Watchlist seed) and watchlist.txt at the same commit');
    assert.equal(n276gx.note, 'operator also given as "GlobalX" by UNVERIFIED third-party watchlist with no primary source: https://github.com/kolenyo2099/adsb-investigator/blob/4eed84ba6199e6775e32f56c4165b34e4fd6f3e0/HANDOFF.md (section 7 Watchlist seed) and watchlist.txt at the same commit');
    assert.ok(list.every((a: any) => a.verifiable && a.source));
  });

  it('cites on every row a public source a reader can open (a GitHub address at a commit), and says UNVERIFIED where the source gives no primary one', () => {
    const rows = readFileSync(dataPath('fleet/candidate-aircraft.csv'), 'utf8').trim().split('\n').slice(1);
    assert.equal(rows.length, 74);
    const uncited = rows.filter((r) => !/(^|[ ,])https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/blob\/[0-9a-f]{7,40}\/\S+/.test(r));
    assert.deepEqual(uncited, []);
    assert.deepEqual(rows.filter((r) => /HANDOFF\.md@|watchlist\.txt \+/.test(r)), []);
    const unverified = rows.filter((r) => r.includes('kolenyo2099/adsb-investigator'));
    assert.equal(unverified.length, 24);
    assert.ok(unverified.every((r) => r.includes(',UNVERIFIED third-party watchlist with no primary source: https://')));
  });

  it('names only operators in the shipped file\'s operator column: every source is in the source column', () => {
    const rows = parseCsv(readFileSync(dataPath('fleet/candidate-aircraft.csv'), 'utf8'));
    const operators = [...new Set(rows.map((r) => r.operator))].sort();
    assert.deepEqual(operators, [
      'Eastern', 'Eastern Air Express', 'Eastern Air Express (HWA)', 'Global Crossing Airlines (GXA)', 'GlobalX', 'Hillwood Airways (BBQ)', 'Journey', 'Omni', 'Swift Air (iAero Airways)', 'TUI Airlines Netherlands (TFL)', 'Talon', 'World Atlantic',
    ]);
    // No citation of a file a reader cannot open: HANDOFF.md only as a GitHub address at a commit.
    assert.deepEqual(rows.filter((r) => /HANDOFF/.test(r.source!) && !/https:\/\/github\.com\/kolenyo2099\/adsb-investigator\/blob\/[0-9a-f]{40}\/HANDOFF\.md/.test(r.source!)).map((r) => r.registration), []);
    assert.deepEqual(rows.filter((r) => /per |RadarBox|HANDOFF|\d{4}/.test(r.operator!)).map((r) => r.registration), []);
  });

  it('shows operator, period and source in columns of their own, and the dated registered owner before the lists\' claims', async () => {
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'fleet', 'import', '--default'])).code, 0);
    const text = (await runCli(['--db', db, 'fleet', 'list'])).stdout.split('\n');
    assert.equal(text[0], 'registration  icao24  by rule  type  seats  operator                        operator period           operator source                           watched  note');
    assert.equal(text.find((l) => l.startsWith('N149XA')), 'N149XA        a0c62d  yes      B734  168    Swift Air (iAero Airways)       2020-01-12 to 2020-04-27  UWCHR/ice-air …/RadarboxSWQ+WAL20200112…  always');
    // No source text in the operator column: every operator is a name, whatever the list wrote beside it.
    const list = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(list.filter((a: any) => /RadarBox|HANDOFF|\(per /.test(a.operator ?? '')).map((a: any) => a.registration), []);
    const before = list.find((a: any) => a.registration === 'N276GX');
    assert.deepEqual(before.operators.map((o: any) => [o.operator, o.from, o.to, o.claimed]), [['GlobalX', null, null, true], ['TUI Airlines Netherlands (TFL)', null, null, true]]);
    // The FAA registry's registered owner, dated by its certificate, stands before both claims.
    const faa = await runCli(['--db', db, 'fleet', 'import', '--faa', fixture('fleet/MASTER.txt'), '--acftref', fixture('fleet/ACFTREF.txt'), '--owner', 'Global Crossing Airlines']);
    assert.equal(faa.code, 0, faa.stderr);
    const after = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json().find((a: any) => a.registration === 'N276GX');
    assert.deepEqual([after.operator, after.operatorFrom, after.operatorTo, after.operatorClaimed, after.operatorSource], ['GLOBAL CROSSING AIRLINES LLC', '2023-03-10', null, false, 'FAA Releasable Aircraft Database MASTER.txt line 4 (registered owner)']);
    assert.deepEqual(after.operators.map((o: any) => o.operator), ['GLOBAL CROSSING AIRLINES LLC', 'GlobalX', 'TUI Airlines Netherlands (TFL)']);
    const row = (await runCli(['--db', db, 'fleet', 'list'])).stdout.split('\n').find((l) => l.startsWith('N276GX'));
    assert.equal(row, 'N276GX        a2bd72  yes      A320  180    GLOBAL CROSSING AIRLINES LLC    from 2023-03-10           FAA Releasable Aircraft Database MASTER…  always   !');
  });

  it('flags a published address that disagrees with the computed one, in a fleet CSV', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fleet.csv');
    writeFileSync(file, 'registration,icao24,icao_type,operator,seats,watch_from,watch_to,source\nN278GX,a2c4e1,A320,GlobalX,,,,a blog\n,4ca7b1,A320,ASL,,,,a forum\n');
    const r = await runCli(['--db', tempDb(), 'fleet', 'import', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'fleet.csv: 2 rows, 2 aircraft in the registry\n  N278GX: published address a2c4e1 disagrees with a2c4e0 computed from N278GX; the computed one is used\n'.replace('fleet.csv', file));
  });

  it('names the file and line of a bad row in a fleet CSV', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fleet.csv');
    writeFileSync(file, 'registration,icao24,source\nN703KW,,x\nN70O,,x\n');
    const r = await runCli(['--db', tempDb(), 'fleet', 'import', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), `charterwatch: ${file}:3: "N70O" is not a US registration: the letters I and O are not used in N-numbers`);
  });

  it('names the file and the line of a short row after a blank line, and refuses a header with no rows', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'fleet.csv');
    writeFileSync(file, 'registration,icao24,source\nN703KW,,x\n\nN802TJ\n');
    const r = await runCli(['--db', tempDb(), 'fleet', 'import', file]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `charterwatch: ${file}:4: expected 3 columns, found 1\n`);
    writeFileSync(file, 'registration,icao24,source\n');
    const empty = await runCli(['--db', tempDb(), 'fleet', 'import', file]);
    assert.equal(empty.code, 1);
    assert.equal(empty.stderr, `charterwatch: ${file}:2: no aircraft rows after the header\n`);
  });
});

describe('the fleet an ingest keeps', () => {
  it('reads a watchlist of addresses and registrations, with comments', async () => {
    const file = path.join(tempDir(), 'watch.txt');
    writeFileSync(file, '# watched\nA960A9\n n700kw  # Eastern\n\nN278GX\n');
    const store = await Store.open(':memory:');
    try {
      assert.deepEqual([...((await resolveFleet(store, { watchlist: file })) ?? [])], ['a960a9', 'a95584', 'a2c4e0']);
      assert.equal(await resolveFleet(store, { all: true }), null);
    } finally {
      store.close();
    }
  });

  it('names the file and line of a bad watchlist entry', async () => {
    const file = path.join(tempDir(), 'watch.txt');
    writeFileSync(file, 'a960a9\nN0\n');
    const store = await Store.open(':memory:');
    try {
      await assert.rejects(resolveFleet(store, { watchlist: file }), (e: any) => e.line === 2 && e.file === file && /"N0" is not a US registration/.test(e.message));
      writeFileSync(file, 'a960a9\nEI-FXA\n');
      await assert.rejects(resolveFleet(store, { watchlist: file }), (e: any) => e.line === 2 && /expected an ICAO address \(6 hex digits\), a US registration \(N…\) or a registration in the fleet registry, found "EI-FXA"/.test(e.message));
      // Once the registry knows the registration's address, the watchlist resolves it.
      await putAircraft(store, [entryFor({ icao24: '4ca7b1', registration: 'EI-FXA', source: 'a forum' })]);
      assert.deepEqual([...(await resolveFleet(store, { watchlist: file }))!].sort(), ['4ca7b1', 'a960a9']);
    } finally {
      store.close();
    }
  });

  it('uses the registry when no watchlist is given, and says what to do when it is empty', async () => {
    const store = await Store.open(':memory:');
    try {
      await assert.rejects(resolveFleet(store, {}), (e: any) => e.code === 'USAGE' && /fleet registry watches no aircraft \(generated demo aircraft, GEN-…, are never watched\): add some .* or pass --watchlist FILE or --all/.test(e.message));
      await store.run(`INSERT INTO aircraft (icao24, registration, verifiable, source, added_at, watch_to) VALUES ('a960a9', 'N703KW', true, 't', now(), NULL), ('a95584', 'N700KW', true, 't', now(), DATE '2020-01-01')`);
      assert.deepEqual([...((await resolveFleet(store, {})) ?? [])], ['a960a9']);
    } finally {
      store.close();
    }
  });
});

describe('the FAA registry import', () => {
  const master = fixture('fleet/MASTER.txt');
  const acftref = fixture('fleet/ACFTREF.txt');

  it('imports every aircraft of the named owners with types and seats, and reports Mode S disagreements', async () => {
    const db = tempDb();
    const r = await runCli(['--db', db, 'fleet', 'import', '--faa', master, '--acftref', acftref, '--owner', 'Global Crossing Airlines', 'eastern airlines']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'MASTER.txt: 10 registrations read, 1 rejected, 6 matched and added to the registry',
        '  line 8 rejected: expected 35 fields, found 5',
        '  N278GX: MODE S CODE HEX a2c4e1 disagrees with a2c4e0 computed from the N-number; the computed one is used',
        '  N281GX: MODE S CODE 50551137 (octal) is a2d25f, MODE S CODE HEX says a2d25e',
        '',
      ].join('\n'),
    );
    const list = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(
      list.map((a: any) => [a.registration, a.icao24, a.icaoType, a.seats, a.operator]),
      [
        ['N276GX', 'a2bd72', 'A320', 180, 'GLOBAL CROSSING AIRLINES LLC'],
        ['N278GX', 'a2c4e0', 'A320', 180, 'GLOBAL CROSSING AIRLINES LLC'],
        ['N281GX', 'a2d25e', 'A320', 180, 'GLOBAL CROSSING AIRLINES LLC'],
        ['N570TA', 'a75013', 'A321', 220, 'GLOBAL CROSSING AIRLINES LLC'],
        ['N700KW', 'a95584', 'B763', 261, 'EASTERN AIRLINES LLC'],
        ['N703KW', 'a960a9', 'B763', 261, 'EASTERN AIRLINES LLC'],
      ],
    );
    const n703kw = list.find((a: any) => a.registration === 'N703KW');
    assert.equal(n703kw.source, 'FAA Releasable Aircraft Database MASTER.txt line 2');
    assert.equal(n703kw.seatsSource, 'FAA ACFTREF.txt NO-SEATS');
    assert.equal(n703kw.typeSource, "FAA ACFTREF.txt: BOEING 767-3P6 (ICAO type by charterwatch's model table)");
  });

  it('imports a list of registrations and names those MASTER.txt does not hold', async () => {
    const db = tempDb();
    const regs = path.join(tempDir(), 'regs.txt');
    writeFileSync(regs, 'N801WA\nn149xa\nN1\n');
    const r = await runCli(['--db', db, '--json', 'fleet', 'import', '--faa', master, '--acftref', acftref, '--registrations', regs]);
    assert.equal(r.code, 0, r.stderr);
    const s = r.json();
    assert.deepEqual([s.linesRead, s.linesRejected, s.aircraft, s.notFound], [10, 1, 2, ['N1']]);
    const list = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(list.map((a: any) => [a.registration, a.icaoType, a.seats]), [['N149XA', 'B734', 168], ['N801WA', 'MD83', 172]]);
  });

  it("never stores a private owner's name: individuals and co-owners get no operator, organisations keep theirs", async () => {
    // The fixture with N801WA made co-owned (4), N149XA a limited liability company (7) and
    // N570TA non-citizen co-owned (9); N12345 is an individual (1) in the fixture itself.
    const copy = path.join(tempDir(), 'MASTER.txt');
    const code = (text: string, n: string, type: string) => text.replace(new RegExp(`^(${n},(?:[^,]*,){4})\\d,`, 'm'), `$1${type},`);
    writeFileSync(copy, code(code(code(readFileSync(master, 'utf8'), '801WA', '4'), '149XA', '7'), '570TA', '9'));
    const regs = path.join(tempDir(), 'regs.txt');
    writeFileSync(regs, 'N12345\nN801WA\nN149XA\nN570TA\nN703KW\n');
    const db = tempDb();
    const r = await runCli(['--db', db, '--json', 'fleet', 'import', '--faa', copy, '--acftref', acftref, '--registrations', regs]);
    assert.equal(r.code, 0, r.stderr);
    const list = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(
      list.map((a: any) => [a.registration, a.operator, a.operatorSource]),
      [
        ['N12345', null, null],
        ['N149XA', 'SWIFT AIR LLC', 'FAA Releasable Aircraft Database MASTER.txt line 10 (registered owner)'],
        ['N570TA', null, null],
        ['N703KW', 'EASTERN AIRLINES LLC', 'FAA Releasable Aircraft Database MASTER.txt line 2 (registered owner)'],
        ['N801WA', null, null],
      ],
    );
    assert.equal(JSON.stringify(list).includes('SMITH'), false);
  });

  it("forgets a private owner's name an earlier import stored, in the registry and on the legs that copied it", async () => {
    const db = tempDb();
    const store = await Store.open(db);
    // What the earlier import wrote for N12345 (a private owner), and a leg it was copied onto.
    const icao24 = 'a061d9';
    await putAircraft(store, [entryFor({ registration: 'N12345', icao24, operator: 'SMITH JOHN', source: 'FAA Releasable Aircraft Database MASTER.txt line 7', operatorSource: 'FAA Releasable Aircraft Database MASTER.txt line 7 (registered owner)' })]);
    await store.run(`INSERT INTO legs (id, origin, icao24, registration, operator, dep_status, arr_status) VALUES (1, 'adsb', ?, 'N12345', 'SMITH JOHN', 'observed', 'observed'), (2, 'history', ?, 'N12345', 'SMITH JOHN', 'reported', 'reported')`, [icao24, icao24]);
    store.close();
    const regs = path.join(tempDir(), 'regs.txt');
    writeFileSync(regs, 'N12345\n');
    const r = await runCli(['--db', db, 'fleet', 'import', '--faa', master, '--acftref', acftref, '--registrations', regs]);
    assert.equal(r.code, 0, r.stderr);
    const after = await Store.open(db, { readOnly: true });
    try {
      assert.deepEqual(await after.all(`SELECT registration, operator, operator_source FROM aircraft`), [{ registration: 'N12345', operator: null, operator_source: null }]);
      // Nor is it kept in the aircraft's history of operators.
      assert.deepEqual(await after.all(`SELECT attribute, value FROM aircraft_attributes ORDER BY attribute`), [{ attribute: 'registration', value: 'N12345' }]);
      // The history's own record of an operator is a source's claim, not the registry's copy: it stays.
      assert.deepEqual(await after.all(`SELECT id, operator FROM legs ORDER BY id`), [{ id: 1, operator: null }, { id: 2, operator: 'SMITH JOHN' }]);
    } finally {
      after.close();
    }
  });

  it('exits 2 when the FAA options are incomplete, 1 when a file is missing', async () => {
    const db = tempDb();
    const usage: [string[], RegExp][] = [
      [['fleet', 'import', '--faa', master, '--owner', 'X'], /--faa needs --acftref/],
      [['fleet', 'import', '--faa', master, '--acftref', acftref], /--faa needs --owner NAME/],
      [['fleet', 'import'], /fleet import takes one of/],
      [['fleet', 'import', '--default', '--owner', 'X'], /--owner, --registrations and --acftref go with --faa/],
    ];
    for (const [args, message] of usage) {
      const r = await runCli(['--db', db, ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
    const missing = await runCli(['--db', db, 'fleet', 'import', '--faa', '/nonexistent/MASTER.txt', '--acftref', acftref, '--owner', 'X']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /\/nonexistent\/MASTER.txt: no such file/);
  });
});

describe('imports one after another', () => {
  it('reads MASTER.txt the same in 7-byte chunks as in one piece', async () => {
    const { importFaa } = await import('../../src/fleet/faa.ts');
    const results = [];
    for (const chunkBytes of [7, 1 << 20]) {
      const store = await Store.open(':memory:');
      try {
        const s = await importFaa(store, { master: fixture('fleet/MASTER.txt'), acftref: fixture('fleet/ACFTREF.txt'), owners: ['global crossing airlines'], chunkBytes });
        results.push([s, await store.all(`SELECT icao24, registration, icao_type, seats, note FROM aircraft ORDER BY icao24`)]);
      } finally {
        store.close();
      }
    }
    assert.deepEqual(results[0], results[1]);
    assert.equal((results[0]![1] as unknown[]).length, 4);
  });

  it('keeps the FAA claims when the default watchlist comes later, noting the other operator, and stays the same on a second import', async () => {
    const db = tempDb();
    await runCli(['--db', db, 'fleet', 'import', '--faa', fixture('fleet/MASTER.txt'), '--acftref', fixture('fleet/ACFTREF.txt'), '--owner', 'Eastern Airlines']);
    await runCli(['--db', db, 'fleet', 'import', '--default']);
    const first = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    await runCli(['--db', db, 'fleet', 'import', '--default']);
    const second = (await runCli(['--db', db, '--json', 'fleet', 'list'])).json();
    assert.deepEqual(second, first);
    const n703kw = first.find((a: any) => a.registration === 'N703KW');
    assert.deepEqual([n703kw.icaoType, n703kw.seats, n703kw.operator], ['B763', 261, 'EASTERN AIRLINES LLC']);
    assert.equal(n703kw.source, 'FAA Releasable Aircraft Database MASTER.txt line 2; UNVERIFIED third-party watchlist with no primary source: https://github.com/kolenyo2099/adsb-investigator/blob/4eed84ba6199e6775e32f56c4165b34e4fd6f3e0/HANDOFF.md (section 7 Watchlist seed) and watchlist.txt at the same commit');
    assert.equal(n703kw.note, 'operator also given as "Eastern" by UNVERIFIED third-party watchlist with no primary source: https://github.com/kolenyo2099/adsb-investigator/blob/4eed84ba6199e6775e32f56c4165b34e4fd6f3e0/HANDOFF.md (section 7 Watchlist seed) and watchlist.txt at the same commit');
  });
});

describe('ICAO types of FAA models', () => {
  it('maps the charter types of ACFTREF to their ICAO designators, and others to none', async () => {
    const { icaoTypeOf } = await import('../../src/fleet/faa.ts');
    const table: [string, string, string | null][] = [
      ['BOEING', '737-4B7', 'B734'],
      ['BOEING', '737-3H4', 'B733'],
      ['BOEING', '737-7H4', 'B737'],
      ['BOEING', '737-8EH', 'B738'],
      ['BOEING', '737-924ER', 'B739'],
      ['BOEING', '757-2Q8', 'B752'],
      ['BOEING', '767-3P6', 'B763'],
      ['BOEING', '777-2Q8ER', 'B772'],
      ['AIRBUS', 'A319-112', 'A319'],
      ['AIRBUS INDUSTRIE', 'A320-214', 'A320'],
      ['AIRBUS', 'A321-211', 'A321'],
      ['MCDONNELL DOUGLAS', 'DC-9-83(MD-83)', 'MD83'],
      ['BOEING', 'MD-82', 'MD82'],
      ['EMBRAER', 'EMB-145LR', 'E145'],
      ['EMBRAER S A', 'ERJ 190-100 IGW', 'E190'],
      ['BOMBARDIER INC', 'CL-600-2B19', 'CRJ2'],
      ['BOMBARDIER INC', 'CL-600-2C10', 'CRJ7'],
      ['BOMBARDIER INC', 'CL-600-2D24', 'CRJ9'],
      ['CESSNA', '172N', null],
      ['BOEING', '747-400', null],
    ];
    for (const [mfr, model, type] of table) assert.equal(icaoTypeOf({ mfr, model }), type, `${mfr} ${model}`);
  });
});
