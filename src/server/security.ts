import { timingSafeEqual, createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

/**
 * The server's guards, each a Hono middleware: standard headers with a strict
 * Content-Security-Policy, the operator's token on every write and a per-client rate limit. The
 * others have a file each: the Host check (allowed-hosts.ts), the URL check (url-check.ts) and
 * the line of questions waiting for the database (query-queue.ts).
 */

/** The dashboard's policy: nothing but this origin, no inline script or style, no framing. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Reports are self-contained HTML with inline SVG and a style element, and never any script. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function standardHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', DASHBOARD_CSP);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'no-referrer');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    h.set('Cross-Origin-Resource-Policy', 'same-origin');
    h.set('Permissions-Policy', 'geolocation=(), camera=(), microphone=(), payment=()');
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-cache');
  };
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request that is not a read needs `Authorization: Bearer <token>`. The check runs before
 * anything reads the body, so an unauthenticated 10 MB upload is answered 401 at once.
 * Without a configured token the server is read-only and every write gets 401.
 */
export function requireTokenForWrites(token: string | undefined): MiddlewareHandler {
  const expected = token ? createHash('sha256').update(token).digest() : undefined;
  return async (c, next) => {
    if (READ_METHODS.has(c.req.method)) return next();
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    // Compare hashes so the comparison takes the same time whatever the lengths.
    const ok = expected !== undefined && given !== undefined && timingSafeEqual(createHash('sha256').update(given).digest(), expected);
    if (!ok) {
      c.header('WWW-Authenticate', 'Bearer realm="charterwatch"');
      c.header('Connection', 'close');
      return c.json({ error: { code: 'UNAUTHORIZED', message: expected ? 'this request writes: send the operator token as "Authorization: Bearer TOKEN"' : 'this server is read-only: start it with --token (or CHARTERWATCH_TOKEN) to allow writes' } }, 401);
    }
    return next();
  };
}

export interface RateLimitOptions {
  /** Requests each client may make per window. */
  requests: number;
  windowMs: number;
}

/** A fixed-window counter per client address; over the limit gets 429 with Retry-After. */
export function rateLimit({ requests, windowMs }: RateLimitOptions, clientOf: (c: Parameters<MiddlewareHandler>[0]) => string): MiddlewareHandler {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return async (c, next) => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      counts = new Map();
    }
    const client = clientOf(c);
    const n = (counts.get(client) ?? 0) + 1;
    counts.set(client, n);
    if (n > requests) {
      c.header('Retry-After', String(Math.ceil((windowStart + windowMs - now) / 1000)));
      return c.json({ error: { code: 'RATE_LIMITED', message: `more than ${requests} requests in ${windowMs / 1000} s from this client` } }, 429);
    }
    return next();
  };
}

