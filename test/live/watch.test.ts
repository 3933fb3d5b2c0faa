import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import type { Alert } from '../../src/live/alerts.ts';
import { startWatch, type WatchOptions } from '../../src/live/watch.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb, tempDir } from '../helpers.ts';
import { feedLines, flights, httpServer, lineAt, memorySink, NOISE, sbsServer, waitFor, WATCHED } from './feed.ts';

const lines = feedLines();
const text = (a: number, b = lines.length) => lines.slice(a, b).join('\r\n') + '\r\n';
const { watched } = flights();

/** What a user checks in an alert. */
const brief = (a: Alert) => ({ event: a.event, icao24: a.icao24, registration: a.registration, callsign: a.callsign, airport: a.airport, time: a.time, status: a.status });
const EXPECTED = [
  { event: 'takeoff', icao24: WATCHED, registration: 'N703KW', callsign: 'RPN1701', airport: 'KAEX', time: '2024-07-02T15:04:35Z', status: 'observed' },
  { event: 'landing', icao24: WATCHED, registration: 'N703KW', callsign: 'RPN1701', airport: 'KHRL', time: '2024-07-02T16:11:35Z', status: 'observed' },
];
/** Watched positions in the whole feed: one per MSG,2/3 line of the watched aircraft. */
const WATCHED_POSITIONS = lines.filter((l) => /^MSG,[23],1,1,A960A9,/.test(l) && l.split(",").length === 22).length;

async function session(store: Store, port: number, extra: Partial<WatchOptions> = {}) {
  const sink = memorySink();
  const controller = new AbortController();
  const handle = startWatch({
    store,
    feed: { sbs: { host: '127.0.0.1', port } },
    fleet: new Set([WATCHED]),
    sinks: [sink],
    signal: controller.signal,
    registrationOf: (icao24) => (icao24 === WATCHED ? 'N703KW' : null),
    backoff: { initialMs: 20, maxMs: 200 },
    writer: { flushMs: 50 },
    ...extra,
  });
  return { sink, handle, stop: () => controller.abort() };
}

