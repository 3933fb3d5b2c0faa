import type { Register } from '../context.ts';
import { registerDemo } from './demo.ts';
import { registerEncounters } from './encounters.ts';
import { registerIngest } from './ingest.ts';
import { registerPull } from './pull.ts';
import { registerSources } from './sources.ts';
import { registerStatistics } from './statistics.ts';
import { registerWatch } from './watch.ts';

/** Every command module, in the order `--help` lists them. */
export const commands: Register[] = [registerDemo, registerIngest, registerPull, registerSources, registerEncounters, registerStatistics, registerWatch];
