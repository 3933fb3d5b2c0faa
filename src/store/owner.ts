/**
 * The owner of a database file: the one charterwatch process that holds it open for writing and
 * runs other charterwatch processes' commands on it (src/store/host.ts). It says so in a small
 * JSON file next to the database, `<db>.owner`, naming its PID, its command and the Unix socket
 * it listens on (`<db>.sock`, or a file in the system's temporary folder when that path is too
 * long for a socket). A file whose PID is no longer alive is stale: it and its socket are removed.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface OwnerInfo {
  pid: number;
  /** The owner's command line, as a user would read it (`charterwatch watch --sbs …`). */
  command: string;
  /** The Unix socket it listens on. */
  socket: string;
  /** The database, absolute. */
  db: string;
  /** ISO time it took the file. */
  since: string;
}

/** Longest path a Unix socket may have (108 bytes on Linux, 104 on macOS; keep under both). */
const MAX_SOCKET_PATH = 100;

/** The owner file of a database. */
export const ownerFile = (db: string) => `${path.resolve(db)}.owner`;

/** Where the owner of `db` listens: next to it, unless that path is too long for a socket. */
export function socketPath(db: string): string {
  const beside = `${path.resolve(db)}.sock`;
  if (Buffer.byteLength(beside) <= MAX_SOCKET_PATH) return beside;
  const hash = createHash('sha256').update(path.resolve(db)).digest('hex').slice(0, 16);
  return path.join(tmpdir(), `charterwatch-${hash}.sock`);
}

/** Whether a process with this id runs (one of another user's counts: it cannot be signalled, but it is alive). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner file's content, or null when there is none (or it cannot be read as one). */
export function readOwnerFile(db: string): OwnerInfo | null {
  try {
    const info = JSON.parse(readFileSync(ownerFile(db), 'utf8')) as OwnerInfo;
    return Number.isInteger(info.pid) && typeof info.socket === 'string' ? info : null;
  } catch {
    return null;
  }
}

/**
 * The live owner of `db`, if any: its file names a running process whose socket answers.
 * A file naming a dead process is stale, and removed with its socket. A live process whose socket
 * does not answer is starting or stopping: null (the caller then meets its lock and waits).
 */
export async function findOwner(db: string): Promise<OwnerInfo | null> {
  const info = readOwnerFile(db);
  if (!info) return null;
  if (!pidAlive(info.pid)) {
    removeStale(db, info);
    return null;
  }
  return (await answers(info.socket)) ? info : null;
}

/** Writes the owner file atomically (temporary file, then rename). */
export function writeOwnerFile(info: OwnerInfo): void {
  const file = ownerFile(info.db);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(info)}\n`, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Removes the owner file and socket when they are still this owner's. */
export function removeOwnerFile(info: OwnerInfo): void {
  const current = readOwnerFile(info.db);
  if (current && current.pid === info.pid && current.since === info.since) rmSync(ownerFile(info.db), { force: true });
  rmSync(info.socket, { force: true });
}

function removeStale(db: string, info: OwnerInfo): void {
  rmSync(info.socket, { force: true });
  rmSync(ownerFile(db), { force: true });
}

/** Whether something accepts connections on the socket (bounded: 2 s). */
function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(socket);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 2000);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
