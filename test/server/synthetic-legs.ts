import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { airportByCode } from '../../src/airports/airports.ts';
import type { Store } from '../../src/store/store.ts';
import { seeded } from '../../src/generate/random.ts';

// The places and fleet are fixed here (not taken from src/generate/) so that the tests' exact figures do not move when the generator changes.
const STAGING = ['KAEX', 'KBRO', 'KHRL', 'KELP', 'KIAH', 'KSAT', 'KMIA', 'KYKM', 'KBFI', 'KPHX', 'KIWA', 'KLRD', 'KSHV'];
const REGIONS = [
  { destinations: ['MGGT', 'MHTG', 'MHPR', 'MSLP'] },
  { destinations: ['MDSD', 'MTPP', 'MKJP'] },
  { destinations: ['SKBO', 'SEQM', 'SPJC', 'SVMI'] },
  { destinations: ['DNMM', 'GOBD', 'HAAB'] },
  { destinations: ['ZBAA', 'ZSPD', 'VIDP'] },
];
// FICTIONAL operators and callsign prefixes (as the generator's own, src/generate/operators.ts): synthetic legs name no real airline.
const TYPES = [
  { type: 'B734', operators: ['Generated Charter A', 'Generated Charter E'], prefix: ['GNA'] },
  { type: 'B738', operators: ['Generated Charter A', 'Generated Charter B', 'Generated Charter F'], prefix: ['GNA', 'GNB', 'GNF'] },
  { type: 'A320', operators: ['Generated Charter D', 'Generated Charter G'], prefix: ['GND', 'GNG'] },
  { type: 'B763', operators: ['Generated Charter C', 'Generated Charter H'], prefix: ['GNC', 'GNH'] },
  { type: 'MD83', operators: ['Generated Charter B'], prefix: ['GNB'] },
  { type: 'E145', operators: ['Generated Charter D', 'Generated Charter J'], prefix: ['GND', 'GNJ'] },
];

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/**
 * Seeded synthetic legs and missions written straight into the `legs` and `missions` tables,
 * labelled generated, for API tests and the API benchmark: `days` days from `from`, about
 * `missionsPerDay` removal missions (out, foreign stops, back) and as many domestic transfers.
 * `firstId` sets the first leg and mission id, so the legs can go into a store that holds others.
 */
export async function writeSyntheticLegs(store: Store, { seed = 7, from = '2024-01-01', days = 366, missionsPerDay = 4, aircraft = 40, firstId = 1 } = {}): Promise<{ legs: number; missions: number }> {
  const rand = seeded(seed);
  const fleet = Array.from({ length: aircraft }, (_, i) => {
    const t = TYPES[i % TYPES.length]!;
    return { icao24: (0xa00000 + i * 97).toString(16), registration: `N${100 + i}CW`, type: t.type, operator: t.operators[i % t.operators.length]!, prefix: t.prefix[0]! };
  });
  await store.run(`INSERT INTO sources (id, path, format, sha256, bytes, rows_read, rows_kept, rows_rejected, loaded_at, generated)
    VALUES (9001, 'generated:synthetic-legs', 'generated-legs', ?, 0, 0, 0, 0, now(), true)`, [`synthetic-${seed}-${days}-${missionsPerDay}`]);
  const legLines: string[] = [];
  const missionLines: string[] = [];
  // firstId: where leg and mission ids start, above those of legs already in the store (real ones beside the generated).
  let legId = firstId - 1;
  let missionId = firstId - 1;
  const start = Date.parse(`${from}T00:00:00Z`);
  const country = (code: string) => airportByCode(code)?.country ?? null;
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const leg = (ac: (typeof fleet)[number], dep: string, arr: string, t: number, kind: string, mission: number | null) => {
    const hours = 1.5 + rand() * 4;
    legLines.push([++legId, 'adsb', 9001, true, ac.icao24, ac.registration, ac.type, ac.operator, `${ac.prefix}${1000 + Math.floor(rand() * 8999)}`,
      dep, country(dep), iso(t), 'observed', arr, country(arr), iso(t + hours * 3.6e6), rand() < 0.9 ? 'observed' : 'inferred', '', kind, `synthetic ${kind}`, mission ?? '', ''].join(','));
    return t + hours * 3.6e6 + (1 + rand() * 2) * 3.6e6;
  };
  for (let day = 0; day < days; day++) {
    const dayStart = start + day * 86_400_000;
    for (let k = 0; k < missionsPerDay; k++) {
      const ac = fleet[Math.floor(rand() * fleet.length)]!;
      const region = REGIONS[rand() < 0.6 ? 0 : Math.floor(rand() * REGIONS.length)]!;
      const base = pick(rand, STAGING);
      const dest = pick(rand, region.destinations);
      const id = ++missionId;
      let t = dayStart + (6 + rand() * 10) * 3.6e6;
      const startT = t;
      t = leg(ac, base, dest, t, 'removal', id);
      t = leg(ac, dest, base, t, 'return', id);
      missionLines.push([id, ac.icao24, ac.registration, iso(startT), iso(t), base, base, `"[${country(dest)}]"`, 2, true].join(','));
      const other = pick(rand, STAGING.filter((s) => s !== base));
      leg(ac, base, other, dayStart + rand() * 20 * 3.6e6, 'domestic', null);
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'charterwatch-synthetic-'));
  try {
    writeFileSync(path.join(dir, 'legs.csv'), `${legLines.join('\n')}\n`);
    writeFileSync(path.join(dir, 'missions.csv'), `${missionLines.join('\n')}\n`);
    await store.run(`INSERT INTO legs (id, origin, source_id, generated, icao24, registration, aircraft_type, operator, callsign, dep_airport, dep_country, dep_time, dep_status,
        arr_airport, arr_country, arr_time, arr_status, leg_date, kind, evidence, mission_id, line)
      SELECT * FROM read_csv(?, header = false, auto_detect = false, columns = {
        'id': 'BIGINT', 'origin': 'VARCHAR', 'source_id': 'INTEGER', 'generated': 'BOOLEAN', 'icao24': 'VARCHAR', 'registration': 'VARCHAR', 'aircraft_type': 'VARCHAR',
        'operator': 'VARCHAR', 'callsign': 'VARCHAR', 'dep_airport': 'VARCHAR', 'dep_country': 'VARCHAR', 'dep_time': 'TIMESTAMPTZ', 'dep_status': 'VARCHAR',
        'arr_airport': 'VARCHAR', 'arr_country': 'VARCHAR', 'arr_time': 'TIMESTAMPTZ', 'arr_status': 'VARCHAR', 'leg_date': 'DATE', 'kind': 'VARCHAR', 'evidence': 'VARCHAR',
        'mission_id': 'BIGINT', 'line': 'BIGINT'})`, [path.join(dir, 'legs.csv')]);
    await store.run(`INSERT INTO missions (id, icao24, registration, start_time, end_time, start_airport, end_airport, countries, legs, complete)
      SELECT id, icao24, registration, start_time, end_time, start_airport, end_airport, countries::VARCHAR[], legs, complete FROM read_csv(?, header = false, auto_detect = false, quote = '"', columns = {
        'id': 'BIGINT', 'icao24': 'VARCHAR', 'registration': 'VARCHAR', 'start_time': 'TIMESTAMPTZ', 'end_time': 'TIMESTAMPTZ', 'start_airport': 'VARCHAR', 'end_airport': 'VARCHAR',
        'countries': 'VARCHAR', 'legs': 'INTEGER', 'complete': 'BOOLEAN'})`, [path.join(dir, 'missions.csv')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { legs: legId - firstId + 1, missions: missionId - firstId + 1 };
}
