import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';
import { CharterwatchError } from '../errors.ts';

/** The dashboard's files: src/web/. Nothing outside it is ever served. */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const notFound = (name: string) => new CharterwatchError('NOT_FOUND', `no such file: ${name.slice(0, 100).replace(/[\u0000-\u001f]/g, '?')}`);

/**
 * Serves one file of WEB_ROOT. The name must be plain (letters, digits, dot, dash, underscore and
 * slashes, no `..` segment, a known extension), and the resolved real path, symbolic links
 * followed, must still be inside WEB_ROOT.
 */
export async function serveWebFile(c: Context, name: string): Promise<Response> {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9_./-]{0,100}$/.test(name) || name.split('/').some((s) => s === '..' || s === '.' || s === '')) throw notFound(name);
  const type = TYPES[path.extname(name)];
  if (!type) throw notFound(name);
  let real: string;
  try {
    real = await realpath(path.join(WEB_ROOT, name));
  } catch {
    throw notFound(name);
  }
  if (!real.startsWith(WEB_ROOT + path.sep)) throw notFound(name);
  const body = await readFile(real);
  c.header('Content-Type', type);
  c.header('Cache-Control', 'no-cache');
  return c.body(body);
}
