import type { LegFilter, LegKind } from '../answers/legs.ts';
import { LEG_KINDS } from '../tracks/kinds.ts';
import { instant, type Param, type Values } from './declare.ts';

/**
 * The leg filter, declared once for every question over legs (legs, missions, flights count,
 * flights monthly) and read into the answers' LegFilter by `legFilterOf`. A period is `from`
 * (inclusive) to `to` (exclusive), on the command line and in the API alike.
 */
export const FROM: Param = { name: 'from', type: 'date', help: 'first day (UTC), inclusive: 2024-06-04, or an ISO time' };
export const TO: Param = { name: 'to', type: 'date', help: 'end of the period (UTC), exclusive: 2024-07-03 counts up to the end of 2 July' };
export const KIND: Param = { name: 'kind', type: 'enum', values: LEG_KINDS, help: 'leg kind' };
export const COUNTRY: Param = { name: 'country', type: 'country', help: 'either end in this country (ISO code or name: CN, China)' };
export const AIRCRAFT: Param = { name: 'aircraft', type: 'aircraft', cli: { placeholder: 'ids' }, help: 'ICAO addresses or registrations, comma-separated: a960a9,N703KW' };
export const AIRPORT: Param = { name: 'airport', type: 'airport', help: 'ICAO airport code at either end: KAEX' };
export const MISSION: Param = { name: 'mission', type: 'integer', min: 1, max: 999_999_999, cli: { placeholder: 'id' }, help: 'the legs of one mission (its id)' };

/** Rows a page holds and rows skipped: the API pages lists (100 a page), the command line prints them whole unless told. */
export const MAX_PAGE = 1000;
export const LIMIT: Param = { name: 'limit', type: 'integer', min: 1, max: MAX_PAGE, api: { default: 100 }, cli: { placeholder: 'n' }, help: `rows at most (at most ${MAX_PAGE}; without it the command line lists every row)` };
export const OFFSET: Param = { name: 'offset', type: 'integer', min: 0, max: 10_000_000, default: 0, cli: { placeholder: 'n' }, help: 'rows to skip' };

export const LEG_FILTER: readonly Param[] = [FROM, TO, KIND, COUNTRY, AIRCRAFT, AIRPORT, MISSION];

/** The answers' filter for the values of LEG_FILTER's parameters (those a question declares). */
export function legFilterOf(v: Values): LegFilter {
  return {
    from: instant(v.from),
    to: instant(v.to),
    kind: v.kind as LegKind | undefined,
    country: v.country as string | undefined,
    aircraft: v.aircraft as string[] | undefined,
    airport: v.airport as string | undefined,
    mission: v.mission as number | undefined,
  };
}
