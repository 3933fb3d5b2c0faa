import type { Register } from '../context.ts';
import { registerIngest } from './ingest.ts';

/** Every command module, in the order `--help` lists them. */
export const commands: Register[] = [registerIngest];
