import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snapshotPositions } from '../../src/live/aircraft-json-client.ts';
import { DEFAULT_WATCH_MEMORY_MB, limitMemory } from '../../src/live/memory-limit.ts';
import { backoffMs, parseHostPort } from '../../src/live/sbs-client.ts';
import { startWatch } from '../../src/live/watch.ts';
import { Store } from '../../src/store/store.ts';
import { groundLike } from '../../src/tracks/segment.ts';
import { tempDb } from '../helpers.ts';
import { flights, httpServer, memorySink, sbsServer, waitFor, WATCHED } from './feed.ts';

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

  // Flags as a track holds them (1 on the ground, 0 airborne, -1 not said); NaN speed is unknown.
  const ground: [number, number, boolean][] = [
    [1, 10, true],
    [1, 150, true],
    [1, 250, false], // a stuck flag at flying speed
    [0, 30, true], // slower than 50 kt whatever the flag says
    [0, 140, false],
    [-1, NaN, false],
    [-1, 49, true],
    [1, NaN, true],
  ];
  for (const [flag, gs, expected] of ground) {
    it(`calls flag ${flag} at ${gs} kt ${expected ? 'ground' : 'airborne'} (the one ground test of legs and live)`, () => assert.equal(groundLike(flag, gs), expected));
  }

  it('runs a watch session under its DuckDB memory limit and gives the previous limit back at the end', async () => {
    const store = await Store.open(tempDb());
    // A feed that connects and stays silent: nothing else uses the connection while the limit is read.
    const server = await sbsServer([{ text: '', close: false }]);
    const limit = () => store.value<string>(`SELECT current_setting('memory_limit')`);
    try {
      const before = await limit();
      const controller = new AbortController();
      const handle = startWatch({ store, feed: { sbs: { host: '127.0.0.1', port: server.port } }, fleet: new Set([WATCHED]), sinks: [], signal: controller.signal, memoryLimitMb: 48 });
      await waitFor(() => handle.stats.connections === 1, 'the connection');
      assert.equal(await limit(), '48.0 MiB');
      controller.abort();
      await handle.done;
      assert.equal(await limit(), before);
    } finally {
      store.close();
      await server.close();
    }
  });

  it(`limits DuckDB to ${DEFAULT_WATCH_MEMORY_MB} MiB by default and restores a limit set before, to DuckDB's printed precision`, async () => {
    const store = await Store.open(tempDb());
    const limit = () => store.value<string>(`SELECT current_setting('memory_limit')`);
    try {
      await store.run(`SET memory_limit = '1GiB'`);
      const restore = await limitMemory(store, DEFAULT_WATCH_MEMORY_MB);
      assert.equal(await limit(), '32.0 MiB');
      await restore();
      assert.equal(await limit(), '1.0 GiB');
      await assert.rejects(limitMemory(store, 0), /memory limit must be a positive number of MiB, found 0/);
    } finally {
      store.close();
    }
  });

  it('reads a polled aircraft.json entry as the aircraft-json file reader does, once per position', () => {
    const snapshot = (now: number) =>
      JSON.stringify({
        now,
        aircraft: [
          // readsb names; the position is 1.26 s old (time rounded to 0.1 s, as the file reader does)
          { hex: WATCHED, flight: 'RPN1701 ', alt_baro: 4500, alt_geom: 4650, gs: 250.4, track: 222.5, baro_rate: -640, geom_rate: -600, squawk: '4512', lat: 31.1, lon: -92.9, seen_pos: 1.26 },
          // dump1090 names, on the ground
          { hex: 'A0B1C2', altitude: 'ground', speed: 12, vert_rate: 0, lat: 29.98, lon: -95.34, seen: 0 },
          { hex: 'a0b1c3', alt_baro: 3000 }, // no position: passed over, not an error
          { hex: '~abc123', lat: 1, lon: 1 }, // TIS-B address: rejected
        ],
      });
    const last = new Map<string, number>();
    const first = snapshotPositions(snapshot(1719932700), null, last);
    assert.deepEqual(first.rows, [
      { icao24: WATCHED, time: 1719932698.7, lat: 31.1, lon: -92.9, altBaroFt: 4500, altGeomFt: 4650, onGround: false, gsKt: 250.4, trackDeg: 222.5, vrateFpm: -640, callsign: 'RPN1701', squawk: '4512', flags: 0 },
      { icao24: 'a0b1c2', time: 1719932700, lat: 29.98, lon: -95.34, altBaroFt: null, altGeomFt: null, onGround: true, gsKt: 12, trackDeg: null, vrateFpm: 0, callsign: null, squawk: null, flags: 0 },
    ]);
    assert.deepEqual(first.rejected.map((r) => [r.index, r.reason]), [[4, 'not an ICAO address ("~" marks a non-ICAO or anonymous address)']]);
    assert.equal(first.entries, 4);
    // The next snapshot repeats the watched aircraft's position (same time): not yielded again.
    const second = snapshotPositions(snapshot(1719932700), new Set([WATCHED]), last);
    assert.deepEqual(second.rows, []);
    assert.throws(() => snapshotPositions('{"now":"soon","aircraft":[]}', null, last), /"now" is not a number: "soon"/);
  });

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
