import { badInput } from '../../errors.ts';
import { readWholeFile } from '../whole-file.ts';

/**
 * The bytes of a file, gunzipped when they start with the gzip magic (whatever the name says),
 * within the limit of a file read whole (whole-file.ts: a gzip bomb is refused, not unpacked).
 */
export function readMaybeGzip(file: string, shownAs = file): Buffer {
  return readWholeFile(file, shownAs);
}

/** A JSON file (plain or gzip) parsed; a clear error when it is not JSON. */
export function readJsonFile(file: string, shownAs = file): unknown {
  const text = readMaybeGzip(file, shownAs).toString('utf8');
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw badInput(`not valid JSON: ${(error as Error).message}`, shownAs);
  }
}

/** Whether a value is a plain JSON object. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
