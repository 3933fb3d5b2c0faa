import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

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
