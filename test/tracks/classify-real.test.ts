import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { runCli, tempDir } from '../helpers.ts';
import { swiftDb } from '../shared-fixture.ts';
import { writeFileSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LABELS = path.join(root, 'data/labels/radarbox-swiftair-worldatlantic-2020.labels.csv');

/** [labelled, classified, right] of a kind. */
const row = (e: any, kind: string) => {
  const k = e.byKind.find((x: any) => x.kind === kind);
  return [k.labelled, k.predicted, k.right];
};

describe('classification scored on the real 2020 history against its labels', () => {
  let db: string;
  before(async () => {
    db = await swiftDb(); // this file's copy of the history as `ingest` loads it (test/shared-fixture.ts)
  });
  const evaluate = async (...args: string[]) => {
    const r = await runCli(['--db', db, '--json', 'classify', '--evaluate', LABELS, ...args]);
    assert.equal(r.code, 0, r.stderr);
    return r.json();
  };

  it('on March–April, months the weights were not set on: removal precision and recall at least 0.95, domestic precision at least 0.90', async () => {
    const e = await evaluate('--from', '2020-03-01');
    assert.equal(e.scored, 1948);
    assert.deepEqual(row(e, 'removal'), [117, 118, 117]); // precision 0.992, recall 1.000
    assert.deepEqual(row(e, 'domestic'), [298, 299, 298]); // precision 0.997
  });

  it('on March–April with every callsign blanked: removal precision at least 0.85 and recall at least 0.90', async () => {
    const e = await evaluate('--from', '2020-03-01', '--blank-callsigns');
    assert.deepEqual(row(e, 'removal'), [117, 120, 107]); // precision 0.892, recall 0.915
    assert.equal(e.confusion.removal.possible, 6);
  });

  it('on the whole file, both ways', async () => {
    const withNumbers = await evaluate();
    assert.equal(withNumbers.scored, 5496);
    assert.deepEqual(row(withNumbers, 'removal'), [265, 265, 264]);
    assert.deepEqual(row(withNumbers, 'domestic'), [553, 556, 553]);
    const blanked = await evaluate('--blank-callsigns');
    assert.deepEqual(row(blanked, 'removal'), [265, 265, 239]);
    const text = (await runCli(['--db', db, 'classify', '--evaluate', LABELS, '--blank-callsigns'])).stdout;
    assert.match(text, /^radarbox-swiftair-worldatlantic-2020\.labels\.csv: 5,496 labelled legs scored, the start to the end, every callsign blanked$/m);
    assert.match(text, /^\s+removal\s+265\s+265\s+239\s+0\.902\s+0\.902\s+\(17 possible\)$/m);
  });

  it('keeps the Miami → Santo Domingo service, the Havana charters and the March 2020 evacuation charters out of the removals, and counts the two ICE flights to Havana', async () => {
    const legs = (await runCli(['--db', db, '--json', 'legs'])).json();
    const sdq = legs.filter((l: any) => ['WQ1995', 'WQ1997'].includes(l.callsign) && l.arrival.airport === 'MDSD');
    assert.equal(sdq.length, 113);
    assert.deepEqual([...new Set(sdq.map((l: any) => l.kind))], ['other']);
    const havana = legs.filter((l: any) => l.departure.country === 'US' && l.arrival.country === 'CU');
    assert.deepEqual(havana.filter((l: any) => l.kind === 'removal').map((l: any) => `${l.callsign} ${l.date}`), ['WAL408 2020-01-31', 'WAL708 2020-02-28']);
    const evacuation = legs.filter((l: any) => l.date >= '2020-03-10' && l.date < '2020-04-10' && ['TGPY', 'TBPB', 'SMJP', 'TKPK', 'TTPP', 'MHRO', 'MRLB'].includes(l.arrival.airport));
    assert.equal(evacuation.length, 25);
    assert.deepEqual([...new Set(evacuation.map((l: any) => l.kind))], ['other']);
  });

  it('refuses a labels file with a wrong label, naming the file and line', async () => {
    const bad = path.join(tempDir(), 'labels.csv');
    writeFileSync(bad, 'source,line,date,callsign,dep,arr,label\nx.csv,2,2020-01-01,WQ1,KMIA,MDSD,removal\nx.csv,3,2020-01-01,WQ2,KMIA,MDSD,deportation\n');
    const r = await runCli(['--db', db, 'classify', '--evaluate', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /labels\.csv:3: label "deportation" is not one of removal, return, domestic, lateral, foreign, other, unknown/);
  });

  it('ships labels that are exactly what the documented rule and the reviewed exceptions give', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/labels/radarbox-2020.ts'), '--check'], { encoding: 'utf8', cwd: root });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /up to date \(5885 legs\)/);
  });
});
