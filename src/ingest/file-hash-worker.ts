import { parentPort, workerData } from 'node:worker_threads';
import { hashFile } from './file-hash.ts';
import { threadError } from './thread.ts';

// The thread file-hash.ts starts for a large file: hashes it and sends back the hash or the error.
const { file } = workerData as { file: string };
try {
  parentPort!.postMessage({ sha256: await hashFile(file) });
} catch (error) {
  parentPort!.postMessage(threadError(error));
}
