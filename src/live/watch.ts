/**
 * A live watch session: feed → parser → (watched aircraft only) → stored positions and the
 * take-off/landing detector → alerts, deduplicated through the `alerts` table, sent to the sinks
 * and owed to the webhook (a durable outbox, outbox.ts). Each landing queues its aircraft for the
 * derivation step (src/tracks/derive.ts), run every `deriveSeconds`: the flight becomes a
 * classified leg within that time. Ends when the signal aborts: what waits is written and
 * derived, the sinks finish, the stats are returned.
 */
import { livePositions, newestLiveTime } from '../query/write/live.ts';
import { airportByCode } from '../airports/airports.ts';
import { createSbsParser } from '../ingest/positions/sbs.ts';
import type { PositionRow } from '../ingest/positions/stage.ts';
import type { Store } from '../store/store.ts';
import { completeDerivations, queueAircraft } from '../tracks/derive.ts';
import { registryTypes } from '../tracks/registry-join.ts';
import { pollAircraftJson } from './aircraft-json-client.ts';
import { alertOf, AlertLog, type Alert, type AlertSink } from './alerts.ts';
import { LiveDetector, type DetectorOptions, type LiveEvent } from './detector.ts';
import { DEFAULT_WATCH_MEMORY_MB, limitMemory } from './memory-limit.ts';
import { WebhookDelivery, type WebhookOptions } from './outbox.ts';
import { DEFAULT_MAX_CLOCK_SKEW_SECONDS, liveProblem } from './plausible-live.ts';
import { createLiveSource, PositionWriter, type PositionWriterOptions } from './position-writer.ts';
import { loadPatterns, predictDestination, type Patterns } from './predict.ts';
import { sbsFeed, type BackoffOptions } from './sbs-client.ts';

export type WatchFeed = { sbs: { host: string; port: number } } | { aircraftJson: string };

export interface WatchOptions {
  store: Store;
  feed: WatchFeed;
  /** The watched aircraft (lower-case addresses). */
  fleet: ReadonlySet<string>;
  sinks: AlertSink[];
  /** POST each alert here, from the durable outbox (retried across restarts until acknowledged or expired). */
  webhook?: WebhookOptions;
  /** Seconds between derivations of the legs of aircraft that landed (default 30). */
  deriveSeconds?: number;
  signal: AbortSignal;
  /** Registration of an address, when known. */
  registrationOf?: (icao24: string) => string | null;
  backoff?: BackoffOptions;
  /** aircraft.json poll interval, ms. */
  pollIntervalMs?: number;
  /** aircraft.json: most bytes read of one response (default DEFAULT_MAX_RESPONSE_MB MiB, aircraft-json-client.ts). */
  maxResponseBytes?: number;
  writer?: PositionWriterOptions;
  detector?: DetectorOptions;
  /**
   * Largest difference, seconds, between a position's time and the clocks that saw it (the
   * receiver's stamp; this machine's clock for the future), default 300 (plausible-live.ts).
   */
  maxClockSkewSeconds?: number;
  /** This machine's clock, epoch seconds (default the system clock; a test may set it). */
  clock?: () => number;
  /**
   * DuckDB's memory limit during the session, MiB (default DEFAULT_WATCH_MEMORY_MB, memory-limit.ts;
   * the previous limit is restored at the end); null leaves the limit as it is (a watch run inside
   * another process that owns the database, whose other work must keep its limit).
   */
  memoryLimitMb?: number | null;
  /** Connection news and warnings, for stderr. */
  onLog?: (message: string) => void;
  /** Called with each alert sent, and the wall time (ms) it was sent (the benchmark measures latency with it). */
  onAlert?: (alert: Alert, sentAtMs: number) => void;
}

