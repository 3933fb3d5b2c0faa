import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';
import { waitFor } from '../live/feed.ts';
import { charterwatch, INGESTED, ingestedRecording } from './procs.ts';

describe('derivations on write', () => {
  it('an ingest killed (kill -9) in its legs step leaves the legs owed, and the re-run derives them instead of only skipping the file', async () => {
    const db = tempDb();
    const file = ingestedRecording(tempDir());
    assert.equal((await runCli(['--db', db, 'fleet', 'add', INGESTED])).code, 0);

    // The test hook stops the step for good once it has said it started; then the process is killed.
    const first = charterwatch(['--db', db, 'ingest', file], { CHARTERWATCH_TEST_HOLD_DERIVATION: '1' });
    await waitFor(() => /legs: deriving the legs of 1 aircraft/.test(first.err()), 'the legs step', 120_000);
    first.child.kill('SIGKILL');
    await first.exit;
    // The killed owner's files are stale: the next command removes them and goes on.
    assert.equal(existsSync(`${db}.owner`), true);

    const positions = (await runCli(['--db', db, '--json', 'sources'])).json<{ rowsKept: number }[]>();
    assert.equal(positions.length, 1);
    assert.ok(positions[0]!.rowsKept > 0);
    assert.deepEqual((await runCli(['--db', db, '--json', 'legs'])).json(), []);
    assert.equal(existsSync(`${db}.owner`), false);
    assert.equal(existsSync(`${db}.sock`), false);

    const again = await runCli(['--db', db, '--json', 'ingest', file]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.json().sources[0].skipped, true);
    assert.match(again.stderr, /legs: 1 derived from \d+ positions of 1 aircraft; 1 leg\(s\) classified/);
    const legs = (await runCli(['--db', db, '--json', 'legs'])).json<{ icao24: string; departure: { airport: string }; arrival: { airport: string }; kind: string }[]>();
    assert.deepEqual(legs.map((l) => [l.icao24, l.departure.airport, l.arrival.airport, l.kind]), [[INGESTED, 'KIAH', 'KSAT', 'possible']]);
  });

  it('a question opens the database read-only, and serve needs one: neither creates a file, and a missing one is an error naming it', async () => {
    const dir = tempDir();
    for (const args of [['legs'], ['flights', 'count'], ['country', 'CN'], ['missions'], ['fleet', 'list'], ['report', 'monthly', '--month', '2024-06'], ['serve', '--port', '0']]) {
      const db = `${dir}/mistyped.duckdb`;
      const r = await runCli(['--db', db, ...args]);
      assert.deepEqual([r.code, r.stdout], [1, ''], args.join(' '));
      assert.equal(r.stderr, `charterwatch: no database at ${db}: run "charterwatch demo --no-serve" or "charterwatch ingest" first\n`, args.join(' '));
      assert.equal(existsSync(db), false, args.join(' '));
    }
  });

  it("the API's rebuild derives legs, then missions and kinds: no kind is lost", async () => {
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'fleet', 'add', INGESTED])).code, 0);
    assert.equal((await runCli(['--db', db, 'ingest', ingestedRecording(tempDir())])).code, 0);
    const token = 'a-token-of-16-chars-or-more';
    const store = await Store.open(db);
    try {
      const app = createApp({ store, token, cacheBytes: 0 });
      const res = await app.request('/api/legs/rebuild', { method: 'POST', body: '{"from": "2024-07-01", "to": "2024-07-05"}', headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { from: '2024-07-01T00:00:00.000Z', to: '2024-07-05T00:00:00.000Z', legs: 1, aircraft: 1, positions: (await store.value<number>(`SELECT count(*)::INTEGER FROM positions`))!, missions: 0, byKind: { 'possible domestic': 1 } });
      const legs = ((await (await app.request('/api/legs')).json()) as { items: { departure: { airport: string }; arrival: { airport: string }; kind: string }[] }).items;
      assert.deepEqual(legs.map((l) => [l.departure.airport, l.arrival.airport, l.kind]), [['KIAH', 'KSAT', 'possible']]);
    } finally {
      store.close();
    }
  });
});
