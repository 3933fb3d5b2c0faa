import { mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root, where its TypeScript sources are, whether this file runs from test/ or
 * compiled into .test-build/test/ by `npm test` (scripts/test.js), where package.json is a link
 * to the repository's.
 */
export const repoRoot = path.dirname(realpathSync(fileURLToPath(new URL('../package.json', import.meta.url))));

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

/**
 * Runs the CLI in-process with `args`, capturing stdout, stderr and the exit code. The CLI is
 * loaded on the first call, so that files using only the other helpers do not load it.
 */
export async function runCli(args: string[]): Promise<CliResult> {
  const { main } = await import('../src/cli/main.ts');
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

/** What one file's ingest kept aside, as a user reads it back with `sources --rejects`. */
export interface IngestedFile {
  db: string;
  /** rowsRead, rowsKept, rowsRejected of the `--json` summary. */
  counts: [number, number, number];
  /** Each reject's line and reason, in line order. */
  rejects: [number | null, string][];
  /** Each reject's text. */
  raw: string[];
}

/** Ingests one file into a fresh database, expecting success, and reads back its rejects. */
export async function ingestOne(file: string, args: string[] = []): Promise<IngestedFile> {
  const db = tempDb();
  const r = await runCli(['--db', db, '--json', 'ingest', ...args, file]);
  if (r.code !== 0) throw new Error(`ingest of ${file} exited ${r.code}: ${r.stderr}`);
  const [s] = r.json().sources;
  const rejects = (await runCli(['--db', db, '--json', 'sources', '--rejects', String(s.sourceId)])).json<{ line: number | null; reason: string; raw: string }[]>();
  return { db, counts: [s.rowsRead, s.rowsKept, s.rowsRejected], rejects: rejects.map((x) => [x.line, x.reason]), raw: rejects.map((x) => x.raw) };
}

/** A one-member ustar archive (header, data padded to 512 bytes, two zero blocks). */
export function tarWith(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'latin1');
  header.write('0000644\0', 100, 'latin1');
  header.write('0000000\0', 108, 'latin1');
  header.write('0000000\0', 116, 'latin1');
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124, 'latin1');
  header.write('00000000000\0', 136, 'latin1');
  header.write('0', 156, 'latin1');
  header.write('ustar\x0000', 257, 'latin1');
  header.write('        ', 148, 'latin1');
  let sum = 0;
  for (const b of header) sum += b;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

/**
 * The built command, as users run it: tests that start the CLI as a process use it (the sources'
 * compiled build in dist/, which `npm test` makes first; it refuses to run a build older than src/).
 */
export const cliBin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'charterwatch.js');

/** How many descriptors of process `pid` point at `file` (Linux: /proc/PID/fd); null once it has exited. */
function descriptorsOf(pid: number, file: string): number | null {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return null;
  }
  return fds.filter((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

/** Bytes process `pid` has read so far (Linux: `rchar` of /proc/PID/io); null once it has exited. */
function bytesRead(pid: number): number | null {
  try {
    return Number(/^rchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
  } catch {
    return null;
  }
}

/**
 * Resolves once process `pid` has `file` open (`opened` descriptors or more) and has read `bytes`
 * more bytes since: a moment inside its reading of the file, whatever the machine's load, for a
 * test that kills a process half-way. Resolves early if the process exits (the caller's check of
 * how it ended says so); fails after `ms` (a bound, not a timing assertion).
 */
export async function whenReading(pid: number, file: string, { bytes, opened = 1, ms = 120_000 }: { bytes: number; opened?: number; ms?: number }): Promise<void> {
  const until = Date.now() + ms;
  let from: number | null = null;
  for (;;) {
    if (Date.now() > until) throw new Error(`timed out waiting for process ${pid} to read ${bytes} bytes of ${file}`);
    if (from === null) {
      const n = descriptorsOf(pid, file);
      if (n === null) return;
      if (n >= opened) from = bytesRead(pid);
    } else {
      const read = bytesRead(pid);
      if (read === null || read - from >= bytes) return;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Resolves when `cond` holds, looking every few milliseconds on a timer (not spinning, which would
 * take the CPU from the files running beside); fails after `ms` (a bound, not a timing assertion).
 */
export async function until(cond: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
