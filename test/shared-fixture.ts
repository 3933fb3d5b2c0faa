/**
 * Databases that several test files start from, built once and copied into each file's own
 * temporary folder: each file still has its own database, but the demo (about 20 CPU-seconds) and
 * the real 2020 RadarBox history (about 8) are built once per change of the code, not once per
 * file. The files run at the same time (`npm test`), so the first that needs a fixture builds it
 * while the others wait on its lock.
 *
 * A fixture lives in the system's temp folder under a name holding a hash of everything it is
 * made from: the sources and their configs (scripts/build-stamp.js hashes them), data/, the input
 * files and the builder's own text. Any change makes a new one; the old one is removed then.
 * It is built in a folder of its own and renamed into place when complete, so a build that was
 * stopped leaves no fixture behind, and its stale lock is taken over.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stampOf } from '../scripts/build-stamp.js';
import { fixture, runCli, tempDir } from './helpers.ts';
import { takeFolderLock } from './folder-lock.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(tmpdir(), `charterwatch-test-fixtures-${process.getuid?.() ?? 0}`);

/** The SHA-1 of every file under `dir` (relative path and content). */
function hashTree(dir: string, hash = createHash('sha1'), rel = ''): ReturnType<typeof createHash> {
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = path.join(rel, entry.name);
    if (entry.isDirectory()) hashTree(dir, hash, name);
    else hash.update(`${name}\0`).update(readFileSync(path.join(dir, name))).update('\0');
  }
  return hash;
}

function keyOf(name: string, inputs: string[], build: (dir: string) => Promise<void>): string {
  const hash = hashTree(path.join(root, 'data'));
  hash.update(name).update(build.toString());
  for (const [file, [, , sha]] of Object.entries(stampOf(root).files)) hash.update(`${file}\0${sha}\0`);
  for (const file of inputs) hash.update(`${file}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 20);
}

/**
 * A private copy (a fresh temporary folder) of the fixture `name`, which `build` makes in the
 * empty folder it is given from `inputs` (the files it reads besides data/ and the sources).
 */
export async function sharedFixture(name: string, inputs: string[], build: (dir: string) => Promise<void>): Promise<string> {
  const built = path.join(CACHE, `${name}-${keyOf(name, inputs, build)}`);
  const lock = `${built}.lock`;
  mkdirSync(CACHE, { recursive: true });
  if (!existsSync(built)) {
    // One file builds it while the others wait on its lock; a waiter then finds it built.
    const release = await takeFolderLock(lock, { what: `the shared fixture ${built}` });
    const building = `${built}.building-${process.pid}`;
    try {
      if (!existsSync(built)) {
        rmSync(building, { recursive: true, force: true });
        mkdirSync(building);
        await build(building);
        renameSync(building, built);
        // Fixtures of this name made from other sources are of no more use.
        for (const other of readdirSync(CACHE)) {
          if (other.startsWith(`${name}-`) && path.join(CACHE, other) !== built && !other.endsWith('.lock') && !existsSync(path.join(CACHE, `${other}.lock`))) rmSync(path.join(CACHE, other), { recursive: true, force: true });
        }
      }
    } finally {
      rmSync(building, { recursive: true, force: true });
      release();
    }
  }
  const copy = tempDir();
  cpSync(built, copy, { recursive: true });
  return copy;
}

/** The real 2020 RadarBox history (Swift Air, iAero and World Atlantic), as it is loaded. */
export const SWIFT = fixture('flights/radarbox-swiftair-worldatlantic-2020-01-12_2020-04-27.csv.gz');

/** A private database holding the real 2020 RadarBox history, ingested as `charterwatch ingest` does. */
export async function swiftDb(): Promise<string> {
  const dir = await sharedFixture('swift-2020', [SWIFT], async (at) => {
    const r = await runCli(['--db', path.join(at, 'swift.duckdb'), 'ingest', SWIFT]);
    if (r.code !== 0) throw new Error(`ingest of ${SWIFT} exited ${r.code}: ${r.stderr}`);
  });
  return path.join(dir, 'swift.duckdb');
}

/** What the demo fixture holds: the demo's run and the folder it ran in. */
export interface DemoRun {
  /** The private copy of the folder the demo ran in. */
  dir: string;
  /** The demo's database in it (./charterwatch-demo.duckdb). */
  db: string;
  /** A user's own database beside it (./charterwatch.duckdb), made before the demo ran. */
  userDb: string;
  /** The folder the demo ran in when it was built: its output names the database there. */
  builtIn: string;
  output: { stdout: string; stderr: string; code: number };
}

/**
 * `npm start` as a user runs it: in a folder that already holds the user's own database (one
 * aircraft, added by hand), the demo is run without --db; its output is kept beside.
 */
export async function demoRun(): Promise<DemoRun> {
  const dir = await sharedFixture('demo', [], async (at) => {
    const userDb = path.join(at, 'charterwatch.duckdb');
    const mine = await runCli(['--db', userDb, 'fleet', 'add', 'N703KW', '--source', 'my own list']);
    if (mine.code !== 0) throw new Error(`fleet add exited ${mine.code}: ${mine.stderr}`);
    const cwd = process.cwd();
    const env = process.env.CHARTERWATCH_DB;
    process.chdir(at);
    delete process.env.CHARTERWATCH_DB;
    try {
      const { stdout, stderr, code } = await runCli(['demo', '--no-serve']);
      // A failed run is not kept: the files that need it fail, saying why, and the next run retries.
      if (code !== 0) throw new Error(`the demo exited ${code}: ${stderr}`);
      writeFileSync(path.join(at, 'demo-run.json'), JSON.stringify({ builtIn: at, output: { stdout, stderr, code } }));
    } finally {
      process.chdir(cwd);
      if (env !== undefined) process.env.CHARTERWATCH_DB = env;
    }
  });
  const { builtIn, output } = JSON.parse(readFileSync(path.join(dir, 'demo-run.json'), 'utf8')) as Pick<DemoRun, 'builtIn' | 'output'>;
  return { dir, db: path.join(dir, 'charterwatch-demo.duckdb'), userDb: path.join(dir, 'charterwatch.duckdb'), builtIn, output };
}
