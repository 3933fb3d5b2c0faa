import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countFlights } from '../../src/answers/flights.ts';
import { countChains, countLegsBy, countLegsByKeys, edgeLeg, legAircraft, legDays, legsByArrivalCountry, legSpan, legTotals, LEG_GROUPINGS, type LegGrouping } from '../../src/query/legs.ts';
import type { Store } from '../../src/store/store.ts';
import { fixtureStore } from './fixture.ts';

/** Every grouping over the fixture's eight counted legs, worked out by hand from test/query/fixture.ts. */
const EXPECTED: Record<LegGrouping, [string, number][]> = {
  // The counted end: the foreign one, where a return left from; leg 9's end is unknown.
  country: [['GT', 2], ['HN', 2], ['?', 1], ['DO', 1], ['SV', 1], ['US', 1]],
  airport: [['MGGT', 2], ['MHLM', 2], ['?', 1], ['KIAH', 1], ['MDSD', 1], ['MSLP', 1]],
  'us-airport': [['KAEX', 7], ['KMIA', 1]],
  'departure-country': [['US', 7], ['GT', 1]],
  'arrival-country': [['HN', 2], ['US', 2], ['?', 1], ['DO', 1], ['GT', 1], ['SV', 1]],
  // 23:59:59 on 3 June is June; 00:00:00 on 3 July is July.
  month: [['2024-06', 6], ['2024-07', 2]],
  // ISO weeks: Monday 3 June 2024 begins week 23.
  week: [['2024-W23', 2], ['2024-W24', 3], ['2024-W25', 1], ['2024-W27', 2]],
  day: [['2024-06-03', 1], ['2024-06-04', 1], ['2024-06-10', 1], ['2024-06-15', 1], ['2024-06-16', 1], ['2024-06-20', 1], ['2024-07-02', 1], ['2024-07-03', 1]],
  year: [['2024', 8]],
  operator: [['GlobalX', 6], ['(not recorded)', 2]],
  aircraft: [['a960a9', 7], ['N123AB', 1]],
  kind: [['removal', 3], ['domestic', 1], ['other', 1], ['possible', 1], ['return', 1], ['unclassified', 1]],
  // Most for on every leg but "other", most against on "other"; leg 9 has no evidence.
  reason: [['us-airport-hub', 3], ['arts-destination', 2], ['?', 1], ['callsign-block', 1], ['public-charter', 1]],
};

