import { serve, type ServerType } from '@hono/node-server';
import type { Store } from '../store/store.ts';
import { AllowedHosts } from './allowed-hosts.ts';
import { createApp, type AppOptions } from './app.ts';

export interface ServeOptions extends Omit<AppOptions, 'store' | 'allowedHosts'> {
  store: Store;
  port?: number;
  /** Loopback unless the operator says otherwise. */
  host?: string;
  /** More names the server answers for (`--allowed-host`), besides loopback and `host`. */
  allowedHosts?: string[];
}

export interface RunningServer {
  url: string;
  server: ServerType;
  close: () => Promise<void>;
}

/** Largest request head (request line and headers) Node will read. */
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Runs the API and dashboard on Node's HTTP server; resolves once it listens. Port 0 picks a free
 * port (tests, benchmarks). `npm start` and `charterwatch demo` call this after building the demo.
 */
export function startServer({ store, port = 8080, host = '127.0.0.1', allowedHosts = [], ...appOptions }: ServeOptions): Promise<RunningServer> {
  const hosts = new AllowedHosts({ bind: host, extra: allowedHosts });
  const app = createApp({ store, allowedHosts: hosts, ...appOptions });
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 30_000, headersTimeout: 10_000 } }, (info) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      // Port 0 picks one: the Host check learns which.
      hosts.port = info.port;
      resolve({
        url: `http://${shown}:${info.port}/`,
        server,
        close: () => new Promise((done) => {
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
    server.once('error', reject);
  });
}

/**
 * Serves until `signal` aborts (SIGINT or SIGTERM, or the owner handing the command back), then closes the server: what `charterwatch serve` and the demo
 * (`npm start`) run. `log` gets the one line with the address.
 */
export async function serveUntilStopped({ log, signal, ...options }: ServeOptions & { log: (line: string) => void; signal: AbortSignal }): Promise<void> {
  const running = await startServer(options);
  log(`charterwatch: serving ${options.store.path} at ${running.url} (${options.token ? 'writes allowed with the token' : 'read-only'}); Ctrl-C stops`);
  if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  await running.close();
}
