import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CharterwatchError, type ErrorCode } from '../errors.ts';

/**
 * Starts `name` (a module next to `from`, given as `import.meta.url`) as a thread with
 * `workerData`: the compiled `name.js` in the build, or `name.ts` run from the sources (tests,
 * benchmarks), where the thread first registers tsx as the main thread has it.
 */
export function startThread(from: string, name: string, workerData: unknown): Worker {
  const own = fileURLToPath(from);
  const script = path.join(path.dirname(own), `${name}${path.extname(own)}`);
  if (path.extname(own) !== '.ts') return new Worker(script, { workerData });
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(script).href)}); })`, { eval: true, workerData });
}

/** An error as a thread sends it: a CharterwatchError keeps its code, file and line. */
export interface ThreadError {
  code: ErrorCode | null;
  message: string;
  file?: string;
  line?: number;
}

/** What a thread posts when what it was doing failed (its last message). */
export function threadError(error: unknown): { error: ThreadError } {
  if (error instanceof CharterwatchError) return { error: { code: error.code, message: error.message, file: error.file, line: error.line } };
  return { error: { code: null, message: (error as Error)?.message ?? String(error) } };
}

/**
 * A thread's answer: `onMessage` sees each message the thread posts and returns `{ answer }` for
 * its last. A message `{ error }` (threadError) rejects with that error as it was thrown; so does
 * `onMessage` throwing (the thread is then stopped), a thread that fails, or one that stops
 * without an answer (`what` names it).
 */
export function threadAnswer<M, T>(worker: Worker, what: string, onMessage: (message: M) => { answer: T } | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      done();
    };
    worker.on('message', (message: M | { error: ThreadError }) => {
      if (settled) return;
      if (message !== null && typeof message === 'object' && 'error' in message) {
        const e = (message as { error: ThreadError }).error;
        settle(() => reject(e.code === null ? new Error(e.message) : new CharterwatchError(e.code, e.message, { file: e.file, line: e.line })));
        return;
      }
      try {
        const done = onMessage(message as M);
        if (done) settle(() => resolve(done.answer));
      } catch (error) {
        void worker.terminate();
        settle(() => reject(error));
      }
    });
    worker.once('error', (error) => settle(() => reject(error)));
    worker.once('exit', (code) => settle(() => reject(new Error(`${what} stopped (exit ${code}) without an answer`))));
  });
}
