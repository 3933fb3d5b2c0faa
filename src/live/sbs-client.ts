/**
 * An SBS-1 feed over TCP (a receiver's port 30003) as a stream of connection events and chunks,
 * reconnecting with exponential backoff (with jitter) whenever the connection fails or drops,
 * until the signal aborts. The consumer pulls: while it is busy (awaiting the store), the socket
 * is not read and TCP slows the sender.
 */
import net from 'node:net';

export type FeedEvent =
  | { kind: 'connected'; attempt: number }
  | { kind: 'data'; chunk: Uint8Array }
  | { kind: 'disconnected'; reason: string; retryInMs: number };

export interface BackoffOptions {
  /** First wait after a failure, ms. */
  initialMs?: number;
  /** Longest wait, ms. */
  maxMs?: number;
}

export interface SbsClientOptions extends BackoffOptions {
  host: string;
  port: number;
  signal: AbortSignal;
  /** Connection attempts before giving up (default: never give up). */
  maxAttempts?: number;
  /** A connection silent this long is dropped and reopened, ms (receivers send constantly). */
  idleMs?: number;
}

/** Waits `ms`, or less if `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The wait before attempt `n` (1 = the first retry): initial·2^(n-1), capped, with ±25% jitter. */
export function backoffMs(n: number, { initialMs = 500, maxMs = 30_000 }: BackoffOptions = {}, random = Math.random): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, n - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Connection events and data chunks from `host:port`, for as long as `signal` is not aborted. */
export async function* sbsFeed({ host, port, signal, initialMs = 500, maxMs = 30_000, maxAttempts = Infinity, idleMs = 120_000 }: SbsClientOptions): AsyncGenerator<FeedEvent> {
  let failures = 0;
  let attempts = 0;
  while (!signal.aborted && attempts < maxAttempts) {
    attempts++;
    let reason = 'connection closed by the feed';
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    socket.setTimeout(idleMs, () => socket.destroy(new Error(`no data for ${Math.round(idleMs / 1000)} s`)));
    const onAbort = () => socket.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
        socket.once('close', () => reject(new Error('closed before connecting')));
      });
      failures = 0;
      yield { kind: 'connected', attempt: attempts };
      for await (const chunk of socket) yield { kind: 'data', chunk: chunk as Uint8Array };
    } catch (error) {
      reason = (error as Error).message;
    } finally {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
    }
    if (signal.aborted) return;
    failures++;
    const wait = backoffMs(failures, { initialMs, maxMs });
    yield { kind: 'disconnected', reason, retryInMs: wait };
    await sleep(wait, signal);
  }
}

/** `host:port` (or `[v6]:port`) of `--sbs`. */
export function parseHostPort(value: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value.trim());
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65535) return null;
  return { host: (m[1] ?? m[2])!, port };
}
