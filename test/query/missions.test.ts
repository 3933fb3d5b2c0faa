import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countMissions, selectMissions, type MissionFilter } from '../../src/query/missions.ts';
import type { Store } from '../../src/store/store.ts';
import { fixtureStore } from './fixture.ts';

describe('the mission filter on a real database file', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore();
    // Mission 10 leaves 3 June and is back 5 June; 11 runs 4 to 10 June; 12 leaves 2 July, not seen back.
    for (const [id, start, end, countries, complete] of [
      [10, '2024-06-03T23:59:59Z', '2024-06-05T10:00:00Z', ['HN'], true],
      [11, '2024-06-04T00:00:00Z', '2024-06-10T14:00:00Z', ['GT'], true],
      [12, '2024-07-02T23:00:00Z', null, ['HN'], false],
    ] as const) {
      await store.run(
        `INSERT INTO missions VALUES (?, 'a960a9', 'N703KW', ?::TIMESTAMPTZ, ?::TIMESTAMPTZ, 'KAEX', ?, ?::VARCHAR[], 2, ?)`,
        [id, start, end, end ? 'KAEX' : null, `[${countries.join(',')}]`, complete],
      );
    }
  });
  after(() => store.close());

  const ids = async (filter: MissionFilter) => {
    const picked = (await selectMissions(store, filter)).map((m) => m.id);
    assert.equal(await countMissions(store, filter), picked.length);
    return picked;
  };

  it('holds the missions that start in the period, from inclusive and to exclusive', async () => {
    assert.deepEqual(await ids({ from: '2024-06-04' }), [11, 12]);
    assert.deepEqual(await ids({ to: '2024-06-04' }), [10]);
    assert.deepEqual(await ids({ from: '2024-06-04', to: '2024-07-02T23:00:00Z' }), [11]);
  });

  it('holds the missions under way in the period when asked for overlap', async () => {
    assert.deepEqual(await ids({ from: '2024-06-05', to: '2024-06-06', period: 'overlap' }), [10, 11]);
  });

  it('finds an aircraft by registration or address, a country visited, one mission', async () => {
    assert.deepEqual(await ids({ aircraft: ['N703KW'] }), [10, 11, 12]);
    assert.deepEqual(await ids({ aircraft: ['a960a9'] }), [10, 11, 12]);
    assert.deepEqual(await ids({ aircraft: ['N123AB'] }), []);
    assert.deepEqual(await ids({ country: 'HN' }), [10, 12]);
    assert.deepEqual(await ids({ id: 11 }), [11]);
  });

  it('reads each mission with its legs and pages newest first', async () => {
    const [m] = await selectMissions(store, { id: 11 });
    assert.deepEqual([m!.start_iso, m!.end_iso, m!.legs_of?.map((l) => `${l.dep}-${l.arr}`), m!.generated], ['2024-06-04T00:00:00Z', '2024-06-10T14:00:00Z', ['KAEX-MGGT', 'MGGT-KAEX'], false]);
    const [newest] = await selectMissions(store, {}, { newestFirst: true, limit: 1 });
    assert.deepEqual([newest!.id, newest!.generated], [12, true]);
  });
});
