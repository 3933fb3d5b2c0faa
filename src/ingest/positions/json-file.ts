import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { badInput } from '../../errors.ts';

/** The bytes of a file, gunzipped when they start with the gzip magic (whatever the name says). */
export function readMaybeGzip(file: string, shownAs = file): Buffer {
  const raw = readFileSync(file);
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (error) {
      throw badInput(`corrupt or truncated gzip data (${(error as Error).message}); nothing of it was loaded`, shownAs);
    }
  }
  return raw;
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
