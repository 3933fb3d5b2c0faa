/**
 * How a command gets at the database: through its owner when one runs (the command is then sent
 * there, src/store/remote.ts), else by opening the file itself (questions read-only, writers
 * read-write). A file locked by a process that does not speak the protocol (another program, an
 * older charterwatch, a question reading it right now) makes the command wait, saying who holds
 * it, until the lock is released or `waitSeconds` have passed. It never fails at once.
 */
import path from 'node:path';
import { CharterwatchError } from '../errors.ts';
import { findOwner, readOwnerFile, type OwnerInfo } from './owner.ts';
import { Store, StoreBusyError } from './store.ts';

export interface AcquireOptions {
  readOnly: boolean;
  /** Refuse a missing file even for writing. */
  mustExist?: boolean;
  /** Longest wait for a lock held by another process, seconds; undefined waits as long as it takes. */
  waitSeconds?: number;
  /** Told once when the command starts waiting. */
  onWait?: (message: string) => void;
}

export type Acquired = { store: Store } | { owner: OwnerInfo };

/** Between two looks at a busy file, ms. */
const RETRY_MS = 200;

export async function acquireStore(db: string, { readOnly, mustExist = false, waitSeconds, onWait = () => undefined }: AcquireOptions): Promise<Acquired> {
  const deadline = waitSeconds === undefined ? Infinity : Date.now() + waitSeconds * 1000;
  let told = false;
  for (;;) {
    if (db !== ':memory:') {
      const owner = await findOwner(db);
      if (owner) return { owner };
    }
    try {
      return { store: await Store.open(db, { readOnly, mustExist }) };
    } catch (error) {
      if (!(error instanceof StoreBusyError)) throw error;
      const holder = describeHolder(db, error.holderPid);
      if (!told) {
        told = true;
        onWait(`database ${path.resolve(db)} is in use by ${holder}; waiting for it${waitSeconds === undefined ? ' (--wait SECONDS bounds the wait)' : ` up to ${waitSeconds} s`}`);
      }
      if (Date.now() >= deadline) {
        throw new CharterwatchError('STORE', `database ${path.resolve(db)} is in use by ${holder}; gave up after waiting ${waitSeconds} s (--wait)`);
      }
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(RETRY_MS, deadline - Date.now()))));
    }
  }
}

/** "PID 123 (charterwatch watch …)" when the owner file names it, else what DuckDB said. */
function describeHolder(db: string, pid: number | null): string {
  const info = readOwnerFile(db);
  if (info && (pid === null || info.pid === pid)) return `PID ${info.pid} (${info.command})`;
  return pid ? `PID ${pid}` : 'another process';
}
