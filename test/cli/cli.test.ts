import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildProgram } from '../../src/cli/main.ts';
import { Cli } from '../../src/cli/context.ts';
import { runCli, tempDb, tempDir } from '../helpers.ts';
import { writeCbp, wholeYear } from '../stats/cbp-fixtures.ts';

const allCommands = () => {
  const program = buildProgram(new Cli({ stdout: () => undefined, stderr: () => undefined }));
  const names: string[][] = [];
  for (const c of program.commands) {
    names.push([c.name()]);
    for (const sub of c.commands) names.push([c.name(), sub.name()]);
  }
  return names;
};

describe('the command line', () => {
  it('prints help for every command, with exit code 0', async () => {
    for (const name of allCommands()) {
      const r = await runCli([...name, '--help']);
      assert.equal(r.code, 0, name.join(' '));
      assert.match(r.stdout, new RegExp(`Usage: charterwatch ${name.join(' ')}`), name.join(' '));
    }
  });

  it('exits 2 with one line for usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [['encounters', '--citizenship', 'CN'], /^charterwatch: --fy is required: US federal fiscal year \(October to September\): 2024 or FY2024\n$/],
      [['encounters', '--citizenship', 'CN', '--fy', 'last year'], /--fy expects a fiscal year such as 2024 or FY2024, got "last year"/],
      [['encounters', '--citizenship', 'Narnia', '--fy', '2024'], /--citizenship: "Narnia" is not a country code or a known country name/],
      [['encounters', '--citizenship', 'CN', '--fy', '2024', '--through', '2024-13'], /--through expects a month as YYYY-MM, got "2024-13"/],
      [['encounters', '--citizenship', 'CN', '--fy', '2024', '--by', 'planet'], /--by expects one of month, component, region, demographic, got "planet"/],
      [['no-such-command'], /unknown command 'no-such-command'/],
      [['ingest'], /missing required argument 'paths'/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['--db', tempDb(), ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('exits 1 naming the file when a path does not exist', async () => {
    const r = await runCli(['--db', tempDb(), 'ingest', '/nonexistent/file.csv']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'charterwatch: /nonexistent/file.csv: no such file or folder\n');
  });

  it('accepts --json and --db after the command as well as before it', async () => {
    const db = tempDb();
    const file = writeCbp(tempDir(), 'y.csv', wholeYear(2023, 2));
    const r = await runCli(['ingest', file, '--db', db, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(r.json().sources[0]).slice(0, 7), ['path', 'format', 'sha256', 'rowsRead', 'rowsKept', 'rowsRejected', 'skipped']);
    const list = await runCli(['sources', '--json', '--db', db]);
    assert.equal(list.json().length, 1);
    assert.equal(list.json()[0].rowsKept, 12);
  });
});

describe('command-line values', () => {
  it('refuses a day the month does not have instead of rolling it over', async () => {
    const { maybeDate } = await import('../../src/questions/params.ts');
    assert.equal(maybeDate('2024-02-29', '--from'), '2024-02-29T00:00:00.000Z');
    assert.throws(() => maybeDate('2024-02-30', '--from'), /--from: "2024-02-30" is not a real date/);
    assert.throws(() => maybeDate('2023-02-29', '--from'), /is not a real date/);
    assert.equal(maybeDate('2024-06-04T12:30', '--from'), '2024-06-04T12:30:00.000Z');
  });
});
