import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { projectRoot } from '../src/paths.ts';
import { runCli } from './helpers.ts';
import { demoRun } from './shared-fixture.ts';

/**
 * Every `charterwatch …` example in README.md's shell blocks runs as written on the demo
 * database and exits 0; a `console` block's shown output is what the command prints.
 * Examples that need the network or a running server are skipped, each with its reason.
 */

/** Commands that cannot run here, by their first words, and why. */
const SKIP: [prefix: string, reason: string][] = [
  ['charterwatch serve', 'starts a server that runs until stopped'],
  ['charterwatch watch', 'follows a live receiver feed over the network'],
  ['charterwatch pull', 'fetches from a remote engine over the network'],
  ['charterwatch demo', 'serves the dashboard unless --no-serve; the demo build is what every example here runs on'],
];

interface Example {
  /** The command line as the README writes it, without its comment. */
  command: string;
  /** The README line it is on (1-based). */
  line: number;
  /** For a `console` block: the output shown under it. */
  output?: string;
}

/** The README's shell examples: every line of a sh/bash/shell block, and each `$ ` line of a console block with the output under it. */
function readmeExamples(text: string): Example[] {
  const lines = text.split('\n');
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(sh|bash|shell|console)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const lang = open[1];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.startsWith('```'); j++) {
      const raw = lines[j]!;
      if (lang === 'console') {
        if (!raw.startsWith('$ ')) continue;
        const output: string[] = [];
        for (let k = j + 1; k < lines.length && !lines[k]!.startsWith('```') && !lines[k]!.startsWith('$ '); k++) output.push(lines[k]!);
        out.push({ command: raw.slice(2).trim(), line: j + 1, output: output.join('\n') });
      } else if (raw.trim() && !raw.trim().startsWith('#')) {
        out.push({ command: withoutComment(raw).trim(), line: j + 1 });
      }
    }
    i = j;
  }
  return out.filter((e) => /^(npx )?charterwatch /.test(e.command));
}

/** A shell line without its trailing `# comment` (a # after a space, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** A command line split into words as a POSIX shell would for these examples (quotes, no expansions). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let inWord = false;
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${line}`);
  if (inWord) words.push(word);
  return words;
}

/**
 * The output a README block shows is what the command prints; a line `…` (indented or not)
 * stands for lines left out, so the parts around it must appear in order, the first at the start.
 */
function assertShown(actual: string, shown: string): void {
  const parts = shown.split(/^\s*…\s*$/m).map((p) => p.replace(/^\n|\n$/g, ''));
  if (parts.length === 1) return assert.equal(actual, shown);
  assert.ok(actual.startsWith(parts[0]!), `output does not start with:\n${parts[0]}\n--- it is:\n${actual}`);
  let at = parts[0]!.length;
  for (const part of parts.slice(1)) {
    const found = actual.indexOf(part, at);
    assert.ok(found >= 0, `output lacks, after what came before:\n${part}\n--- it is:\n${actual}`);
    at = found + part.length;
  }
}

const examples = readmeExamples(readFileSync(path.join(projectRoot, 'README.md'), 'utf8'));

describe('the README examples', () => {
  let buildWarnings = '';
  /** This file's copy of the folder `charterwatch demo --no-serve` ran in, and its database (test/shared-fixture.ts). */
  let dir = '';
  let db = '';
  before(async () => {
    const run = await demoRun();
    assert.equal(run.output.code, 0, run.output.stderr);
    ({ dir, db } = run);
    buildWarnings = run.output.stderr;
  });

  it('builds the demo from the shipped files without a warning about a country name it cannot match (CZECHOSLOVAKIA, KOREA, USSR … map to documented units)', () => {
    assert.doesNotMatch(buildWarnings, /match no country|unmatched/i);
  });

  it('finds the shell examples of README.md', () => {
    assert.deepEqual(examples.map((e) => shellWords(e.command).slice(0, 3).join(' ')), [
      'charterwatch country CN',
      'charterwatch flights count',
      'charterwatch encounters --citizenship',
      'charterwatch cooperation CN',
      'charterwatch removals --citizenship',
      'charterwatch passengers --type',
      'charterwatch report monthly',
      'charterwatch sources --stale',
      'charterwatch encounters --citizenship',
      'charterwatch sources --stale',
    ]);
    assert.deepEqual(shellWords(`charterwatch x --a "b c" 'd'`), ['charterwatch', 'x', '--a', 'b c', 'd']);
  });

  for (const example of examples) {
    const skip = SKIP.find(([prefix]) => example.command.startsWith(prefix) || example.command.startsWith(`npx ${prefix}`));
    it(`README.md:${example.line} ${example.command}`, { skip: skip ? skip[1] : false }, async () => {
      const [, ...args] = shellWords(example.command.replace(/^npx /, ''));
      // As a user runs it, in a folder of their own, on the demo's database.
      const cwd = process.cwd();
      process.chdir(dir);
      let r;
      try {
        r = await runCli(['--db', db, ...args]);
      } finally {
        process.chdir(cwd);
      }
      assert.equal(r.code, 0, `exit ${r.code}: ${r.stderr}`);
      if (example.output !== undefined) assertShown(r.stdout.trimEnd(), example.output.trimEnd());
      if (args.includes('--package')) {
        const pkg = path.join(dir, args[args.indexOf('--package') + 1]!);
        assert.ok(existsSync(path.join(pkg, 'datapackage.json')), `no datapackage.json in ${pkg}`);
      }
    });
  }
});
