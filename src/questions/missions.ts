import type { MissionView } from '../answers/missions.ts';
import { declare, instant } from './declare.ts';
import { AIRCRAFT, COUNTRY, FROM, LIMIT, OFFSET, TO } from './leg-filter.ts';

export const MISSION_OUTPUTS = ['text', 'json', 'csv', 'geojson', 'kml', 'parquet'] as const;

/** Missions (one aircraft from a US airport, through foreign stops, back): `charterwatch missions`, `GET /api/missions`. */
export const missionsQuestion = declare<MissionView[]>({
  name: 'missions',
  summary: 'Missions: one aircraft leaving a US airport, through its foreign stops, and back to the US',
  params: [
    FROM,
    TO,
    { ...COUNTRY, help: 'missions visiting this country (ISO code or name)' },
    AIRCRAFT,
    { name: 'period', type: 'enum', values: ['start', 'overlap'], default: 'start', help: 'which missions a period holds: those that start in it (start), or those under way at any time of it (overlap)' },
    LIMIT,
    OFFSET,
    { name: 'order', type: 'enum', values: ['oldest', 'newest'], cli: { default: 'oldest' }, api: { default: 'newest' }, help: 'oldest or newest first' },
    { name: 'format', type: 'enum', values: MISSION_OUTPUTS, cli: { default: 'text' }, api: { default: 'json', values: () => ['json'] }, help: 'output format (parquet: to the file --out names)' },
    { name: 'out', type: 'file', api: false, help: 'with --format parquet: the file to write' },
  ],
  formats: MISSION_OUTPUTS,
  path: '/api/missions',
  ask: async (store, v) => {
    const { listMissions } = await import('../answers/missions.ts');
    return listMissions(store, missionFilterOf(v), { newestFirst: v.order === 'newest', limit: v.limit as number | undefined, offset: v.offset as number | undefined });
  },
  write: {
    text: async (m) => (await import('../answers/missions.ts')).renderMissions(m),
    csv: async (m) => (await import('../format/missions.ts')).missionsAs('csv', m) as string,
    geojson: async (m) => (await import('../format/missions.ts')).missionsAs('geojson', m) as string,
    kml: async (m) => (await import('../format/missions.ts')).missionsAs('kml', m) as string,
    parquet: async (m) => (await import('../format/missions.ts')).missionsAs('parquet', m),
  },
});

export function missionFilterOf(v: Record<string, unknown>) {
  return {
    from: instant(v.from as string | undefined),
    to: instant(v.to as string | undefined),
    country: v.country as string | undefined,
    aircraft: v.aircraft as string[] | undefined,
    period: v.period as 'start' | 'overlap' | undefined,
  };
}