describe('charterwatch watch over a live SBS feed', () => {
  it('alerts the take-off and the landing of a watched aircraft once each, stores its positions and skips noise', async () => {
    const server = await sbsServer([{ text: text(0), close: false }]);
    const hook = await httpServer(() => ({}));
    const store = await Store.open(tempDb());
    try {
      const mem = memorySink();
      const s2 = await session(store, server.port, { sinks: [mem], webhook: { url: hook.url } });
      await waitFor(() => server.sent() > 0 && s2.handle.stats.bytes === server.sent() && mem.alerts.length >= 2, 'the whole feed');
      s2.stop();
      const stats = await s2.handle.done;
      assert.deepEqual(mem.alerts.map(brief), EXPECTED);
      assert.deepEqual(hook.bodies.map((b) => brief(JSON.parse(b))), EXPECTED);
      assert.equal(stats.rejected, NOISE.length);
      assert.equal(stats.positions, WATCHED_POSITIONS);
      assert.equal(Number(await store.value(`SELECT count(*) FROM positions WHERE source_id = ?`, [stats.sourceId])), WATCHED_POSITIONS);
      assert.deepEqual(await store.all(`SELECT format, rows_kept, rows_rejected FROM sources WHERE id = ?`, [stats.sourceId]), [{ format: 'live-sbs', rows_kept: WATCHED_POSITIONS, rows_rejected: NOISE.length }]);
      assert.deepEqual(await store.all(`SELECT reason FROM rejects WHERE source_id = ? ORDER BY line`, [stats.sourceId]), [
        { reason: 'not an SBS-1 message' },
        { reason: 'expected 22 fields, found 7' },
        { reason: 'not an ICAO address (6 hex digits)' },
        { reason: 'unknown message type "9"' },
      ]);
      assert.deepEqual(await store.all(`SELECT event, airport, status FROM alerts ORDER BY id`), [
        { event: 'takeoff', airport: 'KAEX', status: 'observed' },
        { event: 'landing', airport: 'KHRL', status: 'observed' },
      ]);
    } finally {
      store.close();
      await server.close();
      await hook.close();
    }
  });

  it('loses no alert and repeats none when the feed drops mid-line during the take-off and comes back with an overlap', async () => {
    // First connection: up to 20 s after lift-off, cut in the middle of a line; second: from 40 lines earlier (a replayed overlap) to the end.
    const cut = lineAt(lines, watched.takeoff + 20);
    const first = text(0, cut);
    const server = await sbsServer([
      { text: first.slice(0, first.length - 30), close: true },
      { text: text(cut - 40), close: false },
    ]);
    const store = await Store.open(tempDb());
    try {
      const { sink, handle, stop } = await session(store, server.port);
      await waitFor(() => server.connections() === 2 && server.sent() > 0 && handle.stats.bytes === server.sent() && sink.alerts.length >= 2, 'the feed after the drop');
      stop();
      const stats = await handle.done;
      assert.deepEqual(sink.alerts.map(brief), EXPECTED);
      assert.equal(stats.connections, 2);
      assert.equal(stats.disconnects, 1);
      // The line cut by the drop is counted as noise along with the others.
      assert.equal(stats.rejected, NOISE.length + 1);
    } finally {
      store.close();
      await server.close();
    }
  });

  it('after a restart in the middle of the take-off, alerts it once, and a replay of the whole feed alerts nothing again', async () => {
    const db = tempDb();
    // Run 1 stops at the lift-off: too early for the take-off to be decided.
    const cut = lineAt(lines, watched.takeoff);
    let store = await Store.open(db);
    const server1 = await sbsServer([{ text: text(0, cut), close: false }]);
    const run1 = await session(store, server1.port);
    await waitFor(() => server1.sent() > 0 && run1.handle.stats.bytes === server1.sent(), 'run 1 feed');
    run1.stop();
    const stats1 = await run1.handle.done;
    assert.deepEqual(run1.sink.alerts, []);
    assert.equal(Number(await store.value(`SELECT count(*) FROM positions WHERE source_id = ?`, [stats1.sourceId])), stats1.positions);
    store.close();

    // Run 2 (a new process would do the same): the rest of the feed.
    store = await Store.open(db);
    const server2 = await sbsServer([{ text: text(cut), close: false }]);
    const run2 = await session(store, server2.port);
    await waitFor(() => server2.sent() > 0 && run2.handle.stats.bytes === server2.sent() && run2.sink.alerts.length >= 2, 'run 2 feed');
    run2.stop();
    const stats2 = await run2.handle.done;
    assert.deepEqual(run2.sink.alerts.map(brief), EXPECTED);
    assert.ok(stats2.primed > 0);
    store.close();

    // Run 3: the whole feed again from the start: both events are known.
    store = await Store.open(db);
    const server3 = await sbsServer([{ text: text(0), close: false }]);
    const run3 = await session(store, server3.port);
    await waitFor(() => server3.sent() > 0 && run3.handle.stats.bytes === server3.sent(), 'run 3 feed');
    run3.stop();
    const stats3 = await run3.handle.done;
    assert.deepEqual(run3.sink.alerts, []);
    assert.equal(stats3.alerts, 0);
    assert.equal(Number(await store.value(`SELECT count(*) FROM alerts`)), 2);
    store.close();
    await Promise.all([server1.close(), server2.close(), server3.close()]);
  });

  it('pauses reading while the store is slow and still stores every position', async () => {
    const server = await sbsServer([{ text: text(0), close: false }]);
    const store = await Store.open(tempDb());
    try {
      const { handle, stop } = await session(store, server.port, { writer: { flushMs: 20, batchRows: 20, highWater: 50, slowMs: 30 } });
      await waitFor(() => handle.stats.positions === WATCHED_POSITIONS, 'the feed');
      stop();
      const stats = await handle.done;
      assert.ok(stats.pauses > 0, `expected pauses, got ${stats.pauses}`);
      assert.equal(Number(await store.value(`SELECT count(*) FROM positions WHERE source_id = ?`, [stats.sourceId])), stats.positions);
    } finally {
      store.close();
      await server.close();
    }
  });
});

