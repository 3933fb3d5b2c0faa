import { parentPort, workerData } from 'node:worker_threads';
import { CharterwatchError } from '../errors.ts';
import { hashFile, type HashReply } from './file-hash.ts';

// The thread file-hash.ts starts for a large file: hashes it and sends back the hash or the error.
const { file } = workerData as { file: string };
let reply: HashReply;
try {
  reply = { sha256: await hashFile(file) };
} catch (error) {
  reply =
    error instanceof CharterwatchError
      ? { error: { code: error.code, message: error.message, file: error.file, line: error.line } }
      : { error: { code: null, message: (error as Error).message ?? String(error) } };
}
parentPort!.postMessage(reply);
