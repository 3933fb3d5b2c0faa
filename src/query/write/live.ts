/**
 * The live watcher's statements (src/live/): the alerts it records, the webhook outbox it
 * delivers from, the earlier sessions' positions it replays at start, and DuckDB's memory limit
 * for a long session, and its positions as they arrive. Its sources row is written through
 * src/query/write/sources.ts.
 */
import { listValue } from '@duckdb/node-api';
import { appendPosition } from '../../ingest/positions/append-row.ts';
import type { PositionRow } from '../../ingest/positions/stage.ts';
import type { Store } from '../../store/store.ts';

/** Appends a live session's positions to `positions` (one appender for the batch). Call inside the batch's transaction. */
export async function appendLivePositions(store: Store, sourceId: number, rows: readonly PositionRow[]): Promise<void> {
  const a = await store.conn.createAppender('positions');
  try {
    for (const r of rows) {
      a.appendInteger(sourceId);
      appendPosition(a, r);
      a.endRow();
    }
  } finally {
    a.closeSync();
  }
}

/** An alert as recorded in `alerts` (event time in epoch seconds; `alerted_at` is the time of the statement). */
export interface AlertRow {
  dedupeKey: string;
  event: string;
  icao24: string;
  registration: string | null;
  airport: string | null;
  eventTime: number;
  status: string;
  sourceId: number;
  /** The alert as sent, JSON. */
  payload: string;
}

/** Records an alert; one with the same dedupe key already there is left as it is. */
export async function insertAlert(store: Store, a: AlertRow): Promise<void> {
  await store.run(
    `INSERT INTO alerts (dedupe_key, event, icao24, registration, airport, event_time, status, source_id, alerted_at, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), ?) ON CONFLICT DO NOTHING`,
    [a.dedupeKey, a.event, a.icao24, a.registration, a.airport, a.eventTime, a.status, a.sourceId, a.payload],
  );
}

/** The alerts of the last `seconds` of event time before the newest alert. */
export function recentAlerts(store: Store, seconds: number): Promise<{ icao24: string; event: string; t: number }[]> {
  return store.all<{ icao24: string; event: string; t: number }>(
    `SELECT icao24, event, event_time AS t FROM alerts WHERE event_time >= (SELECT coalesce(max(event_time), 0) FROM alerts) - ?`,
    [seconds],
  );
}

/** An outbox row owed to a URL: the alert's id, its payload, attempts so far, and when it expires (epoch seconds). */
export interface OwedWebhook {
  alert_id: string;
  payload: string;
  attempts: number;
  expires_at: number;
}

/** Records an alert as owed to `url` at `now` until `expiresAt` (epoch seconds), unless it is owed there already. */
export async function enqueueOutbox(store: Store, { url, alertId, payload, now, expiresAt }: { url: string; alertId: string; payload: string; now: number; expiresAt: number }): Promise<void> {
  await store.run(
    `INSERT INTO webhook_outbox (alert_id, url, payload, created_at, expires_at, attempts, next_attempt_at)
     SELECT ?, ?, ?, ?, ?, 0, ? WHERE NOT EXISTS (SELECT 1 FROM webhook_outbox WHERE alert_id = ? AND url = ?)`,
    [alertId, url, payload, now, expiresAt, now, alertId, url],
  );
}

/** Rows still owed to `url` (neither delivered nor expired). */
export async function countOwed(store: Store, url: string): Promise<number> {
  return Number(await store.value(`SELECT count(*) FROM webhook_outbox WHERE url = ? AND delivered_at IS NULL AND expired_at IS NULL`, [url]));
}

/** Makes every row owed to `url` due at `at`. */
export async function dueAllOwed(store: Store, url: string, at: number): Promise<void> {
  await store.run(`UPDATE webhook_outbox SET next_attempt_at = ? WHERE url = ? AND delivered_at IS NULL AND expired_at IS NULL`, [at, url]);
}

/** When the next row owed to `url` falls due (epoch seconds), or null/undefined when none is owed. */
export function nextDue(store: Store, url: string): Promise<number | null | undefined> {
  return store.value<number | null>(`SELECT min(next_attempt_at) FROM webhook_outbox WHERE url = ? AND delivered_at IS NULL AND expired_at IS NULL`, [url]);
}

