import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { generateTraffic, scoreLegs, writeOpenskyCsv, writeTraffic, type GeneratedTraffic } from '../../src/generate/index.ts';
import { Store } from '../../src/store/store.ts';
import { buildLegs, deriveLegs } from '../../src/tracks/legs.ts';
import type { DerivedLeg } from '../../src/tracks/segment.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

const iso = (t: number) => new Date(t * 1000).toISOString().slice(0, 16) + 'Z';

describe('the traffic generator', () => {
  // A smaller month than the benchmark's: 16 aircraft over three weeks, a position every 20 s.
  let g: GeneratedTraffic;
  let derived: DerivedLeg[];
  before(() => {
    g = generateTraffic({ seed: 11, from: '2024-06-20', to: '2024-07-10', aircraft: 16, stepSeconds: 20 });
    derived = g.aircraft.flatMap((a, k) => deriveLegs(g.positions.toTrack(k), { type: a.type }));
  });

  it('gives the same traffic for the same seed', () => {
    const again = generateTraffic({ seed: 11, from: '2024-06-20', to: '2024-07-10', aircraft: 16, stepSeconds: 20 });
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

  it('flies every kind of work: removals to four regions, returns, domestic and lateral transfers, unrelated charters', () => {
    const kinds = new Set(g.legs.map((l) => l.kind));
    assert.deepEqual([...kinds].sort(), ['domestic', 'foreign', 'lateral', 'other', 'removal', 'return']);
    const countries = new Set(g.missions.flatMap((m) => m.countries));
    for (const c of ['GT', 'CN']) assert.ok(countries.has(c), `missions reach ${c}`);
    assert.ok(g.legs.some((l) => l.arr === 'MUHA' && l.kind === 'other'));
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
