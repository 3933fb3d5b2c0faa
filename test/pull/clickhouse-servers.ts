import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeFolderLock } from '../folder-lock.ts';

/** The two loopback shards of scripts/clickhouse/start.sh. */
export const SHARDS = ['http://127.0.0.1:18123/', 'http://127.0.0.1:18124/'] as const;
export const SERVERS_DIR = path.join(process.env.TMPDIR || tmpdir(), 'charterwatch-clickhouse');
const START = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'clickhouse', 'start.sh');

/**
 * Whether both shards answer. In CI (CI=true) a missing server fails the tests loudly;
 * locally they are skipped with a message saying how to start the servers.
 */
export async function clickhouseReachable(): Promise<string | false> {
  await holdShards();
  const ok = await Promise.all(SHARDS.map((s) => fetch(`${s}ping`).then((r) => r.ok, () => false)));
  if (ok.every(Boolean)) return false;
  const message = `ClickHouse shards not reachable on ${SHARDS.join(' and ')}: run scripts/clickhouse/start.sh`;
  if (process.env.CI === 'true') throw new Error(message);
  return message;
}

/** Runs one statement on a shard; throws with ClickHouse's message. */
export async function ch(sql: string, shard = 0): Promise<string> {
  const r = await fetch(SHARDS[shard]!, { method: 'POST', body: sql });
  const text = await r.text();
  if (!r.ok) throw new Error(`${sql.slice(0, 60)}…: ${text}`);
  return text;
}

/** Runs a statement on both shards. */
export const chBoth = async (sql: string) => {
  for (const i of [0, 1]) await ch(sql, i);
};

/** A database on both shards in the documented layout, with the Distributed table `positions`. */
export async function createLayout(db: string): Promise<void> {
  await chBoth(`DROP DATABASE IF EXISTS ${db}`);
  await chBoth(`CREATE DATABASE ${db}`);
  await chBoth(`CREATE TABLE ${db}.positions_local (
    time UInt32, icao24 String, lat Nullable(Float64), lon Nullable(Float64),
    velocity Nullable(Float64), heading Nullable(Float64), vertrate Nullable(Float64),
    callsign String, onground UInt8, alert UInt8, spi UInt8, squawk String,
    baroaltitude Nullable(Float64), geoaltitude Nullable(Float64),
    lastposupdate Nullable(Float64), lastcontact Float64)
    ENGINE = MergeTree() PARTITION BY toYYYYMMDD(toDateTime(time)) ORDER BY (icao24, time)`);
  await chBoth(`CREATE TABLE ${db}.positions AS ${db}.positions_local ENGINE = Distributed(charterwatch, ${db}, positions_local, cityHash64(icao24))`);
}

/** Kills shard `n` (1 or 2) at once, as a crash would. */
export function killShard(n: 1 | 2): void {
  const pid = Number(readFileSync(path.join(SERVERS_DIR, `shard${n}`, 'launcher.pid'), 'utf8'));
  process.kill(pid, 'SIGKILL');
}

/** Starts whatever shard is down (the script leaves running ones alone). */
export function startShards(): void {
  execFileSync(START, [SERVERS_DIR], { stdio: 'ignore' });
}

/**
 * One test file at a time uses the shared shards: clickhouse.test.ts kills shard 2 and starts it
 * again, which another file running at the same moment (npm test runs several) would take for a
 * failure. The lock is a folder holding its holder's pid, taken before the shards are first
 * asked and released when the process ends; the lock of a holder that is gone is taken over.
 */
async function holdShards(): Promise<void> {
  const release = await takeFolderLock(path.join(process.env.TMPDIR || tmpdir(), 'charterwatch-clickhouse-tests.lock'), { waitMs: 20 * 60_000, what: 'the ClickHouse test lock' });
  process.on('exit', release);
}
