/**
 * The derivation queue (`derive_queue`): the aircraft whose legs are owed, written in the same
 * transaction as their positions and served by src/tracks/derive.ts.
 */
import type { Store } from '../../store/store.ts';

/** Queues the aircraft of a source's positions. */
export async function queueSourceAircraft(store: Store, sourceId: number): Promise<void> {
  await store.run(`INSERT INTO derive_queue (icao24) SELECT DISTINCT icao24 FROM positions WHERE source_id = ?`, [sourceId]);
}

/** Queues aircraft by address (each once). */
export async function queueAircraft(store: Store, aircraft: Iterable<string>): Promise<void> {
  const list = [...new Set(aircraft)];
  if (list.length === 0) return;
  await store.run(`INSERT INTO derive_queue (icao24) VALUES ${list.map(() => '(?)').join(', ')}`, list);
}

/** What the queue holds now: its last row (null when empty) and its aircraft, sorted. */
export async function readQueue(store: Store): Promise<{ last: number | null; aircraft: string[] }> {
  const queued = await store.one<{ last: number | null; aircraft: string[] | null }>(`SELECT max(seq) AS last, list(DISTINCT icao24 ORDER BY icao24) AS aircraft FROM derive_queue`);
  return { last: queued?.last ?? null, aircraft: queued?.aircraft ?? [] };
}

/** Legs not yet classified (no evidence). */
export async function countUnclassifiedLegs(store: Store): Promise<number> {
  return Number(await store.value(`SELECT count(*) FROM legs WHERE evidence IS NULL`));
}

/** Removes the queue's rows up to `last` (rows queued later stay). */
export async function dequeueThrough(store: Store, last: number): Promise<void> {
  await store.run(`DELETE FROM derive_queue WHERE seq <= ?`, [last]);
}
