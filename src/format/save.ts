import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file whole or not at all: into a temporary file beside it, then renamed into place,
 * so a failed or killed write leaves no half file (and the file it replaces intact).
 */
export function saveFile(file: string, data: string | Uint8Array): void {
  const target = path.resolve(file);
  const partial = `${target}.part-${process.pid}`;
  try {
    writeFileSync(partial, data);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
}
