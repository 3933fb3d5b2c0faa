import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { countLegsBy } from '../../src/query/legs.ts';
import { migrations } from '../../src/store/migrations.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';

describe('migration 13 on a database made before it', () => {
  it('adds the counted_legs view over the legs already stored, their stored reasons included', async () => {
    // A file at schema 12, written as the previous release wrote it.
    const file = tempDb();
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    for (const m of migrations.filter((m) => m.version <= 12)) await conn.run(m.sql);
    await conn.run(`INSERT INTO meta VALUES ('schema_version', '12')`);
    await conn.run(
      `INSERT INTO legs (id, origin, dep_status, arr_status, dep_airport, dep_time, arr_airport, arr_country, filled_arr_airport, filled_arr_country, kind, reasons, reason_codes)
       VALUES (1, 'adsb', 'observed', 'observed', 'KAEX', '2024-06-04T10:00:00Z', 'MGGT', 'GT', NULL, NULL, 'removal', '[{"code":"a","weight":1,"text":"x"},{"code":"b","weight":2,"text":"y"}]', ['a', 'b']),
              (2, 'adsb', 'observed', 'unknown', 'KAEX', '2024-06-05T10:00:00Z', NULL, NULL, 'MHLM', 'HN', 'removal', '[{"code":"a","weight":1,"text":"x"}]', ['a'])`,
    );
    conn.closeSync();
    instance.closeSync();

    const store = await Store.open(file);
    try {
      assert.equal(await store.schemaVersion(), 13);
      assert.deepEqual((await countLegsBy(store, { kind: 'removal' }, 'country')).map((g) => [g.key, g.legs]), [['GT', 1], ['HN', 1]]);
      assert.deepEqual((await countLegsBy(store, { kind: 'removal' }, 'reason')).map((g) => [g.key, g.legs]), [['a', 1], ['b', 1]]);
    } finally {
      store.close();
    }
  });
});
