import type { LegFilter, LegKind } from '../answers/legs.ts';
import type { MissionFilter } from '../answers/missions.ts';
import type { ParamValues } from './params.ts';

/**
 * The API's query parameters as the answers modules' filters. The API's `to` is the last day,
 * inclusive (`to=2024-07-02` holds 2 July); the modules, like the CLI's `--to`, take the end
 * exclusive, so the day after is passed.
 */
export function legFilter(q: ParamValues): LegFilter {
  return {
    from: q.from as string | undefined,
    to: q.to === undefined ? undefined : dayAfter(String(q.to)),
    kind: q.kind as LegKind | undefined,
    country: q.country as string | undefined,
    aircraft: q.aircraft === undefined ? undefined : [String(q.aircraft)],
    airport: q.airport as string | undefined,
    mission: q.mission as number | undefined,
  };
}

/** Missions under way at any time of the period (the API's reading of from and to). */
export function missionFilter(q: ParamValues): MissionFilter {
  const { from, to, country, aircraft } = legFilter(q);
  return { from, to, country, aircraft, period: 'overlap' };
}

const dayAfter = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString();
