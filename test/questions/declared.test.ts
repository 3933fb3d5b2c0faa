import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createApp } from '../../src/server/app.ts';
import { apiRoutes } from '../../src/server/routes.ts';
import { Store } from '../../src/store/store.ts';
import { flagOf, paramsOn } from '../../src/questions/declare.ts';
import { questions } from '../../src/questions/index.ts';
import { repoRoot, runCli, tempDir } from '../helpers.ts';

// The TypeScript sources (this file may run compiled, from .test-build/: see test/helpers.ts).
const root = repoRoot;

describe('questions declared once', () => {
  it('the OpenAPI document lists exactly the declared parameters of every route', async () => {
    const store = await Store.open(':memory:');
    try {
      const doc = (await (await createApp({ store }).request('/openapi.json')).json()) as any;
      for (const route of apiRoutes) {
        const listed = doc.paths[route.path][route.method.toLowerCase()].parameters.map((p: any) => `${p.in}:${p.name}`).sort();
        const declared = (route.params ?? []).map((p) => `${p.api !== false && p.api?.path ? 'path' : 'query'}:${p.name}`).sort();
        assert.deepEqual(listed, declared, route.path);
      }
      // Each question's route is made from its declaration: the API's parameters, no command-line-only one.
      for (const q of questions) {
        const op = doc.paths[q.path!].get;
        assert.deepEqual(op.parameters.map((p: any) => p.name).sort(), paramsOn(q, 'api').map((p) => p.name).sort(), q.name);
        assert.equal(op.summary, q.summary);
      }
      const country = doc.paths['/api/countries/{country}'].get.parameters;
      assert.deepEqual(country.map((p: any) => [p.name, p.in, p.required]), [['country', 'path', true], ['fy', 'query', false], ['through', 'query', false], ['format', 'query', false]]);
      const to = doc.paths['/api/flights/count'].get.parameters.find((p: any) => p.name === 'to');
      assert.equal(to.description, 'end of the period (UTC), exclusive: 2024-07-03 counts up to the end of 2 July');
    } finally {
      store.close();
    }
  });

  for (const q of questions) {
    it(`\`${q.name} --help\` lists its declared options and arguments, and no API-only parameter`, async () => {
      const r = await runCli([...q.name.split(' '), '--help']);
      assert.equal(r.code, 0, r.stderr);
      for (const p of paramsOn(q, 'cli')) {
        if (p.cli && p.cli.argument) assert.match(r.stdout, new RegExp(`^Usage: charterwatch ${q.name} .*[<\\[]${p.name}[>\\]]`, 'm'), p.name);
        else assert.match(r.stdout, new RegExp(`^  --${flagOf(p)} <[^>]+> +${p.help.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'), p.name);
      }
      for (const p of q.params.filter((x) => x.cli === false)) assert.doesNotMatch(r.stdout, new RegExp(`--${p.name}\\b`));
    });
  }

  it('lists each option\'s words and defaults in --help: flights count', async () => {
    const r = await runCli(['flights', 'count', '--help']);
    const text = r.stdout.replace(/\s+/g, ' ');
    assert.match(text, / --kind <kind> leg kind; none: every kind, unclassified legs too \(removal\|return\|domestic\|lateral\|foreign\|other\|possible\) \(default: removal\) /);
    assert.match(text, / --to <date> end of the period \(UTC\), exclusive: 2024-07-03 counts up to the end of 2 July /);
    assert.match(text, / --by <by> breakdown, or two of them comma-separated \(country,month\);.*; none: the total only \(country\|month\|operator\|airport\|us-airport\|reason\|kind\) -h, --help /);
  });

  it('gives the same check on both: a period that ends before it starts, or is empty', async () => {
    const r = await runCli(['--db', path.join(tempDir(), 'none.duckdb'), 'flights', 'count', '--from', '2024-07-03', '--to', '2024-07-03']);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, '', 'charterwatch: --from (2024-07-03) must be before --to (2024-07-03, the end, exclusive)\n']);
    const bad = await runCli(['flights', 'count', '--by', 'country,month,kind']);
    assert.deepEqual([bad.code, bad.stderr], [2, 'charterwatch: --by takes at most 2 of country, month, operator, airport, us-airport, reason, kind, comma-separated, got "country,month,kind"\n']);
  });

  it('`charterwatch --help` and a command\'s --help load no database, answer, server, renderer or spreadsheet module', async () => {
    const trace = path.join(tempDir(), 'loaded.txt');
    const script = `const { main } = await import(${JSON.stringify(path.join(root, 'src/cli/main.ts'))});
      const io = { stdout() {}, stderr() {} };
      for (const argv of [['--help'], ['encounters', '--help'], ['legs', '--help'], ['country', '--help'], ['watch', '--help'], ['serve', '--help'], ['ingest', '--help']]) {
        if (await main(argv, io) !== 0) throw new Error('exit code of ' + argv.join(' '));
      }`;
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', path.join(root, 'test/questions/load-trace.mjs'), '--input-type=module', '-e', script], { cwd: root, env: { ...process.env, CHARTERWATCH_LOAD_TRACE: trace } });
    const loaded = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    assert.ok(loaded.some((u) => u.endsWith('/src/cli/commands/encounters.ts')), 'the trace records the modules');
    const heavy = loaded.filter((u) => /@duckdb|\/hono\/|exceljs|\/src\/(answers\/|query\/(?!vocabulary)|server|render|store\/(?!default-db)|tracks\/(?!kinds)|ingest\/ingest)/.test(u));
    assert.deepEqual(heavy, []);
  });
});
