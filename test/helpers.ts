import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

/** The repo's test fixtures folder. */
export const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
export const fixture = (name: string) => path.join(fixtures, name);

const made: string[] = [];
// Removed when the test process ends (not by an after() hook, which inside a before() hook
// would run as soon as that hook is done).
process.once('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test file's process ends. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-test-'));
  made.push(dir);
  return dir;
}

/** A path for a new database file in a fresh temporary folder. */
export const tempDb = () => path.join(tempDir(), 'test.duckdb');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json: <T = any>() => T;
}

/** Runs the CLI in-process with `args`, capturing stdout, stderr and the exit code. */
export async function runCli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}
