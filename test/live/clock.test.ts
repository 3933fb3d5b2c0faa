import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snapshotPositions } from '../../src/live/aircraft-json-client.ts';
import { liveProblem } from '../../src/live/plausible-live.ts';
import { startWatch } from '../../src/live/watch.ts';
import { Store } from '../../src/store/store.ts';
import { tempDb } from '../helpers.ts';
import { feedLines, flights, lineAt, memorySink, sbsServer, waitFor, WATCHED } from './feed.ts';

const lines = feedLines();
const { watched } = flights();

/** The line `line` with its generated (and, unless `logged` is given, its logged) date and time replaced. */
function redated(line: string, date: string, time: string, logged?: [string, string]): string {
  const f = line.split(',');
  f[6] = date;
  f[7] = time;
  [f[8], f[9]] = logged ?? [date, time];
  return f.join(',');
}

/** A session on `port` with the watched aircraft, alerts kept in memory. */
function session(store: Store, port: number) {
  const sink = memorySink();
  const controller = new AbortController();
  const handle = startWatch({ store, feed: { sbs: { host: '127.0.0.1', port } }, fleet: new Set([WATCHED]), sinks: [sink], signal: controller.signal, backoff: { initialMs: 20, maxMs: 200 }, writer: { flushMs: 50 } });
  return { sink, handle, stop: () => controller.abort() };
}

describe('a live message dated far from the clocks', () => {
  it('is refused and counted; the take-off, then after a restart the landing, are still alerted, and priming starts from the real time', async () => {
    // Ten minutes after the take-off, three misdated position messages of the watched aircraft.
    const at = lineAt(lines, watched.takeoff + 600);
    const position = lines.slice(at).find((l) => l.startsWith(`MSG,3,1,1,${WATCHED.toUpperCase()},`))!;
    const [, , , , , , date, time] = position.split(',');
    const bad = [
      redated(position, '3000/01/01', '00:00:00.000'), // both stamps in the year 3000
      redated(position, '2024/07/01', time!, [date!, time!]), // generated a day before it was logged
      redated(position, '1969/07/20', '20:17:40.000'),
    ];
    const cut = lineAt(lines, watched.takeoff + 1800);
    const feed1 = [...lines.slice(0, at), ...bad, ...lines.slice(at, cut)];
    const db = tempDb();
    let store = await Store.open(db);
    const text1 = feed1.join('\r\n') + '\r\n';
    const server1 = await sbsServer([{ text: text1, close: false }]);
    const run1 = session(store, server1.port);
    await waitFor(() => run1.handle.stats.bytes === Buffer.byteLength(text1) && run1.sink.alerts.length >= 1, 'run 1 feed');
    run1.stop();
    const stats1 = await run1.handle.done;
    assert.deepEqual(run1.sink.alerts.map((a) => [a.event, a.airport, a.time]), [['takeoff', 'KAEX', '2024-07-02T15:04:35Z']]);
    assert.equal(stats1.implausible, 3);
    assert.deepEqual(
      await store.all(`SELECT line::INTEGER AS line, reason FROM rejects WHERE source_id = ? AND reason LIKE 'time%' ORDER BY line`, [stats1.sourceId]),
      [
        { line: at + 1, reason: "time more than 300 s ahead of this machine's clock" },
        { line: at + 2, reason: "time more than 300 s off the receiver's clock" },
        { line: at + 3, reason: 'time before 1990-01-01' },
      ],
    );
    // Nothing misdated was stored: the newest live position is the last real one.
    const lastReal = lines
      .slice(0, cut)
      .filter((l) => /^MSG,[23],1,1,A960A9,/.test(l))
      .map((l) => `${l.split(',')[6]!.replaceAll('/', '-')} ${l.split(',')[7]!.slice(0, 8)}`)
      .sort()
      .at(-1);
    assert.equal(await store.value(`SELECT strftime(to_timestamp(max(time)), '%Y-%m-%d %H:%M:%S') FROM positions`), lastReal);
    store.close();

    // A restart with the rest of the flight: it primes from the real track and alerts the landing.
    store = await Store.open(db);
    const text2 = lines.slice(cut).join('\r\n') + '\r\n';
    const server2 = await sbsServer([{ text: text2, close: false }]);
    const run2 = session(store, server2.port);
    await waitFor(() => run2.handle.stats.bytes === Buffer.byteLength(text2) && run2.sink.alerts.length >= 1, 'run 2 feed');
    run2.stop();
    const stats2 = await run2.handle.done;
    assert.deepEqual(run2.sink.alerts.map((a) => [a.event, a.airport, a.time]), [['landing', 'KHRL', '2024-07-02T16:11:35Z']]);
    assert.ok(stats2.primed > 100, `primed ${stats2.primed} positions`);
    store.close();
    await Promise.all([server1.close(), server2.close()]);
  });

  it('refuses a position more than the skew off its receiver\'s stamp, or out of physical bounds; passes a replayed recording', () => {
    const now = Date.UTC(2026, 0, 1) / 1000;
    const p = { icao24: WATCHED, time: Date.UTC(2024, 6, 2, 15) / 1000, lat: 31, lon: -92, altBaroFt: 10000, altGeomFt: null, onGround: false, gsKt: 300, trackDeg: 90, vrateFpm: 0, callsign: null, squawk: null, flags: 0 };
    assert.equal(liveProblem(p, p.time + 2, now), null, 'a recording of 2024 replayed in 2026');
    assert.equal(liveProblem(p, p.time + 301, now), "time more than 300 s off the receiver's clock");
    assert.equal(liveProblem(p, p.time + 60, now, 30), "time more than 30 s off the receiver's clock");
    assert.equal(liveProblem({ ...p, time: now + 301 }, null, now), "time more than 300 s ahead of this machine's clock");
    assert.equal(liveProblem({ ...p, altBaroFt: -164042 }, null, now), 'altitude out of range (-2000 to 60000 ft)');
    assert.equal(liveProblem({ ...p, gsKt: -389 }, null, now), 'ground speed out of range (0 to 1000 kt)');
    assert.equal(liveProblem({ ...p, trackDeg: 720 }, null, now), 'track out of range (0 to 360 degrees)');
  });

  it('in a polled aircraft.json, is refused and does not hide the aircraft\'s next real position', () => {
    const snapshot = (now: number, entries: object[]) => JSON.stringify({ now, aircraft: entries });
    const real = Date.UTC(2024, 6, 2, 15) / 1000;
    const check = (row: { time: number; altBaroFt: number | null; altGeomFt: number | null; gsKt: number | null; trackDeg: number | null } & Parameters<typeof liveProblem>[0], receiverNow: number) => liveProblem(row, receiverNow, Date.UTC(2026, 0, 1) / 1000);
    const last = new Map<string, number>();
    // seen_pos of minus 30 years: the position is dated in the far future.
    const first = snapshotPositions(snapshot(real, [{ hex: WATCHED, lat: 31, lon: -92, alt_baro: 10000, seen_pos: -1e9 }]), null, last, check);
    assert.deepEqual(first.rows, []);
    assert.deepEqual(first.rejected.map((r) => [r.index, r.reason, r.implausible]), [[1, "time more than 300 s ahead of this machine's clock", true]]);
    const second = snapshotPositions(snapshot(real + 1, [{ hex: WATCHED, lat: 31.01, lon: -92, alt_baro: 10100, seen_pos: 0 }]), null, last, check);
    assert.deepEqual(second.rows.map((r) => [r.icao24, r.time]), [[WATCHED, real + 1]]);
  });
});
