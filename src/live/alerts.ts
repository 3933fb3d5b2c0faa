/**
 * Alerts: a detected event made into the object users receive, the append-only `alerts` table
 * that makes each event alerted once (across reconnects and restarts), and the stdout sink (JSON
 * lines or readable lines). Webhooks are delivered from a durable outbox (outbox.ts).
 */
import { insertAlert, recentAlerts } from '../query/write/live.ts';
import type { Store } from '../store/store.ts';
import { enqueueWebhook } from './outbox.ts';
import type { LiveEvent } from './detector.ts';
import { SAME_EVENT_SECONDS } from './detector.ts';
import type { Prediction } from './predict.ts';

/** What every sink receives, and `--json` prints one a line. */
export interface Alert {
  /** The alert's id (`icao24:event:minute of the event`): the same event always has the same id; receivers de-duplicate on it. */
  id: string;
  event: 'takeoff' | 'landing';
  icao24: string;
  registration: string | null;
  callsign: string | null;
  /** ICAO code; null when no airport could be named. */
  airport: string | null;
  airportName: string | null;
  country: string | null;
  /** ISO 8601 UTC: the take-off or touchdown. */
  time: string;
  /** observed: seen on the runway or next to it; inferred: from the last (or first) airborne point. */
  status: 'observed' | 'inferred';
  /** ISO 8601 UTC: feed time of the position that revealed the event. */
  detectedAt: string;
  position: { lat: number; lon: number; altFt: number | null; gsKt: number | null; trackDeg: number | null };
  /** Take-offs only: a likely destination, a prediction, never a fact. */
  prediction?: Prediction | null;
  evidence: string;
}

export const isoTime = (t: number) => new Date(Math.round(t * 1000)).toISOString().replace('.000Z', 'Z');
const finite = (v: number) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);

/** The id of an event's alert, and its key in the `alerts` table. */
export const alertId = (e: LiveEvent) => `${e.icao24}:${e.event}:${Math.round(e.time / 60)}`;

/** The alert of a detected event. */
export function alertOf(e: LiveEvent, registration: string | null, prediction?: Prediction | null): Alert {
  return {
    id: alertId(e),
    event: e.event,
    icao24: e.icao24,
    registration,
    callsign: e.callsign,
    airport: e.airport?.icao ?? null,
    airportName: e.airport?.name ?? null,
    country: e.airport?.country ?? null,
    time: isoTime(e.time),
    status: e.status,
    detectedAt: isoTime(e.detectedAt),
    position: { lat: Math.round(e.last.lat * 1e5) / 1e5, lon: Math.round(e.last.lon * 1e5) / 1e5, altFt: finite(e.last.altFt), gsKt: finite(e.last.gsKt), trackDeg: finite(e.last.trackDeg) },
    ...(e.event === 'takeoff' ? { prediction: prediction ?? null } : {}),
    evidence: e.evidence,
  };
}

/** A readable line: `2024-07-02T15:03:10Z TAKEOFF a960a9 N703KW (RPN1701) from KAEX Alexandria … [observed]`. */
export function alertLine(a: Alert): string {
  const who = [a.icao24, a.registration, a.callsign ? `(${a.callsign})` : null].filter(Boolean).join(' ');
  const where = a.airport ? `${a.event === 'takeoff' ? 'from' : 'at'} ${a.airport} ${a.airportName ?? ''}`.trim() : 'at an unknown airport';
  const guess = a.prediction ? `; predicted destination ${a.prediction.airport} (${a.prediction.basis}, a prediction)` : '';
  return `${a.time} ${a.event === 'takeoff' ? 'TAKEOFF' : 'LANDING'} ${who} ${where} [${a.status}]${guess}`;
}

/**
 * The alerts table as the memory of what was alerted. `claim` records an alert before it is sent
 * and says false when the same event (same aircraft and kind within 20 minutes) is there already.
 */
export class AlertLog {
  readonly #store: Store;
  readonly #sourceId: number;
  /** Webhook URLs every new alert is owed to (the outbox). */
  readonly #webhooks: { url: string; expireSeconds?: number }[];
  /** Event times already alerted, by `icao24:event`; loaded from the table, kept to the recent ones. */
  readonly #seen = new Map<string, number[]>();

  private constructor(store: Store, sourceId: number, webhooks: { url: string; expireSeconds?: number }[]) {
    this.#store = store;
    this.#sourceId = sourceId;
    this.#webhooks = webhooks;
  }

  /** Loads the alerts of the last `days` days (of event time, relative to the newest). */
  static async open(store: Store, sourceId: number, { days = 3, webhooks = [] }: { days?: number; webhooks?: { url: string; expireSeconds?: number }[] } = {}): Promise<AlertLog> {
    const log = new AlertLog(store, sourceId, webhooks);
    const rows = await recentAlerts(store, days * 86400);
    for (const r of rows) log.#remember(r.icao24, r.event, r.t);
    return log;
  }

  /**
   * Records the alert, and what it owes each webhook, in one transaction, unless its event was
   * alerted before; true when it is new (and must be sent to the other sinks).
   */
  async claim(e: LiveEvent, alert: Alert): Promise<boolean> {
    const key = `${e.icao24}:${e.event}`;
    if ((this.#seen.get(key) ?? []).some((t) => Math.abs(t - e.time) < SAME_EVENT_SECONDS)) return false;
    const payload = JSON.stringify(alert);
    await this.#store.transaction(async () => {
      await insertAlert(this.#store, {
        dedupeKey: alert.id, event: e.event, icao24: e.icao24, registration: alert.registration, airport: alert.airport,
        eventTime: e.time, status: e.status, sourceId: this.#sourceId, payload,
      });
      for (const w of this.#webhooks) await enqueueWebhook(this.#store, w.url, alert.id, payload, w.expireSeconds);
    });
    this.#remember(e.icao24, e.event, e.time);
    return true;
  }

  #remember(icao24: string, event: string, t: number): void {
    const key = `${icao24}:${event}`;
    const list = this.#seen.get(key) ?? [];
    list.push(t);
    // A few per aircraft are enough: the same event cannot come back after many others.
    if (list.length > 16) list.shift();
    this.#seen.set(key, list);
  }
}

/** Where alerts go. `close` waits for deliveries in flight. */
export interface AlertSink {
  send(alert: Alert): void;
  close(): Promise<void>;
}

/** Alerts on stdout: one JSON object a line with `json`, else a readable line. */
export function stdoutSink(write: (text: string) => void, json: boolean): AlertSink {
  return {
    send: (a) => write(`${json ? JSON.stringify(a) : alertLine(a)}\n`),
    close: async () => undefined,
  };
}
