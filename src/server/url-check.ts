import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { usageError } from '../errors.ts';

/** Longest URL the server reads (path and query). */
export const MAX_URL_LENGTH = 2048;

/**
 * Where a URL's percent-encoding is broken, or null when it is well formed: every `%` must be
 * followed by two hex digits, and the bytes they spell must be UTF-8 (`%ZZ`, `%E0%A4%A` and
 * `%C0%AF` are not). The path and each query name and value are checked, as written.
 */
export function malformedEncoding(url: URL | string): string | null {
  const u = typeof url === 'string' ? new URL(url) : url;
  const parts: [string, string][] = [['the path', u.pathname]];
  for (const pair of u.search.replace(/^\?/, '').split('&')) {
    if (pair) parts.push(['the query', pair.replace(/\+/g, ' ')]);
  }
  for (const [where, text] of parts) {
    const bad = /%(?![0-9A-Fa-f]{2})/.exec(text);
    if (bad) return `${where} has "%" not followed by two hex digits at "${clip(text.slice(bad.index, bad.index + 3))}"`;
    try {
      decodeURIComponent(text);
    } catch {
      return `${where} has percent-encoded bytes that are not UTF-8 in "${clip(text)}"`;
    }
  }
  return null;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text).replace(/[\u0000-\u001f\u007f]/g, '?');

/**
 * Refuses a URL over MAX_URL_LENGTH with 414, and a malformed percent-encoding anywhere in it
 * with 400 naming where, before any route decodes it (a route's own decoding would throw, and an
 * unexpected throw is a 500 with a stack on stderr).
 */
export function wellFormedUrl(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH) throw new HTTPException(414, { message: `URL longer than ${MAX_URL_LENGTH} characters` });
    const problem = malformedEncoding(c.req.url);
    if (problem) throw usageError(`malformed URL: ${problem}`);
    await next();
  };
}