describe('grouping the counted legs on a real database file', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore();
  });
  after(() => store.close());

  for (const by of LEG_GROUPINGS) {
    it(`counts by ${by} exactly, every leg in one group`, async () => {
      const groups = await countLegsBy(store, {}, by);
      assert.deepEqual(groups.map((g) => [g.key, g.legs]), EXPECTED[by]);
    });
  }

  it('marks the generated legs of each group', async () => {
    const groups = await countLegsBy(store, {}, 'country');
    assert.deepEqual(groups.filter((g) => g.generated).map((g) => [g.key, g.generated]), [['HN', 1]]);
  });

  it('names legs without a value by the key asked for', async () => {
    const groups = await countLegsBy(store, {}, 'operator', { unknownKey: 'unknown' });
    assert.deepEqual(groups.map((g) => [g.key, g.legs]), [['GlobalX', 6], ['unknown', 2]]);
  });

  it('groups the legs a filter picks: removals from 4 June to 3 July by country', async () => {
    const groups = await countLegsBy(store, { kind: 'removal', from: '2024-06-04', to: '2024-07-03' }, 'country');
    assert.deepEqual(groups.map((g) => [g.key, g.legs]), [['GT', 1], ['HN', 1]]);
  });

  it('crosses two keys, one row per pair that has legs', async () => {
    const rows = await countLegsByKeys(store, { kind: 'removal' }, ['month', 'country']);
    assert.deepEqual(rows.map((r) => [...r.keys, r.legs]), [['2024-06', 'GT', 1], ['2024-06', 'HN', 1], ['2024-07', 'HN', 1]]);
  });

  it('totals the legs, the generated ones, the countries reached and those from ADS-B', async () => {
    assert.deepEqual(await legTotals(store), { legs: 8, generated: 1, countries: 5, adsb: 7 });
    assert.deepEqual(await legTotals(store, { kind: 'removal' }), { legs: 3, generated: 1, countries: 2, adsb: 3 });
  });

  it('gives the first and last instant of the legs', async () => {
    assert.deepEqual(await legSpan(store), { first: '2024-06-03T23:59:59Z', last: '2024-07-03T00:00:00Z' });
    assert.equal(await legSpan(store, { kind: 'lateral' }), null);
  });

  it('counts chains: a mission once, a leg outside any mission on its own', async () => {
    assert.equal(await countChains(store, { kind: 'removal' }), 3);
    assert.equal(await countChains(store, {}), 7);
  });

  it('finds the first and the last leg a filter picks, with its day and generated mark', async () => {
    const toHonduras = { kind: 'removal', arrivalCountry: 'HN' } as const;
    assert.deepEqual(await edgeLeg(store, toHonduras, 'first'), { day: '2024-06-03', generated: false });
    assert.deepEqual(await edgeLeg(store, toHonduras, 'last'), { day: '2024-07-02', generated: true });
    assert.equal(await edgeLeg(store, { ...toHonduras, from: '2024-07-03' }, 'first'), undefined);
  });

  it('gives the days and the aircraft the legs of a period hold', async () => {
    assert.deepEqual(await legDays(store, { from: '2024-07-01' }), ['2024-07-02', '2024-07-03']);
    assert.deepEqual(await legAircraft(store, { from: '2024-06-20', to: '2024-06-21' }), []);
    assert.deepEqual(await legAircraft(store, {}), ['a960a9']);
  });

  it('counts legs by the country they arrived in, in a year and in all', async () => {
    assert.deepEqual(await legsByArrivalCountry(store, { kind: 'removal' }, 2024), [
      { country: 'HN', in_year: 2, flights: 2, last: '2024-07-02', generated: true },
      { country: 'GT', in_year: 1, flights: 1, last: '2024-06-04', generated: false },
    ]);
    assert.deepEqual((await legsByArrivalCountry(store, { kind: 'removal' }, 2023)).map((r) => [r.country, r.in_year, r.flights]), [['HN', 0, 2], ['GT', 0, 1]]);
  });

  it('is the view of schema version 13', async () => {
    assert.equal(await store.schemaVersion(), 13);
    assert.deepEqual(await store.all(`SELECT id, arr_airport, reason FROM counted_legs WHERE id = 5`), [{ id: 5, arr_airport: 'MHLM', reason: 'us-airport-hub' }]);
  });
});

describe('flights count --by reason reads the stored codes, never the words', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore();
  });
  after(() => store.close());

  const byReason = async () => (await countFlights(store, { by: 'reason', cite: false })).rows.map((r) => [r.key, r.legs]);

  it('gives the same count after every reason sentence and evidence line is reworded', async () => {
    const before = await byReason();
    assert.deepEqual(before, EXPECTED.reason);
    await store.run(`UPDATE legs SET evidence = 'reworded: ' || id,
      reasons = (SELECT to_json(list({'code': r.code, 'weight': r.weight, 'text': 'said another way ' || r.code}))::VARCHAR
                 FROM (SELECT unnest(from_json(reasons, '[{"code":"VARCHAR","weight":"DOUBLE","text":"VARCHAR"}]')) AS r))
      WHERE reasons IS NOT NULL`);
    assert.equal(await store.value(`SELECT count(*)::INTEGER FROM legs WHERE reasons LIKE '%said another way%'`), 7);
    assert.deepEqual(await byReason(), before);
  });

  it('moves a leg to another reason when its stored weights change (the figure does follow the codes)', async () => {
    // Leg 2: the hub now weighs more than the ARTS destination.
    await store.run(`UPDATE legs SET reasons = ? WHERE id = 2`, [JSON.stringify([{ code: 'us-airport-hub', weight: 2, text: 'KAEX is a program hub' }, { code: 'arts-destination', weight: 1.5, text: 'MGGT is an ARTS destination' }])]);
    assert.deepEqual(await byReason(), [['us-airport-hub', 4], ['?', 1], ['arts-destination', 1], ['callsign-block', 1], ['public-charter', 1]]);
  });
});
