/**
 * Child process of test/pull/landing.test.ts: pulls one window at a time and, once the second
 * window's reply has started to come in (its file is in the staging folder), says "stalled" and
 * waits for the parent to kill it (SIGKILL: no clean-up of any kind runs).
 *
 *   node --import tsx test/pull/killed-pull.ts DB URL FROM TO ADDRESSES
 */
import { ClickHouseSource } from '../../src/pull/clickhouse.ts';
import { pull } from '../../src/pull/pull.ts';
import { Store } from '../../src/store/store.ts';

const [db, url, from, to, addresses] = process.argv.slice(2) as [string, string, string, string, string];
let replies = 0;
const stalling: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!/FORMAT CSV$/.test(String(init?.body)) || ++replies < 2) return response;
  const reader = response.body!.getReader();
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent) {
        process.stdout.write('stalled\n');
        await new Promise(() => undefined);
      }
      const chunk = await reader.read();
      if (chunk.done) return controller.close();
      sent = true;
      controller.enqueue(chunk.value);
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
};
const store = await Store.open(db);
await pull(store, new ClickHouseSource({ url, fetch: stalling }), { from: Number(from), to: Number(to), fleet: new Set(addresses.split(',')), windowHours: 2, concurrency: 1 });
process.stdout.write('finished\n');
