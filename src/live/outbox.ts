/**
 * Webhook alerts that are delivered: a durable outbox in the database (`webhook_outbox`). Each
 * alert's row is written in the same transaction as the alert itself (alerts.ts, AlertLog.claim),
 * so an alert recorded is an alert owed. A delivery loop POSTs what is owed, in the order it was
 * recorded, and marks a row delivered only when the receiver answers 2xx; any other answer, or
 * none, is retried with a doubling wait (1 s, 2 s, 4 s… up to 5 min), across restarts (a new watch
 * on the same database and URL starts with what is owed), until the row expires (24 h by default):
 * then it is marked expired and said so. Delivery is at least once: a watch killed between the
 * receiver's 2xx and the row's update sends that alert again, with the same `id` (also in the
 * `Idempotency-Key` header) for the receiver to de-duplicate on.
 */
import {
  countOwed, dueAllOwed, dueOwed, enqueueOutbox, markDelivered, markExpired, markFailed, nextDue, type OwedWebhook,
} from '../query/write/live.ts';
import { DEFAULT_WEBHOOK_EXPIRE_SECONDS } from './limits.ts';
import type { Store } from '../store/store.ts';

export interface WebhookOptions {
  url: string;
  /** Wait before the second attempt, ms; doubles each time up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** An alert not acknowledged this long after it was recorded is given up, seconds (default 24 h). */
  expireSeconds?: number;
  /** Per attempt, ms. */
  timeoutMs?: number;
  /** A delivery that failed or expired, for stderr. */
  onError?: (message: string) => void;
}


const now = () => Date.now() / 1000;

/** Records an alert as owed to `url`; call it inside the transaction that records the alert. */
export async function enqueueWebhook(store: Store, url: string, alertId: string, payload: string, expireSeconds = DEFAULT_WEBHOOK_EXPIRE_SECONDS): Promise<void> {
  const t = now();
  await enqueueOutbox(store, { url, alertId, payload, now: t, expiresAt: t + expireSeconds });
}

type Owed = OwedWebhook;

/** The delivery loop of one URL; `close()` makes a last pass over what is due and stops. */
export class WebhookDelivery {
  readonly #conn: Store;
  readonly #url: string;
  readonly #retryMs: number;
  readonly #maxRetryMs: number;
  readonly #timeoutMs: number;
  readonly #onError: (message: string) => void;
  #timer: NodeJS.Timeout | undefined;
  #pass: Promise<void> | null = null;
  #again = false;
  #closed = false;
  /** Acknowledged deliveries, and failed attempts, of this session. */
  delivered = 0;
  failures = 0;

  /** `conn`: a connection of its own (Store.connection()), closed by `close()`. */
  constructor(conn: Store, { url, retryMs = 1000, maxRetryMs = 300_000, timeoutMs = 5000, onError = () => undefined }: WebhookOptions) {
    this.#conn = conn;
    this.#url = url;
    this.#retryMs = retryMs;
    this.#maxRetryMs = maxRetryMs;
    this.#timeoutMs = timeoutMs;
    this.#onError = onError;
  }

  /** Starts with what earlier sessions left owed: all of it is tried at once. */
  async start(): Promise<number> {
    const owed = await countOwed(this.#conn, this.#url);
    await dueAllOwed(this.#conn, this.#url, now());
    this.nudge();
    return owed;
  }

  /** Something new is owed: deliver it now (or right after the pass under way). */
  nudge(): void {
    if (this.#closed) return;
    if (this.#pass) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#pass = this.#deliverDue().finally(() => {
      this.#pass = null;
      if (this.#again) {
        this.#again = false;
        this.nudge();
      } else void this.#schedule();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#pass;
    await this.#deliverDue();
    this.#conn.close();
  }

  /** Sets the timer for the next row that falls due. */
  async #schedule(): Promise<void> {
    if (this.#closed) return;
    const next = await nextDue(this.#conn, this.#url).catch(() => null);
    if (next === null || next === undefined || this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.nudge(), Math.max(20, (next - now()) * 1000));
  }

  /** Tries the rows due, oldest first; stops at the first that fails, so alerts arrive in order. */
  async #deliverDue(): Promise<void> {
    const rows = await dueOwed(this.#conn, this.#url, now());
    for (const row of rows) {
      if (now() >= row.expires_at) {
        await markExpired(this.#conn, this.#url, row.alert_id, now());
        this.#onError(`webhook: alert ${row.alert_id} expired after ${row.attempts} attempt(s) without a 2xx answer from ${this.#url}`);
        continue;
      }
      const failure = await this.#post(row);
      if (failure === null) {
        this.delivered++;
        await markDelivered(this.#conn, this.#url, row.alert_id, now());
        continue;
      }
      this.failures++;
      const wait = Math.min(this.#maxRetryMs, this.#retryMs * 2 ** row.attempts) / 1000;
      await markFailed(this.#conn, this.#url, row.alert_id, { retryAt: now() + wait, error: failure });
      if (row.attempts === 0) this.#onError(`webhook: alert ${row.alert_id} not delivered (${failure}); retrying with backoff until ${new Date(row.expires_at * 1000).toISOString()}`);
      break;
    }
  }

  /** One attempt: null when acknowledged (2xx), else why not. */
  async #post(row: Owed): Promise<string | null> {
    try {
      const res = await fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': row.alert_id },
        body: row.payload,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return cause ?? (error as Error).message;
    }
  }
}
