import type { Format } from '../format.ts';
import { aircraftJson, aircraftJsonFolder } from './aircraft-json.ts';
import { openskyCsv, openskyTar } from './opensky-csv.ts';
import { openskyParquet } from './opensky-parquet.ts';
import { readsbGlobe, readsbTrace } from './readsb-trace.ts';
import { sbs } from './sbs.ts';
import { trafficJson } from './traffic-json.ts';

/** The ADS-B position readers (target `positions`). */
export const positionFormats: Format[] = [openskyCsv, openskyTar, openskyParquet, readsbTrace, readsbGlobe, aircraftJson, aircraftJsonFolder, sbs, trafficJson];
