import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli, tempDb, tempDir } from '../helpers.ts';
import { charterwatch, INGESTED, ingestedRecording, run, type Proc } from './procs.ts';
import { feedLines, sbsServer, waitFor, WATCHED } from '../live/feed.ts';

const legKey = (l: { icao24: string; departure: { airport: string }; arrival: { airport: string }; kind: string | null }) => `${l.icao24} ${l.departure.airport}→${l.arrival.airport} ${l.kind}`;

describe('one database, many processes', () => {
  it('serve, watch and an ingest run together on one database; questions answer meanwhile, and the API shows the ingested and the live flights', async () => {
    const db = tempDb();
    const dir = tempDir();
    const recording = ingestedRecording(dir);
    assert.equal((await runCli(['--db', db, 'fleet', 'add', 'N703KW', INGESTED])).code, 0);

    const lines = feedLines();
    const feed = await sbsServer([{ text: lines.join('\r\n') + '\r\n', close: false }]);
    const serve = charterwatch(['--db', db, 'serve', '--port', '0']);
    let watch: Proc | undefined;
    try {
      await waitFor(() => /serving .* at (http:\S+)/.test(serve.err()), 'the server', 120_000);
      const api = /serving .* at (http:\S+)/.exec(serve.err())![1]!;
      watch = charterwatch(['--db', db, '--json', 'watch', '--sbs', `127.0.0.1:${feed.port}`, '--derive-seconds', '1']);
      // The watch runs inside the server's process: its alerts come back on its own stdout.
      await waitFor(() => watch!.out().split('\n').filter((l) => l.startsWith('{')).length >= 2, 'the take-off and landing alerts', 120_000);
      assert.deepEqual(watch.out().trim().split('\n').map((l) => [JSON.parse(l).event, JSON.parse(l).airport]), [['takeoff', 'KAEX'], ['landing', 'KHRL']]);

      // While both run: an ingest through the CLI, and questions from the CLI and the API.
      const [ingest, sources, question] = await Promise.all([
        run(['--db', db, '--json', 'ingest', recording]),
        run(['--db', db, '--json', 'sources']),
        fetch(`${api}api/sources`).then((r) => r.status),
      ]);
      assert.equal(ingest.code, 0, ingest.err);
      assert.deepEqual(JSON.parse(ingest.out).sources.map((s: { format: string; rowsRejected: number; skipped: boolean }) => [s.format, s.rowsRejected, s.skipped]), [['sbs', 0, false]]);
      assert.equal(sources.code, 0, sources.err);
      assert.equal(question, 200);

      // The live flight becomes a classified leg without any "tracks"; the ingested one too.
      type ApiLeg = { icao24: string; departure: { airport: string; time: string }; arrival: { airport: string; time: string }; kind: string | null };
      let legs: ApiLeg[] = [];
      // Bounded (2 minutes), not timed: it ends as soon as both are there.
      for (let tries = 0; tries < 600 && legs.length < 2; tries++) {
        legs = ((await (await fetch(`${api}api/legs?sort=departure`)).json()) as { items: ApiLeg[] }).items;
        if (legs.length < 2) await new Promise((r) => setTimeout(r, 200));
      }
      assert.deepEqual(legs.map(legKey), [`${WATCHED} KAEX→KHRL lateral`, `${INGESTED} KIAH→KSAT possible`]);

      const cliLegs = await run(['--db', db, '--json', 'legs']);
      assert.equal(cliLegs.code, 0, cliLegs.err);
      assert.deepEqual(JSON.parse(cliLegs.out).map(legKey), legs.map(legKey));

      // Nothing lost: every watched position of the feed is stored, and every row of the file.
      const stored = JSON.parse((await run(['--db', db, '--json', 'sources'])).out) as { format: string; rowsKept: number; rowsRead: number }[];
      const watchedPositions = lines.filter((l) => /^MSG,[23],1,1,A960A9,/.test(l) && l.split(',').length === 22).length;
      assert.deepEqual(stored.map((s) => [s.format, s.rowsKept]), [['live-sbs', watchedPositions], ['sbs', JSON.parse(ingest.out).sources[0].rowsKept]]);

      watch.child.kill('SIGTERM');
      assert.equal(await watch.exit, 0, watch.err());
      assert.match(watch.err(), new RegExp(`${watchedPositions} watched positions stored`));
      serve.child.kill('SIGTERM');
      assert.equal(await serve.exit, 0, serve.err());
      for (const text of [serve.err(), watch.err(), ingest.err, sources.err]) assert.doesNotMatch(text, /in use|lock/i);
    } finally {
      watch?.child.kill('SIGKILL');
      serve.child.kill('SIGKILL');
      await feed.close();
    }
  });

  it('a writer meeting a file another program holds waits, naming the holder, until it is free; --wait bounds the wait', async () => {
    const db = tempDb();
    assert.equal((await runCli(['--db', db, 'fleet', 'add', INGESTED])).code, 0);
    const file = ingestedRecording(tempDir());
    // A program that holds the file for writing and knows nothing of charterwatch's socket.
    const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const script = `import { DuckDBInstance } from '@duckdb/node-api'; await DuckDBInstance.create(${JSON.stringify(db)}); console.log('held'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      let said = '';
      holder.stdout!.setEncoding('utf8').on('data', (t: string) => (said += t));
      await waitFor(() => said.includes('held'), 'the other program', 60_000);

      const bounded = await run(['--db', db, '--wait', '1', 'ingest', file]);
      assert.equal(bounded.code, 1);
      assert.equal(bounded.err, `charterwatch: database ${db} is in use by PID ${holder.pid}; waiting for it up to 1 s\ncharterwatch: database ${db} is in use by PID ${holder.pid}; gave up after waiting 1 s (--wait)\n`);

      const waiting = charterwatch(['--db', db, '--json', 'ingest', file]);
      await waitFor(() => waiting.err().includes(`database ${db} is in use by PID ${holder.pid}; waiting for it (--wait SECONDS bounds the wait)`), 'the waiting message', 60_000);
      holder.kill('SIGTERM');
      assert.equal(await waiting.exit, 0, waiting.err());
      assert.deepEqual(JSON.parse(waiting.out()).sources.map((s: { skipped: boolean }) => s.skipped), [false]);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
