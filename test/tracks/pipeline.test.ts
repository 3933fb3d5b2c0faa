import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateTraffic, writeOpenskyCsv } from '../../src/generate/index.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';

describe('from a positions file to removal flights on the command line', () => {
  it('derives legs, missions and kinds when positions are ingested, matching the generated truth', async () => {
    const dir = tempDir();
    const g = generateTraffic({ seed: 5, from: '2024-06-01', to: '2024-06-08', aircraft: 3 });
    const csv = path.join(dir, 'states.csv');
    await writeOpenskyCsv(csv, g);
    const watchlist = path.join(dir, 'watch.txt');
    writeFileSync(watchlist, `# the generated fleet\n${g.aircraft.map((a) => a.icao24).join('\n')}\n`);
    const db = tempDb();
    const ingest = await runCli(['--db', db, 'ingest', csv, '--watchlist', watchlist]);
    assert.equal(ingest.code, 0, ingest.stderr);
    assert.match(ingest.stderr, /legs: 39 derived from 30,731 positions of 3 aircraft; 39 leg\(s\) classified, 11 mission\(s\)/);
    assert.equal(g.legs.length, 39);
    const removals = (await runCli(['--db', db, '--json', 'flights', 'count', '--kind', 'removal', '--by', 'country'])).json();
    assert.equal(removals.total, g.legs.filter((x) => x.kind === 'removal').length);
    const again = await runCli(['--db', db, '--json', 'tracks']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.json().legs.legs, 39);
    const legs = (await runCli(['--db', db, '--json', 'legs', '--kind', 'removal'])).json();
    assert.deepEqual(legs.map((l: { arrival: { airport: string } }) => l.arrival.airport).sort(), g.legs.filter((x) => x.kind === 'removal').map((x) => x.arr).sort());
  });

  it('leaves legs alone with --no-legs', async () => {
    const dir = tempDir();
    const g = generateTraffic({ seed: 6, from: '2024-06-01', to: '2024-06-03', aircraft: 1 });
    const csv = path.join(dir, 'states.csv');
    await writeOpenskyCsv(csv, g);
    const db = tempDb();
    const r = await runCli(['--db', db, 'ingest', csv, '--all', '--no-legs']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /legs: /);
    assert.equal((await runCli(['--db', db, '--json', 'legs'])).json().length, 0);
  });
});
