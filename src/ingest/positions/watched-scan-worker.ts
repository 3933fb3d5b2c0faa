import { parentPort, workerData } from 'node:worker_threads';
import { threadError } from '../thread.ts';
import { IN_FLIGHT, scanRange, type RangeFound, type RangeMessage, type ScanRange, type WatchedMatch } from './watched-scan.ts';

// The thread watched-scan.ts starts for one range of a large file: sends its found lines in
// batches (no more than IN_FLIGHT waiting to be taken), then its count of lines (or the error
// that stopped it).
const { range, match, taken } = workerData as { range: ScanRange; match: WatchedMatch; taken: Int32Array };
const send = (m: RangeMessage) => parentPort!.postMessage(m);
let sent = 0;
/** Sends a batch once fewer than IN_FLIGHT sent batches are still waiting to be taken. */
const sendFound = (found: RangeFound) => {
  for (let seen = Atomics.load(taken, 0); sent - seen >= IN_FLIGHT; seen = Atomics.load(taken, 0)) Atomics.wait(taken, 0, seen, 1000);
  sent++;
  send({ found });
};
try {
  send({ done: scanRange(range, match, sendFound) });
} catch (error) {
  parentPort!.postMessage(threadError(error));
}
