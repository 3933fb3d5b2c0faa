import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LegFilter } from '../../src/query/filter.ts';
import { selectLegs } from '../../src/query/leg-rows.ts';
import { countLegs } from '../../src/query/legs.ts';
import type { Store } from '../../src/store/store.ts';
import { fixtureStore } from './fixture.ts';

describe('the leg filter on a real database file', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore();
  });
  after(() => store.close());

  /** The ids of the legs a filter picks, in timeline order, and their count (which must agree). */
  const ids = async (filter: LegFilter) => {
    const picked = (await selectLegs(store, filter)).map((l) => l.id);
    assert.equal(await countLegs(store, filter), picked.length);
    return picked;
  };

  it('picks every leg that stands for a flight, never one merged into another', async () => {
    assert.deepEqual(await ids({}), [1, 2, 3, 8, 9, 4, 5, 6]);
  });

  it('takes from inclusive at 00:00 UTC: a leg at 23:59:59 the day before is out, one at 00:00:00 in', async () => {
    assert.deepEqual(await ids({ from: '2024-06-04' }), [2, 3, 8, 9, 4, 5, 6]);
    assert.deepEqual(await ids({ from: '2024-06-03T23:59:59Z' }), [1, 2, 3, 8, 9, 4, 5, 6]);
  });

  it('takes to exclusive: a leg at 00:00:00 on the to day is out, one at 23:00 the day before in', async () => {
    assert.deepEqual(await ids({ from: '2024-07-02', to: '2024-07-03' }), [5]);
    assert.deepEqual(await ids({ from: '2024-07-02', to: '2024-07-03T00:00:01Z' }), [5, 6]);
  });

  it('dates a leg the record gives only a day for by that day', async () => {
    assert.deepEqual(await ids({ from: '2024-06-20', to: '2024-06-21' }), [4]);
    assert.deepEqual(await ids({ from: '2024-06-19', to: '2024-06-20' }), []);
  });

  it('picks a kind, the possible band of a kind, and the unclassified legs', async () => {
    assert.deepEqual(await ids({ kind: 'removal' }), [1, 2, 5]);
    assert.deepEqual(await ids({ kind: 'return' }), [3]);
    assert.deepEqual(await ids({ possibleOf: 'removal' }), [8]);
    assert.deepEqual(await ids({ unclassified: true }), [9]);
  });

  it('picks a country at either end, the filled arrival of a leg lost in the air included', async () => {
    assert.deepEqual(await ids({ country: 'GT' }), [2, 3]);
    assert.deepEqual(await ids({ country: 'HN' }), [1, 5]);
    assert.deepEqual(await ids({ arrivalCountry: 'GT' }), [2]);
    assert.deepEqual(await ids({ departureCountry: 'GT' }), [3]);
  });

  it('lists a leg picked by its filled arrival with the arrival as recorded, unless asked as counted', async () => {
    const [recorded] = await selectLegs(store, { country: 'HN', generated: true });
    const [counted] = await selectLegs(store, { country: 'HN', generated: true }, { counted: true });
    assert.deepEqual([recorded!.id, recorded!.arr_airport, recorded!.arr_status], [5, null, 'unknown']);
    assert.deepEqual([counted!.id, counted!.arr_airport, counted!.arr_country], [5, 'MHLM', 'HN']);
  });

  it('finds an aircraft by registration and by address alike, a registration in any case', async () => {
    const all = [1, 2, 3, 8, 9, 5, 6];
    assert.deepEqual(await ids({ aircraft: ['N703KW'] }), all);
    assert.deepEqual(await ids({ aircraft: ['a960a9'] }), all);
    assert.deepEqual(await ids({ aircraft: ['A960A9'] }), all);
    assert.deepEqual(await ids({ aircraft: ['N123AB'] }), [4]);
    assert.deepEqual(await ids({ aircraft: ['n123ab', 'N703KW'] }), [1, 2, 3, 8, 9, 4, 5, 6]);
  });

  it('picks an airport at either end, a mission, one leg, generated or real legs', async () => {
    assert.deepEqual(await ids({ airport: 'MGGT' }), [2, 3]);
    assert.deepEqual(await ids({ mission: 11 }), [2, 3]);
    assert.deepEqual(await ids({ leg: 4 }), [4]);
    assert.deepEqual(await ids({ leg: 7 }), []);
    assert.deepEqual(await ids({ generated: true }), [5]);
    assert.deepEqual(await ids({ generated: false, kind: 'removal' }), [1, 2]);
  });

  it('combines conditions with AND', async () => {
    assert.deepEqual(await ids({ kind: 'removal', from: '2024-06-04', to: '2024-07-03', country: 'HN' }), [5]);
  });

  it('binds a hostile value as a value: a quote in a country picks nothing and breaks nothing', async () => {
    assert.deepEqual(await ids({ country: "GT' OR 1=1 --" }), []);
  });
});
