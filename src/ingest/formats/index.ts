import type { Format } from '../format.ts';
import { cbpNationwide, cbpSouthwest } from './cbp-nationwide.ts';

/** Every reader, in no particular order: detection asks each how sure it is. */
export const formats: Format[] = [cbpNationwide, cbpSouthwest];

export const formatByName = (name: string): Format | undefined => formats.find((f) => f.name === name);
