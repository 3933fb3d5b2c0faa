/**
 * The `meta` table's keys other than the schema version (which src/store/store.ts keeps), and
 * the checkpoint a finished build asks for.
 */
import type { Store } from '../../store/store.ts';

/** A `meta` value, or undefined. */
export function metaValue(store: Store, key: string): Promise<string | undefined> {
  return store.value<string>(`SELECT value FROM meta WHERE key = ?`, [key]);
}

/** Sets a `meta` value. */
export async function setMeta(store: Store, key: string, value: string): Promise<void> {
  await store.run(`INSERT OR REPLACE INTO meta VALUES (?, ?)`, [key, value]);
}

/** Writes the write-ahead log into the database file (a finished build then stands alone as one file). */
export async function checkpoint(store: Store): Promise<void> {
  await store.run('CHECKPOINT');
}