export interface WatchStats {
  sourceId: number;
  connections: number;
  disconnects: number;
  bytes: number;
  lines: number;
  /** Positions of watched aircraft received (and stored). */
  positions: number;
  stored: number;
  /** Lines counted and skipped: malformed, partial or binary noise. */
  rejected: number;
  alerts: number;
  /** Events found again (after a reconnect or restart) and not alerted twice. */
  duplicates: number;
  /** Aircraft followed now, and forgotten after falling silent. */
  aircraft: number;
  evicted: number;
  /** Positions of earlier sessions replayed into the detector at start (a restart). */
  primed: number;
  /** Times reading paused because the store was behind. */
  pauses: number;
  /** Legs derivations run for aircraft that landed. */
  derivations: number;
  /** Webhook deliveries acknowledged, and alerts owed from earlier sessions at start. */
  webhookDelivered: number;
  webhookOwedAtStart: number;
  /**
   * Positions refused as implausible (time off the clocks by more than the skew, before 1990, or
   * altitude, speed or track out of bounds): counted in `rejected` too, kept aside with their
   * reason, never used by the detector nor stored.
   */
  implausible: number;
  /** aircraft.json responses cut at the size limit (each is also a failed poll, in `disconnects`). */
  oversized: number;
}

export interface WatchHandle {
  /** Live counters (updated as the session runs). */
  readonly stats: WatchStats;
  /** Resolves with the final stats once everything is written and the sinks are done. */
  readonly done: Promise<WatchStats>;
}

/** Starts a watch session; abort `signal` to stop it cleanly. */
export function startWatch(options: WatchOptions): WatchHandle {
  const stats: WatchStats = { sourceId: 0, connections: 0, disconnects: 0, bytes: 0, lines: 0, positions: 0, stored: 0, rejected: 0, alerts: 0, duplicates: 0, aircraft: 0, evicted: 0, primed: 0, pauses: 0, derivations: 0, webhookDelivered: 0, webhookOwedAtStart: 0, implausible: 0, oversized: 0 };
  return { stats, done: withMemoryLimit(options, () => run(options, stats)) };
}

/** Runs the session under its DuckDB memory limit (see memory-limit.ts), restoring the previous limit after. */
async function withMemoryLimit<T>(o: WatchOptions, fn: () => Promise<T>): Promise<T> {
  if (o.memoryLimitMb === null) return fn();
  const restore = await limitMemory(o.store, o.memoryLimitMb ?? DEFAULT_WATCH_MEMORY_MB);
  try {
    return await fn();
  } finally {
    await restore();
  }
}

