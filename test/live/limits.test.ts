import assert from 'node:assert/strict';
import http from 'node:http';
import type net from 'node:net';
import { describe, it } from 'node:test';
import { pollAircraftJson, type PollEvent } from '../../src/live/aircraft-json-client.ts';
import { WATCHED } from './feed.ts';

/**
 * An aircraft.json server whose first answer is an endless stream (1 MiB chunks of a JSON array
 * that never closes, no Content-Length) and whose next answers are a small snapshot; it counts
 * the bytes it managed to send.
 */
async function floodServer(): Promise<{ url: string; sent: () => number; close: () => Promise<void> }> {
  let sent = 0;
  let requests = 0;
  const chunk = Buffer.alloc(1024 * 1024, ' ');
  const server = http.createServer((req, res) => {
    if (requests++ > 0) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ now: 1719932700, aircraft: [{ hex: WATCHED, lat: 31.1, lon: -92.9, alt_baro: 4500, seen_pos: 0 }] }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"now":1719932700,"aircraft":[');
    let closed = false;
    res.on('close', () => (closed = true));
    const pump = () => {
      // Up to 2 GiB, as long as the client reads.
      while (!closed && sent < 2 * 1024 ** 3) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/data/aircraft.json`, sent: () => sent, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

describe('the aircraft.json poller', () => {
  it('cuts a response past its size limit, says so, and polls on', async () => {
    const server = await floodServer();
    const events: PollEvent[] = [];
    try {
      const controller = new AbortController();
      for await (const ev of pollAircraftJson({ url: server.url, signal: controller.signal, fleet: new Set([WATCHED]), maxPolls: 2, intervalMs: 1, initialMs: 1, maxMs: 1, maxResponseBytes: 4 * 1024 * 1024 })) events.push(ev);
    } finally {
      await server.close();
    }
    const [first, second] = events;
    assert.deepEqual(first && { ...first, retryInMs: 0 }, { kind: 'failed', reason: 'response larger than 4 MiB, the limit of one aircraft.json (--max-response-mb raises it); not read further', retryInMs: 0, oversized: true });
    assert.equal(second?.kind, 'positions');
    assert.deepEqual(second?.kind === 'positions' && second.rows.map((r) => [r.icao24, r.time]), [[WATCHED, 1719932700]]);
    // Reading stopped at the limit: the server could send no more than the limit and what the
    // sockets' buffers hold, far from its 2 GiB.
    assert.ok(server.sent() < 64 * 1024 * 1024, `server sent ${server.sent()} bytes`);
  });
});
