/** Test feeds and servers for the live watch tests: everything on 127.0.0.1, ports chosen by the system. */
import http from 'node:http';
import net from 'node:net';
import { airportByCode } from '../../src/airports/airports.ts';
import { sbsLines, simulateFlight, type SimFlight } from '../../src/live/simulate.ts';
import type { Alert, AlertSink } from '../../src/live/alerts.ts';

export const WATCHED = 'a960a9'; // N703KW
export const OTHER = 'a0b1c2';

/** The watched flight KAEX → KHRL on 2 July 2024 (and an unwatched one KIAH → KSAT), 5 s samples. */
export function flights(): { watched: SimFlight; other: SimFlight } {
  const start = Date.UTC(2024, 6, 2, 15, 0, 0) / 1000;
  return {
    watched: simulateFlight({ icao24: WATCHED, callsign: 'RPN1701', from: airportByCode('KAEX')!, to: airportByCode('KHRL')!, start }),
    other: simulateFlight({ icao24: OTHER, callsign: 'UAL123', from: airportByCode('KIAH')!, to: airportByCode('KSAT')!, start: start + 600 }),
  };
}

/** Noise a real port 30003 carries: binary junk, a truncated message, a bad address, an unknown type. */
export const NOISE = ['\u0000\u0001\u00ff\u00fe\u001a\u0002garbage', 'MSG,3,1,1,A960A9,1,2024/07/02', 'MSG,3,1,1,ZZZZZZ,1,2024/07/02,15:30:00.000,2024/07/02,15:30:00.000,,1000,,,31.0,-92.0,,,0,0,0,0', 'MSG,9,1,1,A960A9,1,2024/07/02,15:30:00.000,2024/07/02,15:30:00.000,,,,,,,,,0,0,0,0'];

/** The feed as lines in time order: both flights interleaved, with the noise lines spread through it. */
export function feedLines(): string[] {
  const { watched, other } = flights();
  const timed: [number, string][] = [];
  for (const f of [watched, other]) for (const p of f.points) for (const l of sbsLines(f.icao24, f.callsign, p)) timed.push([p.time, l]);
  timed.sort((a, b) => a[0] - b[0]);
  const lines = timed.map(([, l]) => l);
  NOISE.forEach((n, i) => lines.splice(200 + i * 400, 0, n));
  return lines;
}

/** Index of the first line of the watched aircraft at or after `time` (epoch s). */
export function lineAt(lines: string[], time: number): number {
  const iso = new Date(time * 1000).toISOString();
  const [d, t] = [iso.slice(0, 10).replaceAll('-', '/'), iso.slice(11, 19)];
  const i = lines.findIndex((l) => l.includes(WATCHED.toUpperCase()) && l.split(',')[6]! + ' ' + l.split(',')[7] >= `${d} ${t}`);
  if (i < 0) throw new Error(`no line at ${iso}`);
  return i;
}

export interface Connection {
  /** What this connection sends. */
  text: string;
  /** Close the connection when sent (a drop); else keep it open. */
  close: boolean;
}

/**
 * An SBS server replaying `script`: the n-th connection gets the n-th entry, written in chunks of
 * 1,000 bytes split anywhere (mid-line, mid-character), then closed or kept open. Connections past
 * the script get nothing and stay open.
 */
export async function sbsServer(script: Connection[]): Promise<{ port: number; sent: () => number; connections: () => number; close: () => Promise<void> }> {
  let sent = 0;
  let n = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const entry = script[n++];
    if (!entry) return;
    const bytes = Buffer.from(entry.text, 'utf8');
    let at = 0;
    const step = () => {
      while (at < bytes.length) {
        const chunk = bytes.subarray(at, at + 1000);
        at += chunk.length;
        sent += chunk.length;
        if (!socket.write(chunk)) return socket.once('drain', step);
      }
      if (entry.close) socket.end();
    };
    step();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    sent: () => sent,
    connections: () => n,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A sink that keeps what it is sent. */
export function memorySink(): AlertSink & { alerts: Alert[] } {
  const alerts: Alert[] = [];
  return { alerts, send: (a) => alerts.push(a), close: async () => undefined };
}

/** An HTTP server on 127.0.0.1 answering `handler`; records request bodies. */
export async function httpServer(handler: (url: string, body: string) => { status?: number; body?: string }): Promise<{ url: string; bodies: string[]; close: () => Promise<void> }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method === 'POST') bodies.push(body);
      const out = handler(req.url ?? '/', body);
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
      res.end(out.body ?? '{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** Waits until `cond` holds, checking every 20 ms; fails after `ms` (a bound, not a timing assertion). */
export async function waitFor(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
