import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The project's root folder (where package.json is), wherever it is installed. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A file of the data shipped in the repo, under `data/`. */
export const dataPath = (relative: string) => path.join(projectRoot, 'data', relative);
