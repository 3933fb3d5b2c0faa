import { missionExportSql, selectMissions, type MissionFilter, type MissionListing } from '../query/missions.ts';
import type { Sql } from '../query/sql.ts';
import type { Store } from '../store/store.ts';
import type { LegKind } from '../tracks/classify.ts';

export interface MissionView {
  id: number;
  icao24: string | null;
  registration: string | null;
  start: { airport: string | null; time: string | null };
  end: { airport: string | null; time: string | null };
  countries: string[];
  legs: number;
  complete: boolean;
  /** The kinds of its legs, in order. */
  kinds: (LegKind | null)[];
  route: string[];
  /** Its legs are GENERATED (synthetic demo data, not observed). */
  generated: boolean;
}

export { countMissions, type MissionFilter, type MissionListing } from '../query/missions.ts';


/** Missions that start in the period (or overlap it), optionally of one aircraft or visiting one country, oldest first unless asked. */
export async function listMissions(store: Store, filter: MissionFilter = {}, listing: MissionListing = {}): Promise<MissionView[]> {
  return (await selectMissions(store, filter, listing)).map((r) => {
    const ordered = chainOrder(r.legs_of ?? [], r.start_airport);
    return {
      id: r.id,
      icao24: r.icao24,
      registration: r.registration,
      start: { airport: r.start_airport, time: r.start_iso },
      end: { airport: r.end_airport, time: r.end_iso },
      countries: r.countries ?? [],
      legs: r.legs,
      complete: r.complete,
      kinds: ordered.map((l) => l.kind),
      route: [...ordered.map((l) => l.dep ?? '?'), ordered.at(-1)?.arr ?? r.end_airport ?? '?'],
      generated: r.generated === true,
    };
  });
}

interface MissionLeg { kind: LegKind | null; dep: string | null; arr: string | null }

/** A mission's legs in flying order: each from where the one before landed (legs without times sort only so). */
function chainOrder(legs: MissionLeg[], start: string | null): MissionLeg[] {
  const left = [...legs];
  const out: MissionLeg[] = [];
  let at = start;
  while (left.length) {
    const k = Math.max(0, left.findIndex((l) => l.dep === at));
    const [leg] = left.splice(k, 1);
    out.push(leg!);
    at = leg!.arr;
  }
  return out;
}

export function renderMissions(missions: MissionView[]): string {
  if (missions.length === 0) return 'no missions match\n';
  return `${missions
    .map((m) => `${String(m.id).padStart(5)}  ${(m.start.time ?? '').slice(0, 10)}  ${(m.registration ?? m.icao24 ?? '?').padEnd(7)}  ${m.route.join(' → ')}  [${m.countries.join(', ')}]${m.complete ? '' : '  (return not seen)'}${m.generated ? '  GENERATED' : ''}`)
    .join('\n')}\n${missions.length} mission(s)${generatedNote(missions)}; a mission is a chain of legs (flights), counted once however many stops it makes\n`;
}

function generatedNote(missions: MissionView[]): string {
  const made = missions.filter((m) => m.generated).length;
  return made ? `; ${made === missions.length ? 'all' : made} GENERATED (synthetic demo data, not observed)` : '';
}
