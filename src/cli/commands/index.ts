import type { Register } from '../context.ts';
import { registerClaims } from './claims.ts';
import { registerClassify } from './classify.ts';
import { registerDemo } from './demo.ts';
import { registerEncounters } from './encounters.ts';
import { registerFleet } from './fleet.ts';
import { registerFlights } from './flights.ts';
import { registerIngest } from './ingest.ts';
import { registerLegs } from './legs.ts';
import { registerMissions } from './missions.ts';
import { registerPassengers } from './passengers.ts';
import { registerPull } from './pull.ts';
import { registerServe } from './serve.ts';
import { registerSources } from './sources.ts';
import { registerStatistics } from './statistics.ts';
import { registerWatch } from './watch.ts';
import { registerReports } from './reports.ts';
import { registerTracks } from './tracks.ts';

/** Every command module, in the order `--help` lists them. */
export const commands: Register[] = [registerDemo, registerIngest, registerPull, registerSources, registerFleet, registerTracks, registerClassify, registerLegs, registerMissions, registerFlights, registerPassengers, registerEncounters, registerStatistics, registerClaims, registerReports, registerWatch, registerServe];
