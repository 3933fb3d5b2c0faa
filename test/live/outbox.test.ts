import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli, tempDb } from '../helpers.ts';
import { charterwatch } from '../store/procs.ts';
import { feedLines, httpServer, sbsServer, waitFor } from './feed.ts';

describe('webhook alerts from a durable outbox', () => {
  it('webhook down, watch killed (kill -9), webhook up, watch again: every alert arrives, once per id', async () => {
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'fleet', 'add', 'N703KW'])).code, 0);
    let up = false;
    let refused = 0;
    const acknowledged: string[] = [];
    const hook = await httpServer((_url, body) => {
      if (!up) {
        refused++;
        return { status: 503 };
      }
      acknowledged.push(JSON.parse(body).id);
      return { status: 200 };
    });
    const feed = await sbsServer([{ text: feedLines().join('\r\n') + '\r\n', close: false }]);
    const quiet = await sbsServer([]);
    try {
      const first = charterwatch(['--db', db, '--json', 'watch', '--sbs', `127.0.0.1:${feed.port}`, '--webhook', hook.url]);
      await waitFor(() => first.out().split('\n').filter((l) => l.startsWith('{')).length >= 2 && refused >= 1, 'two alerts, and the webhook refusing one', 120_000);
      const ids = first.out().trim().split('\n').map((l) => JSON.parse(l).id as string);
      assert.deepEqual(ids.map((id) => id.split(':').slice(0, 2).join(':')), ['a960a9:takeoff', 'a960a9:landing']);
      first.child.kill('SIGKILL');
      await first.exit;
      assert.deepEqual(acknowledged, []);

      up = true;
      const second = charterwatch(['--db', db, '--json', 'watch', '--sbs', `127.0.0.1:${quiet.port}`, '--webhook', hook.url]);
      await waitFor(() => acknowledged.length >= 2, 'the owed alerts delivered', 120_000);
      second.child.kill('SIGTERM');
      assert.equal(await second.exit, 0, second.err());
      assert.deepEqual(acknowledged, ids);
      assert.match(second.err(), /webhook: 2 alert\(s\) owed by earlier sessions, sending them now/);
      // Nothing is alerted twice on stdout: the restart knows what was alerted.
      assert.equal(second.out(), '');
    } finally {
      await Promise.all([hook.close(), feed.close(), quiet.close()]);
    }
  });
});
