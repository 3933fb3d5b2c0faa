/**
 * Derivations on write: the step every writer ends with (ingest, pull, watch, the API's rebuild,
 * the demo, and any command that opened the store for writing). Work owed is durable: the
 * aircraft whose positions changed are queued in `derive_queue` in the same transaction as the
 * positions, and legs added without a kind (leg histories) have no evidence yet. This step derives
 * the queued aircraft's legs, merges the legs several sources give of one flight (merge.ts), then
 * missions and kinds (rebuildFromPositions → mergeLegs → classifyStore), and
 * only then deletes the queue rows it served. A writer killed half-way leaves the rows, and the
 * next writer completes the work; questions never derive, they read.
 */
import {
  countUnclassifiedLegs, dequeueThrough, queueAircraft, queueSourceAircraft, readQueue,
} from '../query/write/derive-queue.ts';
import type { Store } from '../store/store.ts';
import { classifyStore, type ClassifyResult } from './classify-store.ts';
import { mergeLegs, type MergeResult } from './merge.ts';
import { rebuildFromPositions, type RebuildResult } from './rebuild.ts';

export interface DeriveResult {
  /** Aircraft whose legs were derived again. */
  aircraft: number;
  rebuild: RebuildResult | null;
  /** Legs of several sources made one (and conflicts between sources). */
  merge: MergeResult;
  classification: ClassifyResult;
}

/**
 * Work owed is queued by the writers: `queueSourceAircraft` inside the transaction that stores a
 * source's positions, `queueAircraft` for a live landing (src/query/write/derive-queue.ts).
 */
export { queueAircraft, queueSourceAircraft };

/**
 * Completes every derivation owed, under the store's write lock. Returns null when none was owed.
 * `onLog` hears one line as the step starts.
 */
export async function completeDerivations(store: Store, { onLog = () => undefined }: { onLog?: (message: string) => void } = {}): Promise<DeriveResult | null> {
  if (store.readOnly) return null;
  return store.exclusive(async () => {
    const queued = await readQueue(store);
    const aircraft = queued.aircraft;
    const unclassified = await countUnclassifiedLegs(store);
    if (aircraft.length === 0 && unclassified === 0) return null;
    onLog(aircraft.length > 0 ? `legs: deriving the legs of ${aircraft.length} aircraft, then missions and kinds…` : `legs: classifying ${unclassified} new leg(s)…`);
    await testHold();
    let rebuild: RebuildResult | null = null;
    let classification: ClassifyResult;
    let merge: MergeResult;
    if (aircraft.length > 0) {
      rebuild = await rebuildFromPositions(store, { aircraft });
      ({ classification, merge } = rebuild);
    } else {
      merge = await mergeLegs(store);
      classification = await classifyStore(store);
    }
    // Rows queued after the read above (a landing meanwhile) stay for the next round.
    if (queued.last !== null) await dequeueThrough(store, queued.last);
    return { aircraft: aircraft.length, rebuild, merge, classification };
  });
}

/**
 * Test hook: with CHARTERWATCH_TEST_HOLD_DERIVATION=1 the step stops here for good, after its line
 * is printed, so a test can kill -9 the process in the middle of the legs step.
 */
async function testHold(): Promise<void> {
  if (process.env.CHARTERWATCH_TEST_HOLD_DERIVATION === '1') await new Promise(() => setInterval(() => undefined, 60_000));
}
