import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { CATEGORIES, formatClassificationScore, generateTraffic, scoreClassification, scoreLegs, writeOpenskyCsv, writeTraffic, type GeneratedTraffic, type TruthLeg } from '../../src/generate/index.ts';
import { Store } from '../../src/store/store.ts';
import { buildLegs, deriveLegs } from '../../src/tracks/legs.ts';
import type { DerivedLeg } from '../../src/tracks/segment.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

const iso = (t: number) => new Date(t * 1000).toISOString().slice(0, 16) + 'Z';

describe('the traffic generator', () => {
  // A smaller month than the benchmark's: 16 aircraft over three weeks, a position every 20 s.
  // Seed 18 is one whose three weeks hold every category of work, each with legs without callsign.
  let g: GeneratedTraffic;
  let derived: DerivedLeg[];
  before(() => {
    g = generateTraffic({ seed: 18, from: '2024-06-20', to: '2024-07-10', aircraft: 16, stepSeconds: 20 });
    derived = g.aircraft.flatMap((a, k) => deriveLegs(g.positions.toTrack(k), { type: a.type }));
  });

  it('gives the same traffic for the same seed', () => {
    const again = generateTraffic({ seed: 18, from: '2024-06-20', to: '2024-07-10', aircraft: 16, stepSeconds: 20 });
    assert.equal(again.positions.n, g.positions.n);
    assert.deepEqual(again.legs.slice(0, 5), g.legs.slice(0, 5));
    assert.notEqual(generateTraffic({ seed: 12, from: '2024-06-20', to: '2024-07-10', aircraft: 16, stepSeconds: 20 }).positions.n, g.positions.n);
  });

  it('flies the removal mission to China around 2 July 2024: a 767 from Alexandria via Anchorage to Beijing and back', () => {
    const china = g.legs.filter((l) => l.callsign === 'RPN1701');
    const plane = g.aircraft.find((a) => a.icao24 === china[0]?.icao24);
    assert.equal(plane?.type, 'B763');
    assert.deepEqual(china.map((l) => `${l.dep}→${l.arr} ${l.kind}`), ['KAEX→PANC domestic', 'PANC→ZBAA removal', 'ZBAA→PANC return', 'PANC→KAEX domestic']);
    assert.equal(iso(china[0]!.takeoff), '2024-07-01T15:00Z');
    assert.equal(iso(china[1]!.landing).slice(0, 10), '2024-07-02');
    const mission = g.missions.find((m) => m.id === china[0]!.missionId);
    assert.deepEqual(mission?.countries, ['CN']);
    assert.equal(mission?.removal, true);
  });

  it('flies every kind of work and every category, some legs of each without callsign', () => {
    const kinds = new Set(g.legs.map((l) => l.kind));
    assert.deepEqual([...kinds].sort(), ['domestic', 'foreign', 'lateral', 'other', 'removal', 'return']);
    const countries = new Set(g.missions.flatMap((m) => m.countries));
    for (const c of ['GT', 'HN', 'SV', 'CU', 'CN']) assert.ok(countries.has(c), `missions reach ${c}`);
    const count = (f: (l: TruthLeg) => boolean) => CATEGORIES.map((c) => g.legs.filter((l) => l.category === c && f(l)).length);
    assert.deepEqual(CATEGORIES, ['program', 'program-on-charter-route', 'scheduled-charter', 'sports-casino', 'evacuation', 'positioning']);
    assert.deepEqual(count(() => true), [267, 13, 136, 37, 10, 9]);
    assert.deepEqual(count((l) => l.callsign === ''), [27, 3, 18, 7, 1, 3]);
    // Only the program's legs are removals, returns, domestic, lateral or foreign.
    assert.deepEqual([...new Set(g.legs.filter((l) => !l.category.startsWith('program')).map((l) => l.kind))], ['other']);
    assert.equal(g.legs.filter((l) => l.category.startsWith('program') && l.kind === 'other').length, 0);
  });

  it('names only fictional operators and callsigns: Generated Charter A–D, GNA–GND, and ICE\'s RPN', () => {
    assert.deepEqual([...new Set(g.aircraft.map((a) => a.operator))].sort(), ['Generated Charter A', 'Generated Charter B', 'Generated Charter C', 'Generated Charter D']);
    assert.deepEqual(g.legs.filter((l) => !/^((GN[A-D]|RPN)\d{3,4})?$/.test(l.callsign)), []);
    // The program's own numbers: RPN, A's block GNA3400–3699, B's four numbers, C's and D's blocks.
    const program = (c: string) => /^RPN\d+$|^GNA3[4-6]\d\d$|^GNB(408|608|708|888)$|^GNC22\d\d$|^GND44\d\d$/.test(c);
    assert.deepEqual([...new Set(g.legs.filter((l) => l.callsign && l.category.startsWith('program')).map((l) => program(l.callsign)))], [true]);
    // The scenario keeps its callsign; other work never carries a program number, but A's Havana pair GNA3139/3140 sits just below the block.
    assert.deepEqual([...new Set(g.legs.filter((l) => l.callsign && !l.category.startsWith('program')).map((l) => program(l.callsign)))], [false]);
    assert.ok(g.legs.some((l) => l.callsign === 'GNA3139' && l.category === 'scheduled-charter'));
  });

  it('flies Miami\'s public charters on a timetable: the same route at the same hour on most days, by aircraft that take turns', () => {
    const charters = g.legs.filter((l) => l.category === 'scheduled-charter');
    const at = (l: TruthLeg) => new Date(l.takeoff * 1000).toISOString();
    const sdq = charters.filter((l) => l.dep === 'KMIA' && l.arr === 'MDSD' && at(l).slice(11, 16) === '12:15');
    assert.equal(new Set(sdq.map((l) => at(l).slice(0, 10))).size, 18);
    assert.ok(new Set(sdq.map((l) => l.icao24)).size >= 2, 'flown by more than one aircraft');
    // Every outbound comes back the same day, and every leg touches Miami.
    assert.equal(charters.filter((l) => l.dep !== 'KMIA' && l.arr !== 'KMIA').length, 0);
    assert.deepEqual([...new Set(charters.filter((l) => l.dep === 'KMIA').map((l) => l.arr))].sort(), ['MDPC', 'MDSD', 'MUHA', 'MUHG', 'MUSC', 'MUVR']);
  });

  it('flies the program to Havana on the charter route, after a day of hub legs ending in Miami', () => {
    const cuba = g.legs.filter((l) => l.arr === 'MUHA' && l.category === 'program-on-charter-route');
    assert.equal(cuba.length, 6);
    for (const leg of cuba) {
      assert.equal(leg.kind, 'removal');
      const mine = g.legs.filter((l) => l.icao24 === leg.icao24);
      const i = mine.indexOf(leg);
      const [a, b, back] = [mine[i - 2]!, mine[i - 1]!, mine[i + 1]];
      assert.deepEqual([a.category, b.category, b.arr, b.kind], ['program', 'program', 'KMIA', 'domestic'], `${leg.icao24} ${a.dep}→${a.arr}→${b.arr}`);
      assert.ok(leg.takeoff - a.takeoff < 36 * 3600);
      assert.equal(leg.missionId, b.missionId);
      if (back) assert.deepEqual([back.dep, back.arr, back.kind, back.category], ['MUHA', 'KMIA', 'return', 'program-on-charter-route']);
    }
    // The same route is flown by public charters in the same weeks.
    assert.ok(g.legs.some((l) => l.arr === 'MUHA' && l.category === 'scheduled-charter'));
  });

  it('flies one evacuation burst: two aircraft, one gateway and one island, out under ferry numbers and back within the day', () => {
    const evacuation = g.legs.filter((l) => l.category === 'evacuation');
    assert.deepEqual([...new Set(evacuation.map((l) => `${l.dep}→${l.arr}`))].sort(), ['KMIA→SEQM', 'SEQM→KMIA']);
    assert.equal(new Set(evacuation.map((l) => l.icao24)).size, 2);
    const days = evacuation.map((l) => l.takeoff);
    assert.ok(Math.max(...days) - Math.min(...days) < 3 * 86400);
    assert.deepEqual([...new Set(evacuation.filter((l) => l.dep === 'KMIA' && l.callsign).map((l) => /^GN[A-D]9\d{3}$/.test(l.callsign)))], [true]);
  });

  it('flies sports and casino charters between US airports, each group out and back by the same aircraft', () => {
    const trips = g.legs.filter((l) => l.category === 'sports-casino');
    assert.equal(trips.filter((l) => l.dep.startsWith('K') && l.arr.startsWith('K')).length, trips.length);
    for (const icao24 of new Set(trips.map((l) => l.icao24))) {
      const legs = trips.filter((l) => l.icao24 === icao24);
      for (let i = 0; i + 1 < legs.length; i += 2) assert.deepEqual([legs[i + 1]!.dep, legs[i + 1]!.arr], [legs[i]!.arr, legs[i]!.dep]);
    }
    // Some touch airports ICE's ARTS dictionary also lists (Atlanta, Nashville, Memphis, Newark, Las Vegas …).
    assert.ok(trips.some((l) => ['KATL', 'KBNA', 'KMEM', 'KEWR', 'KLAS', 'KORD', 'KMSP', 'KOMA', 'KBOS', 'KDEN'].includes(l.arr)));
  });

  it('scores a classification per kind and per category: the truth itself scores 1, one charter called a removal costs removal precision there', () => {
    const asDerived = (l: TruthLeg, kind: string) => ({ icao24: l.icao24, dep: l.takeoff, arr: l.landing, kind });
    const perfect = scoreClassification(g.legs, g.legs.map((l) => asDerived(l, l.kind)));
    assert.deepEqual(perfect.kinds.map((k) => [k.kind, k.precision, k.recall]), [['removal', 1, 1], ['return', 1, 1], ['domestic', 1, 1], ['lateral', 1, 1], ['foreign', 1, 1], ['other', 1, 1]]);
    const wrong = g.legs.find((l) => l.category === 'scheduled-charter' && l.arr === 'MDSD')!;
    const missed = g.legs.find((l) => l.category === 'program-on-charter-route' && l.kind === 'removal')!;
    const s = scoreClassification(g.legs, g.legs.map((l) => ({ ...asDerived(l, l === wrong ? 'removal' : l === missed ? 'possible' : l.kind), candidate_kind: l === missed ? 'removal' : null })));
    const removals = g.legs.filter((l) => l.kind === 'removal').length;
    const removal = s.kinds[0]!;
    assert.deepEqual([removal.truth, removal.derived, removal.right], [removals, removals, removals - 1]);
    assert.equal(removal.precision, (removals - 1) / removals);
    const charter = s.categories.find((c) => c.category === 'scheduled-charter')!;
    assert.deepEqual([charter.falseRemovals, charter.byKind.removal, charter.byKind.other], [1, 1, 135]);
    const route = s.categories.find((c) => c.category === 'program-on-charter-route')!;
    assert.deepEqual([route.removals, route.found, route.byKind['possible removal']], [6, 5, 1]);
    assert.match(formatClassificationScore(s).join('\n'), /scheduled-charter +136 legs, removals 0\/0 found, 1 false; called other 135, removal 1/);
    assert.equal(s.mistakes.length, 2);
  });

  it('derives legs with precision and recall of at least 0.99 and the right airport at observed ends', () => {
    const s = scoreLegs(g.legs, derived);
    assert.ok(s.truthLegs > 400, `${s.truthLegs} legs`);
    assert.ok(s.precision >= 0.99, `precision ${s.precision}`);
    assert.ok(s.recall >= 0.99, `recall ${s.recall}`);
    assert.ok(s.observedRight >= 0.99, `observed right ${s.observedRight}`);
    assert.ok(s.wrongAirport < 0.005, `wrong airport ${s.wrongAirport}: ${s.mistakes.join('; ')}`);
    assert.ok(s.ends.inferred > 0 && s.ends.unknown >= 0);
  });

  it('writes positions into the store as a generated source, and buildLegs finds the same legs there', async () => {
    const store = await Store.open(tempDb());
    try {
      await writeTraffic(store, g, { label: 'generated:seed=11' });
      assert.deepEqual(await store.one(`SELECT format, generated, rows_kept FROM sources`), { format: 'generated', generated: true, rows_kept: g.positions.n });
      const types = new Map(g.aircraft.map((a) => [a.icao24, a.type]));
      const result = await buildLegs(store, { types });
      assert.equal(result.legs, derived.length);
      assert.deepEqual(await store.one(`SELECT bool_and(generated) AS generated, count(*)::INTEGER AS n, count(DISTINCT origin)::INTEGER AS origins FROM legs`), { generated: true, n: derived.length, origins: 1 });
      // Re-deriving replaces, never duplicates.
      await buildLegs(store, { types });
      assert.equal(await store.value(`SELECT count(*)::INTEGER FROM legs`), derived.length);
      const china = await store.all(`SELECT dep_airport, arr_airport FROM legs WHERE callsign = 'RPN1701' ORDER BY dep_time`);
      assert.deepEqual(china.map((l) => `${l.dep_airport}→${l.arr_airport}`), ['KAEX→PANC', 'PANC→ZBAA', 'ZBAA→PANC', 'PANC→KAEX']);
    } finally {
      store.close();
    }
  });

  it('writes an OpenSky state-vector CSV that the ingest command reads', async () => {
    const small = generateTraffic({ seed: 3, from: '2024-06-20', to: '2024-06-23', aircraft: 3, stepSeconds: 30 });
    const file = path.join(tempDir(), 'states.csv');
    await writeOpenskyCsv(file, small);
    const result = await runCli(['ingest', '--db', tempDb(), '--all', '--json', file]);
    assert.equal(result.code, 0, result.stderr);
    const [source] = result.json().sources;
    assert.equal(source.format, 'opensky-csv');
    assert.equal(source.rowsRead, small.positions.n);
  });
});
