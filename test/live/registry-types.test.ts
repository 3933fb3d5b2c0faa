import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { airportByCode } from '../../src/airports/airports.ts';
import { main } from '../../src/cli/main.ts';
import { entryFor, putAircraft } from '../../src/fleet/registry.ts';
import type { Alert } from '../../src/live/alerts.ts';
import type { DetectorOptions } from '../../src/live/detector.ts';
import { flightFeed, simulateFlight } from '../../src/live/simulate.ts';
import { startWatch } from '../../src/live/watch.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';
import { memorySink, sbsServer, waitFor, WATCHED } from './feed.ts';

/**
 * Brown Field (KSDM, longest runway 7,972 ft) lies 3.6 km from Tijuana (MMTJ, 9,711 ft). The batch
 * legs put a ground stay at the nearest airport within 6 km whose runway fits the aircraft's type:
 * Brown Field for an aircraft of unknown type (4,500 ft), Tijuana for a B744 (8,000 ft). The live
 * watch must decide the same, with the type from the fleet registry.
 */
const flight = simulateFlight({ icao24: WATCHED, callsign: 'RPN1701', from: airportByCode('KAEX')!, to: airportByCode('KSDM')!, start: Date.UTC(2024, 6, 2, 15, 0, 0) / 1000 });
const feed = flightFeed(flight);
const brief = (a: Alert) => [a.event, a.airport, a.status];

async function watchOnce(store: Store, detector?: DetectorOptions): Promise<Alert[]> {
  const server = await sbsServer([{ text: feed, close: false }]);
  const sink = memorySink();
  const controller = new AbortController();
  try {
    const handle = startWatch({ store, feed: { sbs: { host: '127.0.0.1', port: server.port } }, fleet: new Set([WATCHED]), sinks: [sink], signal: controller.signal, writer: { flushMs: 50 }, detector });
    await waitFor(() => server.sent() > 0 && handle.stats.bytes === server.sent() && sink.alerts.length >= 2, 'the take-off and the landing');
    controller.abort();
    await handle.done;
    return sink.alerts;
  } finally {
    await server.close();
  }
}

describe('live watch with the registry\'s aircraft types', () => {
  it('lands an aircraft of unknown type at Brown Field, the nearest field', async () => {
    const store = await Store.open(tempDb());
    try {
      assert.deepEqual((await watchOnce(store)).map(brief), [
        ['takeoff', 'KAEX', 'observed'],
        ['landing', 'KSDM', 'observed'],
      ]);
    } finally {
      store.close();
    }
  });

  it('lands a registry B744 at Tijuana, whose runway fits it, when watching the registry (no --watchlist), as the batch legs do', async () => {
    const db = tempDb();
    let store = await Store.open(db);
    await putAircraft(store, [entryFor({ icao24: WATCHED, icaoType: 'B744', source: 'test' })]);
    store.close();

    // The feed ends by closing: the watch logs the drop only after it has read every line before it.
    const server = await sbsServer([{ text: feed, close: true }]);
    let stdout = '';
    let stderr = '';
    const stop = new AbortController();
    const run = main(['watch', '--sbs', `127.0.0.1:${server.port}`, '--db', db, '--json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, undefined, stop.signal);
    await waitFor(() => stdout.split('\n').filter(Boolean).length >= 2 && / dropped \(/.test(stderr), 'two alert lines and the end of the feed');
    stop.abort();
    assert.equal(await run, 0, stderr);
    await server.close();
    assert.match(stderr, /^watching 1 aircraft on /);
    const alerts = stdout.trim().split('\n').map((l) => JSON.parse(l) as Alert);
    assert.deepEqual(alerts.map(brief), [
      ['takeoff', 'KAEX', 'observed'],
      ['landing', 'MMTJ', 'observed'],
    ]);
    assert.equal(alerts[1]!.registration, 'N703KW');

    // The batch legs over the positions the session stored end at the same field.
    assert.equal(await main(['tracks', '--db', db], { stdout: () => undefined, stderr: () => undefined }), 0);
    store = await Store.open(db);
    try {
      assert.deepEqual(await store.all(`SELECT dep_airport, arr_airport, aircraft_type FROM legs WHERE icao24 = ?`, [WATCHED]), [{ dep_airport: 'KAEX', arr_airport: 'MMTJ', aircraft_type: 'B744' }]);
    } finally {
      store.close();
    }
  });

  it('keeps types given to the session over the registry\'s', async () => {
    const store = await Store.open(tempDb());
    try {
      await putAircraft(store, [entryFor({ icao24: WATCHED, icaoType: 'B744', source: 'test' })]);
      assert.deepEqual((await watchOnce(store, { types: new Map([[WATCHED, 'B738']]) })).map(brief), [
        ['takeoff', 'KAEX', 'observed'],
        ['landing', 'KSDM', 'observed'],
      ]);
    } finally {
      store.close();
    }
  });
});
