/**
 * DuckDB's memory limit for a watch session. DuckDB keeps every block it has written in its buffer
 * pool until the limit forces it out, and its default limit is 80% of the machine's RAM: a watcher
 * appending positions for days would keep its whole `positions` table in memory (about 14 MB per
 * million rows, measured). The watcher only appends and reads back a few recent rows, so a small
 * pool costs it nothing: older blocks are dropped (they are on disk) and the process stays flat.
 */
import { memoryLimit, resetMemoryLimit, setMemoryLimit } from '../query/write/live.ts';
import type { Store } from '../store/store.ts';

export { DEFAULT_WATCH_MEMORY_MB } from './limits.ts';

/**
 * Sets DuckDB's memory limit to `mb` MiB; returns a function restoring the previous one.
 * The setting is global to the database instance (DuckDB refuses it per connection), hence the
 * restore: a store shared with other work (tests, the benchmark) gets its limit back.
 */
export async function limitMemory(store: Store, mb: number): Promise<() => Promise<void>> {
  if (!Number.isFinite(mb) || mb <= 0) throw new RangeError(`memory limit must be a positive number of MiB, found ${mb}`);
  const previous = await memoryLimit(store);
  // SET takes no parameters: the value is a number checked above, never user text.
  await setMemoryLimit(store, mb);
  return async () => {
    // DuckDB prints the limit rounded (18.8 GiB): RESET gives the default back exactly, which is
    // what it was unless someone set another; that one is set again to the printed precision.
    await resetMemoryLimit(store);
    if (previous && (await memoryLimit(store)) !== previous) await setMemoryLimit(store, previous);
  };
}
