import { mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pidAlive } from '../store/owner.ts';

/**
 * Where a pull writes each window's reply before DuckDB reads it: a folder next to the database
 * (`positions.duckdb` → `positions.duckdb.pull/`, on the same disk as the data it becomes), or
 * the temp directory for an in-memory store. One file a window in flight, `PID-SOURCE.csv`,
 * removed once the window has committed or rolled back.
 */
export class Staging {
  readonly dir: string;

  constructor(dbPath: string) {
    this.dir = dbPath === ':memory:' ? path.join(tmpdir(), 'charterwatch-pull') : `${dbPath}.pull`;
  }

  /**
   * Creates the folder and removes the files a killed pull left there (their process is gone);
   * files of a pull still running on the same database are left alone.
   */
  open(): void {
    mkdirSync(this.dir, { recursive: true });
    for (const name of readdirSync(this.dir)) {
      const pid = Number(/^(\d+)-\d+\.csv$/.exec(name)?.[1]);
      if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) continue;
      rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /** The file of one window's reply. */
  file(sourceId: number): string {
    return path.join(this.dir, `${process.pid}-${sourceId}.csv`);
  }

  /** Removes the folder if nothing is left in it. */
  close(): void {
    try {
      rmdirSync(this.dir);
    } catch {
      /* another pull's files are still there, or it is already gone */
    }
  }
}
