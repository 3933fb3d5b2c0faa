import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATEGORIES, formatClassificationScore, generateTraffic, scoreClassification, writeTraffic } from '../../src/generate/index.ts';
import { Store } from '../../src/store/store.ts';
import { classifyStore } from '../../src/tracks/classify-store.ts';
import { scoreRemovals, type ScoredLeg } from '../../src/generate/classify-score.ts';
import { buildLegs } from '../../src/tracks/legs.ts';
import { tempDb } from '../helpers.ts';

describe('removal flights on a generated month with the confusers of real data', () => {
  it('finds the removal legs with precision and recall of at least 0.98, and the China mission', async () => {
    const store = await Store.open(tempDb());
    try {
      const g = generateTraffic({ seed: 11, from: '2024-06-15', to: '2024-07-15', aircraft: 8, stepSeconds: 15 });
      // The month holds every category of work the real 2020 history shows on the program's aircraft.
      assert.deepEqual(CATEGORIES.map((c) => g.legs.filter((l) => l.category === c).length), [123, 6, 198, 32, 6, 26]);
      await writeTraffic(store, g, { label: 'generated:test classify' });
      await buildLegs(store, { types: new Map(g.aircraft.map((a) => [a.icao24, a.type])) });
      // The classifier knows the generated contractors' program numbers (on generated legs only), as it knows the real ones'.
      await classifyStore(store);
      const legs = await store.all<ScoredLeg & { candidate_kind: string | null }>(`SELECT icao24, epoch(dep_time) AS dep, epoch(arr_time) AS arr, kind, candidate_kind, dep_airport, arr_airport FROM legs`);
      const s = scoreRemovals(g.legs, legs);
      const why = () => `\n${formatClassificationScore(scoreClassification(g.legs, legs)).join('\n')}\n${s.mistakes.join('\n')}`;
      assert.equal(s.truthRemovals, 29);
      assert.ok(s.precision >= 0.98, `precision ${s.precision}${why()}`);
      assert.ok(s.recall >= 0.98, `recall ${s.recall}${why()}`);
      const china = await store.all<{ kind: string; dep_airport: string; arr_airport: string }>(
        `SELECT kind, dep_airport, arr_airport FROM legs WHERE mission_id IN (SELECT id FROM missions WHERE list_contains(countries, 'CN')) ORDER BY dep_time`,
      );
      assert.deepEqual(china.map((l) => `${l.dep_airport}→${l.arr_airport} ${l.kind}`), ['KAEX→PANC domestic', 'PANC→ZBAA removal', 'ZBAA→PANC return', 'PANC→KAEX domestic']);
    } finally {
      store.close();
    }
  });
});
