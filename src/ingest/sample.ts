import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { badInput } from '../errors.ts';
import type { Sample } from './format.ts';
import { hashFileAside } from './file-hash.ts';

const HEAD_BYTES = 64 * 1024;

/** Reads what detection needs of a file or folder: never the whole input. */
export async function takeSample(inputPath: string): Promise<Sample> {
  const stat = statSync(inputPath);
  const name = path.basename(inputPath).toLowerCase();
  if (stat.isDirectory()) {
    const entries = readdirSync(inputPath, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
    return { path: inputPath, name, isDirectory: true, entries, gzip: false, zip: false, tar: false, head: Buffer.alloc(0), text: '', firstLine: '' };
  }
  const raw = readStart(inputPath, HEAD_BYTES);
  const gzip = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  const zip = raw.length >= 4 && raw[0] === 0x50 && raw[1] === 0x4b && raw[2] === 0x03 && raw[3] === 0x04;
  const head = gzip ? await gunzipStart(inputPath, HEAD_BYTES) : raw;
  if (gzip && head.length === 0 && stat.size > 20) {
    throw badInput('corrupt gzip data: nothing could be decompressed from its start; nothing of it was loaded', inputPath);
  }
  const tar = head.length > 262 && head.subarray(257, 262).toString('latin1') === 'ustar';
  let text = head.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return { path: inputPath, name, isDirectory: false, entries: [], gzip, zip, tar, head, text, firstLine };
}

function readStart(file: string, bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const n = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** The first `bytes` of a gzip file's content; a truncated or corrupt stream yields what could be read. */
function gunzipStart(file: string, bytes: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const source = createReadStream(file);
    const gunzip = createGunzip();
    const finish = () => {
      source.destroy();
      gunzip.destroy();
      resolve(Buffer.concat(chunks).subarray(0, bytes));
    };
    gunzip.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= bytes) finish();
    });
    gunzip.on('end', finish);
    gunzip.on('error', finish);
    source.on('error', finish);
    source.pipe(gunzip);
  });
}

/**
 * SHA-256 of a file's bytes, or of a folder as the sorted list of its files' relative paths and
 * hashes, sub-folders included (a readsb globe_history day keeps its traces in sub-folders).
 */
export async function hashInput(inputPath: string): Promise<{ sha256: string; bytes: number }> {
  const stat = statSync(inputPath);
  if (!stat.isDirectory()) return { sha256: await hashFileAside(inputPath), bytes: stat.size };
  const hash = createHash('sha256');
  let bytes = 0;
  for (const relative of listFiles(inputPath)) {
    const full = path.join(inputPath, relative);
    hash.update(`${relative}\0${await hashFileAside(full)}\n`);
    bytes += statSync(full).size;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Every file under a folder, as sorted relative paths with '/' separators. */
function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out.sort();
}