describe('charterwatch watch on the command line', () => {
  it('prints one JSON object a line for each alert and stops cleanly when stopped', async () => {
    const dir = tempDir();
    const db = tempDb();
    const watchlist = path.join(dir, 'watch.txt');
    writeFileSync(watchlist, `# the fleet\n${WATCHED}\n`);
    // The feed ends by closing: the watch logs the drop only after every line before it, so the
    // whole feed has been read when it has reconnected (a second connection, which stays quiet).
    const server = await sbsServer([{ text: text(0), close: true }]);
    let stdout = '';
    let stderr = '';
    const stop = new AbortController();
    const run = main(['watch', '--sbs', `127.0.0.1:${server.port}`, '--watchlist', watchlist, '--db', db, '--json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, undefined, stop.signal);
    await waitFor(() => stdout.split('\n').filter(Boolean).length >= 2 && (stderr.match(/^connected to /gm) ?? []).length === 2, 'two alert lines and the reconnection after the feed ended');
    stop.abort();
    assert.equal(await run, 0, stderr);
    const alerts = stdout.trim().split('\n').map((l) => JSON.parse(l) as Alert);
    assert.deepEqual(alerts.map(brief), EXPECTED);
    assert.equal(alerts[0]!.prediction?.predicted, true);
    assert.match(alerts[0]!.evidence, /^on the ground at KAEX until 2024-07-02T15:04:35Z, airborne from 2024-07-02T15:04:40Z/);
    assert.match(stderr, new RegExp(`watch ended: 2 connection\\(s\\), 1 drop\\(s\\), ${lines.length.toLocaleString('en-US')} lines, ${WATCHED_POSITIONS.toLocaleString('en-US')} watched positions stored`));
    const store = await Store.open(db);
    assert.equal(Number(await store.value(`SELECT count(*) FROM positions`)), WATCHED_POSITIONS);
    store.close();
    await server.close();
  });

  it('prints a readable line for each alert without --json', async () => {
    const dir = tempDir();
    const watchlist = path.join(dir, 'watch.txt');
    writeFileSync(watchlist, `${WATCHED}\n`);
    const server = await sbsServer([{ text: text(0), close: false }]);
    let stdout = '';
    const stop = new AbortController();
    const run = main(['watch', '--sbs', `127.0.0.1:${server.port}`, '--watchlist', watchlist, '--db', tempDb()], { stdout: (t) => (stdout += t), stderr: () => undefined }, undefined, stop.signal);
    await waitFor(() => stdout.split('\n').filter(Boolean).length >= 2, 'two alert lines');
    stop.abort();
    assert.equal(await run, 0);
    const [takeoff, landing] = stdout.trim().split('\n');
    assert.match(takeoff!, /^2024-07-02T15:04:35Z TAKEOFF a960a9 N703KW \(RPN1701\) from KAEX .* \[observed\]/);
    assert.match(landing!, /^2024-07-02T16:11:35Z LANDING a960a9 N703KW \(RPN1701\) at KHRL Valley International Airport \[observed\]$/);
    await server.close();
  });

  const usage: [string[], RegExp][] = [
    [['watch', '--watchlist', 'x'], /exactly one feed/],
    [['watch', '--sbs', 'localhost', '--watchlist', 'x'], /--sbs expects HOST:PORT/],
    [['watch', '--aircraft-json', 'ftp://x', '--watchlist', 'x'], /--aircraft-json expects an http/],
    [['watch', '--sbs', '127.0.0.1:1', '--aircraft-json', 'http://127.0.0.1:1/a.json'], /exactly one feed/],
    [['watch', '--sbs', '127.0.0.1:1', '--evict-minutes', '0'], /--evict-minutes expects a positive number/],
    [['watch', '--sbs', '127.0.0.1:1', '--memory-limit', 'lots'], /--memory-limit expects a positive number, found "lots"/],
    [['watch', '--sbs', '127.0.0.1:1', '--max-clock-skew', '-5'], /--max-clock-skew expects a positive number, found "-5"/],
    [['watch', '--aircraft-json', 'http://127.0.0.1:1/a.json', '--max-response-mb', '0'], /--max-response-mb expects a positive number, found "0"/],
  ];
  for (const [args, message] of usage) {
    it(`refuses "${args.join(' ')}" as a usage error`, async () => {
      let stderr = '';
      const code = await main([...args, '--db', tempDb()], { stdout: () => undefined, stderr: (t) => (stderr += t) });
      assert.equal(code, 2);
      assert.match(stderr, message);
    });
  }
});
