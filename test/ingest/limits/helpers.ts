import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { cliBin as BIN } from '../../helpers.ts';

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child, MB, as GNU time measures it. */
  peakMb: number;
}

/**
 * Runs the CLI in a child process under GNU time (`/usr/bin/time -v`), so that the test measures
 * the real peak resident memory of the whole process (DuckDB's included), not a JS heap figure.
 */
export function runCliMeasured(args: string[], env: Record<string, string> = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      if (!kb) return reject(new Error(`no "Maximum resident set size" from /usr/bin/time: ${stderr.slice(-500)}`));
      const exit = /Exit status: (\d+)/.exec(stderr);
      resolve({ code: exit ? Number(exit[1]) : code, stdout, stderr: stderr.split(/\n(?:Command exited|Command terminated|\tCommand being timed)/)[0]!, peakMb: Number(kb[1]) / 1024 });
    });
  });
}

/**
 * Writes a gzip file whose start is `head` and which unpacks to `mib` MiB more of `fill`: gzip
 * members may follow each other, so one member of 1 MiB of the same byte, repeated, makes a
 * file of about 1 KB per MiB unpacked, written in a blink.
 */
export function writeGzipBomb(file: string, head: string, mib: number, fill = ' '): number {
  const member = gzipSync(Buffer.alloc(1024 * 1024, fill), { level: 9 });
  const parts = [gzipSync(Buffer.from(head)), ...Array.from({ length: mib }, () => member)];
  const bytes = Buffer.concat(parts);
  writeFileSync(file, bytes);
  return bytes.length;
}