/** Up to 100 rows owed to `url` that are due at `at`, oldest first. */
export function dueOwed(store: Store, url: string, at: number): Promise<OwedWebhook[]> {
  return store.all<OwedWebhook>(
    `SELECT alert_id, payload, attempts, expires_at FROM webhook_outbox
     WHERE url = ? AND delivered_at IS NULL AND expired_at IS NULL AND next_attempt_at <= ?
     ORDER BY created_at, alert_id LIMIT 100`,
    [url, at],
  );
}

/** Gives a row up as expired at `at`. */
export async function markExpired(store: Store, url: string, alertId: string, at: number): Promise<void> {
  await store.run(`UPDATE webhook_outbox SET expired_at = ? WHERE alert_id = ? AND url = ?`, [at, alertId, url]);
}

/** Marks a row delivered at `at` (one more attempt, no error). */
export async function markDelivered(store: Store, url: string, alertId: string, at: number): Promise<void> {
  await store.run(`UPDATE webhook_outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE alert_id = ? AND url = ?`, [at, alertId, url]);
}

/** Records a failed attempt: why, and when to try again. */
export async function markFailed(store: Store, url: string, alertId: string, { retryAt, error }: { retryAt: number; error: string }): Promise<void> {
  await store.run(`UPDATE webhook_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE alert_id = ? AND url = ?`, [retryAt, error, alertId, url]);
}

/** A stored position as the live detector replays it. */
export interface StoredPosition {
  icao24: string;
  time: number;
  lat: number;
  lon: number;
  alt_baro_ft: number | null;
  alt_geom_ft: number | null;
  on_ground: boolean | null;
  gs_kt: number | null;
  track_deg: number | null;
  vrate_fpm: number | null;
  callsign: string | null;
  squawk: string | null;
  flags: number;
}

/** The sources of live sessions other than `sourceId` (a subquery; its one value bound first). */
const OTHER_LIVE_SOURCES = `SELECT id FROM sources WHERE format LIKE 'live-%' AND id <> ?`;

/** The time of the newest position of the other live sessions no later than `latest`. */
export function newestLiveTime(store: Store, sourceId: number, latest: number): Promise<number | null | undefined> {
  return store.value<number | null>(`SELECT max(time) FROM positions WHERE source_id IN (${OTHER_LIVE_SOURCES}) AND time <= ?`, [sourceId, latest]);
}

/** The other live sessions' positions of these aircraft in [from, to] (epoch seconds), by time then address. */
export function livePositions(store: Store, { sourceId, from, to, aircraft }: { sourceId: number; from: number; to: number; aircraft: readonly string[] }): Promise<StoredPosition[]> {
  return store.all<StoredPosition>(
    `SELECT icao24, time, lat, lon, alt_baro_ft, alt_geom_ft, on_ground, gs_kt, track_deg, vrate_fpm, callsign, squawk, flags
     FROM positions WHERE time BETWEEN ? AND ? AND source_id IN (${OTHER_LIVE_SOURCES}) AND list_contains(?::VARCHAR[], icao24) ORDER BY time, icao24`,
    [from, to, sourceId, listValue([...aircraft])],
  );
}

/** DuckDB's memory limit as it prints it (`18.8 GiB`). */
export function memoryLimit(store: Store): Promise<string | undefined> {
  return store.value<string>(`SELECT current_setting('memory_limit')`);
}

/**
 * Sets DuckDB's memory limit (global to the database instance): `mib` MiB, or a limit as DuckDB
 * printed it. SET takes no parameters: a number is written as a whole number, a printed limit
 * with its quotes taken out.
 */
export async function setMemoryLimit(store: Store, limit: number | string): Promise<void> {
  const text = typeof limit === 'number' ? `${Math.ceil(limit)}MiB` : limit.replaceAll("'", '');
  await store.run(`SET memory_limit = '${text}'`);
}

/** Gives DuckDB's memory limit its default back. */
export async function resetMemoryLimit(store: Store): Promise<void> {
  await store.run(`RESET memory_limit`);
}
