import { networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';

/**
 * The names a browser may use to reach the server, checked on every request's `Host` header
 * against DNS rebinding: a page on `evil.example` whose name is made to resolve to 127.0.0.1 would
 * otherwise read the API from the victim's browser (its requests carry `Host: evil.example`).
 *
 * Allowed: `127.0.0.1`, `localhost` and `[::1]`, the address the server binds (`--host`; for
 * `0.0.0.0` or `::`, every address of the machine's interfaces), and each `--allowed-host NAME`.
 * A name matches with no port or with the served port; `NAME:PORT` matches that port only. Any
 * other host is answered **421 Misdirected Request** (the request reached a server that does not
 * answer for that name), before anything else runs.
 */
export class AllowedHosts {
  /** Names allowed on any port the server serves (lower case; IPv6 in brackets). */
  readonly #names = new Set<string>(['127.0.0.1', 'localhost', '[::1]']);
  /** `name:port` pairs allowed exactly. */
  readonly #withPort = new Set<string>();
  /** The port the server listens on; until known (in-process use), any port. */
  port: number | undefined;

  constructor({ bind, extra = [], port }: { bind?: string; extra?: readonly string[]; port?: number } = {}) {
    this.port = port;
    if (bind === '0.0.0.0' || bind === '::') {
      for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) this.#names.add(hostName(a.address));
    } else if (bind) this.#names.add(hostName(bind));
    for (const entry of extra) this.add(entry);
  }

  /** Adds `NAME` (any served port) or `NAME:PORT`; `[v6]:PORT` for IPv6. */
  add(entry: string): void {
    const e = entry.trim().toLowerCase();
    const m = /^(.*?):(\d{1,5})$/.exec(e);
    if (m && !m[1]!.includes(':')) this.#withPort.add(e);
    else if (m && m[1]!.startsWith('[')) this.#withPort.add(e);
    else this.#names.add(hostName(e));
  }

  /** Whether a `Host` header value is allowed. */
  allows(hostHeader: string): boolean {
    const h = hostHeader.trim().toLowerCase();
    const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(h);
    if (!m) return false;
    const [, name, port] = m;
    if (this.#withPort.has(h)) return true;
    if (!this.#names.has(name!)) return false;
    return port === undefined || this.port === undefined || Number(port) === this.port;
  }

  /** The allowed names, for the refusal message and the startup line. */
  list(): string[] {
    return [...this.#names, ...this.#withPort];
  }
}

/** An address or name as it appears in a Host header: IPv6 in brackets, lower case. */
function hostName(address: string): string {
  const a = address.trim().toLowerCase();
  return a.includes(':') && !a.startsWith('[') ? `[${a.replace(/%.*$/, '')}]` : a;
}

/** The Host check as middleware: the header, else (in-process requests) the URL's host. */
export function requireAllowedHost(hosts: AllowedHosts): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!hosts.allows(host)) {
      const shown = host.slice(0, 100).replace(/[^\x20-\x7e]/g, '?');
      return c.json({ error: { code: 'MISDIRECTED', message: `this server does not answer for host "${shown}": open it as http://127.0.0.1:${hosts.port ?? 'PORT'}/ or start it with --allowed-host ${shown.replace(/:\d+$/, '') || 'NAME'}` } }, 421);
    }
    await next();
  };
}
