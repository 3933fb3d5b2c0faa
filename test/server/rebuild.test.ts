import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { generateTraffic, writeOpenskyCsv } from '../../src/generate/index.ts';
import { createApp } from '../../src/server/app.ts';
import { Store } from '../../src/store/store.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

const TOKEN = 'a-long-operator-token-for-tests';
let store: Store;
let app: Hono;

/** A week of generated positions of three aircraft, ingested as a user does: legs, missions and kinds. */
before(async () => {
  const dir = tempDir();
  const g = generateTraffic({ seed: 5, from: '2024-06-01', to: '2024-06-08', aircraft: 3 });
  const csv = path.join(dir, 'states.csv');
  await writeOpenskyCsv(csv, g);
  const watchlist = path.join(dir, 'watch.txt');
  writeFileSync(watchlist, g.aircraft.map((a) => a.icao24).join('\n'));
  const db = tempDb();
  const r = await runCli(['--db', db, 'ingest', csv, '--watchlist', watchlist]);
  assert.equal(r.code, 0, r.stderr);
  store = await Store.open(db);
  app = createApp({ store, token: TOKEN });
});
after(() => store.close());

interface ApiLeg {
  icao24: string;
  kind: string | null;
  missionId: number | null;
  departure: { airport: string | null; time: string | null };
  arrival: { airport: string | null; time: string | null };
}

/** Every leg as the API lists it: aircraft, ends and kind (ids change when legs are rebuilt). */
async function legs(): Promise<string[]> {
  const body = (await (await app.request('/api/legs?limit=1000&sort=departure')).json()) as { total: number; items: ApiLeg[] };
  assert.ok(body.total < 1000);
  return body.items.map((l) => `${l.icao24} ${l.departure.airport} ${l.departure.time} → ${l.arrival.airport} ${l.arrival.time}: ${l.kind}${l.missionId === null ? '' : ' (in a mission)'}`);
}

const kinds = async () => ((await (await app.request('/api/flights/count?by=kind')).json()) as { rows: { key: string; flights: number }[] }).rows;

const rebuild = async (body: object) => {
  const res = await app.request('/api/legs/rebuild', { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as { legs: number; missions: number; byKind: Record<string, number> };
};

describe('POST /api/legs/rebuild', () => {
  it('re-derives legs and classifies them again: the same kinds and missions as the ingest gave', async () => {
    const before = await legs();
    const countsBefore = await kinds();
    // The ingest classified every leg: removals and returns among them, none without a kind.
    assert.ok(countsBefore.some((r) => r.key === 'removal') && countsBefore.some((r) => r.key === 'return'), JSON.stringify(countsBefore));
    assert.equal(countsBefore.some((r) => r.key === 'unknown'), false);

    const period = await rebuild({ from: '2024-06-02', to: '2024-06-05' });
    assert.ok(period.legs > 0 && period.missions > 0);
    assert.deepEqual(await legs(), before);
    assert.deepEqual(await kinds(), countsBefore);

    const all = await rebuild({});
    // Every leg classified again (byKind holds every leg, the possible band included).
    assert.equal(Object.values(all.byKind).reduce((a, b) => a + b, 0), before.length);
    assert.deepEqual(await legs(), before);
    assert.deepEqual(await kinds(), countsBefore);
  });
});
