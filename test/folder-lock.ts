import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pidAlive } from '../src/store/owner.ts';

/**
 * A lock between test files running at once (npm test runs several): a folder holding its
 * holder's pid. Waits (polling, up to `waitMs`: a bound, not a timing) while a live process holds
 * it, takes over the lock of a holder that is gone, and returns the release.
 */
export async function takeFolderLock(lock: string, { waitMs = 15 * 60_000, what = 'a lock' }: { waitMs?: number; what?: string } = {}): Promise<() => void> {
  const pidFile = `${lock}/pid`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(pidFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(pidFile, 'utf8'));
    } catch {
      // Just made, its pid not written yet.
    }
    if (Number.isInteger(holder) && holder > 0 && !pidAlive(holder)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`waited ${Math.round(waitMs / 60_000)} minutes for ${what} (${lock}, held by PID ${holder})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return () => {
    try {
      if (Number(readFileSync(pidFile, 'utf8')) === process.pid) rmSync(lock, { recursive: true, force: true });
    } catch {
      // Already gone.
    }
  };
}
