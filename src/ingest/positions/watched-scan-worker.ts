import { parentPort, workerData } from 'node:worker_threads';
import { threadError } from '../thread.ts';
import { scanRange, type RangeMessage, type ScanRange, type WatchedMatch } from './watched-scan.ts';

// The thread watched-scan.ts starts for one range of a large file: sends its found lines in
// batches, then its count of lines (or the error that stopped it).
const { range, match } = workerData as { range: ScanRange; match: WatchedMatch };
const send = (m: RangeMessage) => parentPort!.postMessage(m);
try {
  send({ done: scanRange(range, match, (found) => send({ found })) });
} catch (error) {
  parentPort!.postMessage(threadError(error));
}