async function run(o: WatchOptions, stats: WatchStats): Promise<WatchStats> {
  const { store, feed, fleet, sinks, signal, registrationOf = () => null, onLog = () => undefined, onAlert = () => undefined } = o;
  const skew = o.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS;
  const clock = o.clock ?? (() => Date.now() / 1000);
  const feedName = 'sbs' in feed ? `sbs://${feed.sbs.host}:${feed.sbs.port}` : feed.aircraftJson;
  const sourceId = await createLiveSource(store, 'sbs' in feed ? 'live-sbs' : 'live-aircraft-json', feedName);
  stats.sourceId = sourceId;
  const alerts = await AlertLog.open(store, sourceId, { webhooks: o.webhook ? [o.webhook] : [] });
  const delivery = o.webhook ? new WebhookDelivery(await store.connection(), o.webhook) : null;
  if (delivery) {
    stats.webhookOwedAtStart = await delivery.start();
    if (stats.webhookOwedAtStart > 0) onLog(`webhook: ${stats.webhookOwedAtStart} alert(s) owed by earlier sessions, sending them now`);
  }
  // Legs are derived on a connection of their own, beside the writer's appends.
  const deriveConn = await store.connection();
  /** Aircraft that landed since the last derivation. */
  const landed = new Set<string>();
  let deriving: Promise<void> | null = null;
  const derive = async () => {
    if (landed.size === 0) return;
    // The landing's positions must be stored before its leg can be derived from them.
    await writer.flush();
    landed.clear();
    const done = await completeDerivations(deriveConn);
    if (done) stats.derivations++;
  };
  const deriveTimer = setInterval(() => {
    deriving ??= derive()
      .catch((error) => onLog(`warning: legs of landed aircraft not derived yet (${(error as Error).message.split('\n')[0]}); the next round or the next writer does it`))
      .finally(() => (deriving = null));
  }, (o.deriveSeconds ?? 30) * 1000);
  deriveTimer.unref();
  const patterns = await loadPatterns(store);
  // Each aircraft's type from the registry decides which runways fit its leg ends, as in the batch legs (tracks/rebuild.ts).
  const detector = new LiveDetector({ ...o.detector, types: o.detector?.types ?? (await registryTypes(store)) });
  const writer = new PositionWriter(store, sourceId, o.writer);

  const handle = async (events: LiveEvent[]) => {
    for (const e of events) {
      const alert = alertOf(e, registrationOf(e.icao24), e.event === 'takeoff' ? predict(e, patterns) : undefined);
      if (!(await writer.exclusive(() => alerts.claim(e, alert)))) {
        stats.duplicates++;
        continue;
      }
      stats.alerts++;
      if (e.event === 'landing') {
        // Owed from now on, durably: a watch killed before the derivation leaves it to the next writer.
        await writer.exclusive(() => queueAircraft(store, [e.icao24]));
        landed.add(e.icao24);
      }
      delivery?.nudge();
      for (const sink of sinks) sink.send(alert);
      onAlert(alert, Date.now());
    }
  };
  /** Feed time of the last sweep for silent aircraft. */
  let lastSweep = 0;
  const accept = async (row: PositionRow) => {
    stats.positions++;
    writer.add(row);
    const events = detector.push(row);
    if (events.length > 0) await handle(events);
    if (detector.clock - lastSweep >= 60) {
      lastSweep = detector.clock;
      const late = detector.evictSilent();
      if (late.length > 0) await handle(late);
    }
  };

  try {
    stats.primed = await prime(store, sourceId, fleet, detector, handle, clock() + skew);
    if ('sbs' in feed) {
      let parser = createSbsParser();
      /** Whether the last chunk ended inside a line. */
      let midLine = false;
      for await (const ev of sbsFeed({ ...feed.sbs, signal, ...o.backoff })) {
        if (ev.kind === 'connected') {
          stats.connections++;
          // A new connection starts mid-stream: nothing of the old one's partial line carries over.
          midLine = false;
          parser = createSbsParser({ fleet, onReject: (line, reason, raw) => { stats.rejected++; writer.reject(line, reason, raw); } });
          onLog(`connected to ${feedName}${ev.attempt > 1 ? ` (attempt ${ev.attempt})` : ''}`);
        } else if (ev.kind === 'disconnected') {
          stats.disconnects++;
          if (midLine) {
            // The connection dropped inside a line: that partial line is counted, never parsed.
            stats.rejected++;
            writer.reject(parser.lines + 1, 'partial line: the connection dropped before its end', '');
            midLine = false;
          }
          onLog(`feed ${feedName} dropped (${ev.reason}); reconnecting in ${(ev.retryInMs / 1000).toFixed(1)} s`);
        } else {
          stats.bytes += ev.chunk.byteLength;
          midLine = ev.chunk.byteLength > 0 && ev.chunk[ev.chunk.byteLength - 1] !== 0x0a;
          writer.counts.bytes = stats.bytes;
          const before = parser.lines;
          const updates = parser.push(ev.chunk);
          stats.lines += parser.lines - before;
          writer.counts.rowsRead = stats.lines;
          for (const u of updates) {
            const problem = liveProblem(u, u.logged, clock(), skew);
            if (problem === null) await accept(u);
            else {
              stats.rejected++;
              stats.implausible++;
              writer.reject(u.line, problem, describe(u));
            }
          }
          await writer.ready();
        }
        stats.aircraft = detector.size;
        stats.evicted = detector.evicted;
        stats.stored = writer.stored;
        stats.pauses = writer.pauses;
      }
    } else {
      const check = (row: PositionRow, receiverNow: number) => liveProblem(row, receiverNow, clock(), skew);
      for await (const ev of pollAircraftJson({ url: feed.aircraftJson, signal, fleet, intervalMs: o.pollIntervalMs, maxResponseBytes: o.maxResponseBytes, check, ...o.backoff })) {
        if (ev.kind === 'failed') {
          stats.disconnects++;
          if (ev.oversized) stats.oversized++;
          onLog(`poll of ${feedName} failed (${ev.reason}); retrying in ${(ev.retryInMs / 1000).toFixed(1)} s`);
          continue;
        }
        stats.connections++;
        stats.bytes += ev.bytes;
        stats.lines += ev.entries;
        writer.counts.bytes = stats.bytes;
        writer.counts.rowsRead = stats.lines;
        for (const r of ev.rejected) {
          stats.rejected++;
          if (r.implausible) stats.implausible++;
          writer.reject(r.index, r.reason, r.raw);
        }
        for (const row of ev.rows.sort((a, b) => a.time - b.time)) await accept(row);
        await writer.ready();
        stats.aircraft = detector.size;
        stats.evicted = detector.evicted;
        stats.stored = writer.stored;
      }
    }
  } finally {
    clearInterval(deriveTimer);
    await writer.close();
    await deriving;
    await derive().catch((error) => onLog(`warning: legs of landed aircraft not derived (${(error as Error).message.split('\n')[0]}); the next writer does it`));
    deriveConn.close();
    if (delivery) {
      await delivery.close();
      stats.webhookDelivered = delivery.delivered;
    }
    await Promise.all(sinks.map((s) => s.close()));
    stats.stored = writer.stored;
    stats.pauses = writer.pauses;
    stats.aircraft = detector.size;
    stats.evicted = detector.evicted;
  }
  return stats;
}

