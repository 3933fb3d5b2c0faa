import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groundLike } from '../../src/live/detector.ts';
import { backoffMs, parseHostPort } from '../../src/live/sbs-client.ts';
import { startWatch } from '../../src/live/watch.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';
import { flights, httpServer, memorySink, waitFor, WATCHED } from './feed.ts';

describe('live watch parts', () => {
  const hostPorts: [string, { host: string; port: number } | null][] = [
    ['127.0.0.1:30003', { host: '127.0.0.1', port: 30003 }],
    ['receiver.local:30003', { host: 'receiver.local', port: 30003 }],
    ['[::1]:30003', { host: '::1', port: 30003 }],
    ['127.0.0.1', null],
    ['127.0.0.1:0', null],
    ['127.0.0.1:70000', null],
  ];
  for (const [text, expected] of hostPorts) {
    it(`reads --sbs "${text}" as ${JSON.stringify(expected)}`, () => assert.deepEqual(parseHostPort(text), expected));
  }

  it('backs off from 0.5 s doubling to 30 s, within ±25%', () => {
    const mid = () => 0.5;
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => backoffMs(n, {}, mid)), [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    assert.equal(backoffMs(1, {}, () => 0), 375);
    assert.equal(backoffMs(1, {}, () => 0.9999999), 625);
  });

  const ground: [boolean | null, number | null, boolean][] = [
    [true, 10, true],
    [true, 150, true],
    [true, 250, false], // a stuck flag at flying speed
    [false, 30, true], // slower than 50 kt whatever the flag says
    [false, 140, false],
    [null, null, false],
    [true, null, true],
  ];
  for (const [flag, gs, expected] of ground) {
    it(`calls flag ${flag} at ${gs} kt ${expected ? 'ground' : 'airborne'}, as the batch legs do`, () => assert.equal(groundLike(flag, gs), expected));
  }

  it('alerts from a polled aircraft.json the same take-off and landing as from SBS', async () => {
    const { watched } = flights();
    // One snapshot per sample: the server hands out the next one at each poll, then repeats the last.
    const snapshots = watched.points.map((p) =>
      JSON.stringify({
        now: p.time,
        messages: 1,
        aircraft: [
          { hex: WATCHED, flight: 'RPN1701 ', alt_baro: p.onGround ? 'ground' : p.altFt, gs: p.gsKt, track: p.trackDeg, lat: p.lat, lon: p.lon, seen_pos: 0 },
          { hex: '~abc123', lat: 1, lon: 1 },
        ],
      }),
    );
    let served = 0;
    const server = await httpServer(() => ({ body: snapshots[Math.min(served++, snapshots.length - 1)] }));
    const store = await Store.open(tempDb());
    const sink = memorySink();
    const controller = new AbortController();
    try {
      const handle = startWatch({ store, feed: { aircraftJson: `${server.url}/data/aircraft.json` }, fleet: new Set([WATCHED]), sinks: [sink], signal: controller.signal, pollIntervalMs: 1, writer: { flushMs: 50 } });
      await waitFor(() => served > snapshots.length, 'every snapshot');
      controller.abort();
      const stats = await handle.done;
      assert.deepEqual(sink.alerts.map((a) => [a.event, a.airport, a.time, a.status]), [
        ['takeoff', 'KAEX', '2024-07-02T15:04:35Z', 'observed'],
        ['landing', 'KHRL', '2024-07-02T16:11:35Z', 'observed'],
      ]);
      assert.equal(stats.positions, watched.points.length);
      assert.equal(stats.rejected, stats.connections);
    } finally {
      store.close();
      await server.close();
    }
  });
});
