import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { citeLegSources, legFiles } from '../../src/query/leg-sources.ts';
import { listSources } from '../../src/query/sources.ts';
import type { Store } from '../../src/store/store.ts';
import { fixtureStore } from './fixture.ts';

describe('the sources behind legs on a real database file', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore();
    const source = (id: number, path: string, format: string, sha: string) =>
      store.run(`INSERT INTO sources VALUES (?, ?, ?, ?, 100, 3, 3, 0, NULL, '2026-12-03T10:00:00Z', false)`, [id, path, format, sha]);
    await source(1, '/home/someone/data/positions-june.csv', 'opensky-csv', 'aa11');
    await source(2, '/home/someone/data/history.csv', 'radarbox', 'bb22');
    await source(3, 'clickhouse://user:secret@host:8123/db.positions?x=1', 'clickhouse', 'cc33');
    // Positions of a960a9 around leg 2 (4 June, 00:00 to 02:00) in file 1, and on 10 June in file 3.
    for (const [src, time] of [[1, '2024-06-03T23:50:00Z'], [1, '2024-06-04T02:10:00Z'], [3, '2024-06-10T11:50:00Z'], [3, '2024-06-10T14:10:00Z']] as const) {
      await store.run(`INSERT INTO positions (source_id, icao24, time, lat, lon) VALUES (?, 'a960a9', epoch(?::TIMESTAMPTZ), 31.3, -92.5)`, [src, time]);
    }
    // Leg 7 (merged into leg 2) and leg 4 are lines of the history file.
    await store.run(`UPDATE legs SET source_id = 2, line = id + 1 WHERE id IN (4, 7)`);
  });
  after(() => store.close());

  it('gives each leg its files: the position files spanning it, and the files of the legs merged into it', async () => {
    const files = await legFiles(store, [2, 3, 4, 9]);
    assert.deepEqual(Object.fromEntries(files), {
      2: [{ file: 'positions-june.csv', sha256: 'aa11' }, { file: 'history.csv', sha256: 'bb22' }],
      3: [{ file: 'clickhouse://host:8123/db.positions', sha256: 'cc33' }],
      4: [{ file: 'history.csv', sha256: 'bb22' }],
    });
  });

  it('cites the files behind the legs a filter picks, counting legs', async () => {
    const cited = await citeLegSources(store, { from: '2024-06-04', to: '2024-06-21' });
    assert.deepEqual(cited.map((s) => [s.file, s.rowsUsed]), [['positions-june.csv', 1], ['history.csv', 2], ['clickhouse://host:8123/db.positions', 1]]);
  });

  it('lists every source by its shown name, never a local folder or a password', async () => {
    assert.deepEqual((await listSources(store)).map((s) => [s.id, s.path, s.rows, s.ingestedAt, s.generated]), [
      [1, 'positions-june.csv', 3, '2026-12-03T10:00:00Z', false],
      [2, 'history.csv', 3, '2026-12-03T10:00:00Z', false],
      [3, 'clickhouse://host:8123/db.positions', 3, '2026-12-03T10:00:00Z', false],
    ]);
  });
});
