import type { Format } from '../format.ts';
import { positionFormats } from './adsb.ts';
import { cbpNationwide, cbpSouthwest } from './cbp-nationwide.ts';
import { designations } from './designations.ts';
import { iceRemovals } from './ice-removals.ts';
import { ohssCsv, ohssWorkbook } from './ohss-khsm.ts';
import { openskyFlights } from './opensky-flights.ts';
import { radarbox } from './radarbox.ts';

/** Every reader, in no particular order: detection asks each how sure it is. */
export const formats: Format[] = [cbpNationwide, cbpSouthwest, ohssWorkbook, ohssCsv, iceRemovals, designations, ...positionFormats, radarbox, openskyFlights];

export const formatByName = (name: string): Format | undefined => formats.find((f) => f.name === name);