/** A refused position as kept aside (the message's own text is not kept by the parser). */
function describe(p: PositionRow): string {
  const iso = Number.isFinite(p.time) && Math.abs(p.time) < 8.64e12 ? new Date(p.time * 1000).toISOString() : String(p.time);
  return `${p.icao24} at ${iso}: lat ${p.lat}, lon ${p.lon}, altitude ${p.altBaroFt ?? p.altGeomFt ?? ''} ft, ground speed ${p.gsKt ?? ''} kt, track ${p.trackDeg ?? ''}`;
}

function predict(e: LiveEvent, patterns: Patterns) {
  return predictDestination({ departure: e.airport, lat: e.last.lat, lon: e.last.lon, trackDeg: e.last.trackDeg, patterns, byCode: airportByCode });
}

/** Seconds of earlier live positions replayed at start, so a restart sees the take-off it was in the middle of. */
const PRIME_SECONDS = 45 * 60;

/**
 * Replays the watched aircraft's latest positions of earlier live sessions into the detector: a
 * restart then knows what it knew (and the alerts table says what was already sent).
 */
async function prime(store: Store, sourceId: number, fleet: ReadonlySet<string>, detector: LiveDetector, handle: (e: LiveEvent[]) => Promise<void>, latest: number): Promise<number> {
  // Never from a time ahead of this machine's clock: a misdated position an older version stored
  // would otherwise be "the newest" and leave the real recent track out.
  const newest = await newestLiveTime(store, sourceId, latest);
  if (newest === null || newest === undefined) return 0;
  const rows = await livePositions(store, { sourceId, from: newest - PRIME_SECONDS, to: latest, aircraft: [...fleet] });
  for (const r of rows) {
    const events = detector.push({ icao24: r.icao24, time: r.time, lat: r.lat, lon: r.lon, altBaroFt: r.alt_baro_ft, altGeomFt: r.alt_geom_ft, onGround: r.on_ground, gsKt: r.gs_kt, trackDeg: r.track_deg, vrateFpm: r.vrate_fpm, callsign: r.callsign, squawk: r.squawk, flags: r.flags });
    if (events.length > 0) await handle(events);
  }
  return rows.length;
}
