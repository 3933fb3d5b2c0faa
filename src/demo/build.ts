import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CharterwatchError } from '../errors.ts';
import { importDefaultFleet } from '../fleet/csv-import.ts';
import { generateTraffic, writeTraffic } from '../generate/index.ts';
import { ingestPaths, type SourceSummary } from '../ingest/ingest.ts';
import { dataPath } from '../paths.ts';
import { DEMO_DB } from './demo-db.ts';
import { checkpoint, metaValue, setMeta } from '../query/write/meta.ts';
import { findOwner } from '../store/owner.ts';
import { Store, StoreBusyError } from '../store/store.ts';
import { completeDerivations } from '../tracks/derive.ts';
import { entryFor, putAircraft } from '../fleet/registry.ts';

/** The demo's own file unless `--db` names another: never the database every other command uses by default. */
export { DEMO_DB };

/** The real public data shipped in the repo that the demo loads, in order. */
export const DEMO_FILES = [
  'stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz',
  'stats/cbp-southwest-encounters-fy22-fy25-aug.csv',
  'stats/ohss-khsm-usbp-encounters-fy25m11.xlsx',
  'stats/ice-removals-by-citizenship-fy2017-fy2018.csv',
  'stats/ice-removals-by-citizenship-fy2019-fy2024.csv',
  'designations/ice-uncooperative-countries.csv',
  'demo/radarbox-swiftair-worldatlantic-2020-01-12_2020-04-27.csv.gz',
];

/**
 * The generated part of the demo: a summer of 2024 for a small fleet, seeded, with the removal
 * mission to China around 2 July 2024 (KAEX → PANC → ZBAA and back). Marked as generated in the
 * store (its `sources` row and every leg) and in every output that shows it.
 */
export const DEMO_TRAFFIC = { seed: 2024, from: '2024-05-01', to: '2024-08-01', aircraft: 10, stepSeconds: 20 } as const;


/** The `meta` row that marks a file the demo made: the only kind of file it replaces. */
const MADE_BY = { key: 'made_by', value: 'charterwatch demo' } as const;

/**
 * Refuses to replace a file the demo did not make (or one a running charterwatch holds). A file
 * that is not there, or that carries the demo's mark, may be replaced.
 */
export async function checkDemoTarget(dbPath: string): Promise<void> {
  const where = path.resolve(dbPath);
  if (!existsSync(where)) return;
  const owner = await findOwner(where);
  const inUse = (who: string) => new CharterwatchError('STORE', `${where} is in use by ${who}: stop it before rebuilding the demo there, or give the demo another file with --db PATH`);
  if (owner) throw inUse(`PID ${owner.pid} (${owner.command})`);
  let mark: string | undefined;
  try {
    const store = await Store.open(where, { readOnly: true });
    try {
      mark = await metaValue(store, MADE_BY.key);
    } finally {
      store.close();
    }
  } catch (error) {
    if (error instanceof StoreBusyError) throw inUse(error.holderPid ? `PID ${error.holderPid}` : 'another process');
    mark = undefined;
  }
  if (mark !== MADE_BY.value) {
    throw new CharterwatchError('STORE', `${where} exists and was not made by the demo, so the demo leaves it as it is: give the demo another file with --db PATH (its own is ${DEMO_DB})`);
  }
}

export interface DemoOptions {
  dbPath: string;
  onLog?: (message: string) => void;
}

export interface DemoBuild {
  sources: SourceSummary[];
  fleet: number;
  positions: number;
  legs: number;
}

/**
 * Builds the demo database from the data shipped in the repo. It is built beside the target
 * and moved into place only when complete, so a failed or killed build leaves no half file; it
 * replaces only a file the demo made (checkDemoTarget), and marks its own in `meta`.
 */
export async function buildDemo({ dbPath, onLog = () => undefined }: DemoOptions): Promise<DemoBuild> {
  await checkDemoTarget(dbPath);
  const building = `${dbPath}.building`;
  for (const f of [building, `${building}.wal`]) rmSync(f, { force: true });
  const store = await Store.open(building);
  let result: DemoBuild;
  try {
    onLog(`building the demo database ${path.resolve(dbPath)} (its own file) from the data shipped in the repo…`);
    const sources = await ingestPaths(store, DEMO_FILES.map(dataPath), { onWarning: (m) => onLog(`warning: ${m}`) });
    const fleet = await importDefaultFleet(store);
    onLog(`fleet: ${fleet.aircraft} aircraft from the shipped candidate list${fleet.disagreements.length ? ` (${fleet.disagreements.length} published addresses or claims disagree: see "charterwatch fleet list")` : ''}`);
    onLog(`generating traffic for ${DEMO_TRAFFIC.aircraft} aircraft, ${DEMO_TRAFFIC.from} to ${DEMO_TRAFFIC.to} (GENERATED, seed ${DEMO_TRAFFIC.seed})…`);
    const fleetOf = generateTraffic({ ...DEMO_TRAFFIC, to: DEMO_TRAFFIC.from }).aircraft;
    // The generator's aircraft (GEN-01…, addresses from ICAO's reserved block: no real aircraft
    // has them), entered in the registry as generated, so legs get registration, type and
    // operator; watching leaves them out (src/fleet/generated.ts).
    const aircraft = fleetOf;
    await putAircraft(
      store,
      aircraft.map((a) => entryFor({ registration: a.registration, icao24: a.icao24, icaoType: a.type, operator: a.operator, source: 'GENERATED demo aircraft (fictional registration and address, not a claim about a real aircraft)', typeSource: 'generator', operatorSource: 'generator' })),
    );
    const traffic = generateTraffic({ ...DEMO_TRAFFIC, aircraft });
    const positions = await writeTraffic(store, traffic, { label: `generated:summer-2024 seed ${DEMO_TRAFFIC.seed}` });
    // The step every writer ends with: legs of the positions written, then missions and kinds.
    const derived = await completeDerivations(store);
    await setMeta(store, MADE_BY.key, MADE_BY.value);
    await checkpoint(store);
    result = { sources, fleet: fleet.aircraft, positions, legs: derived?.rebuild?.legs.legs ?? 0 };
  } finally {
    store.close();
  }
  for (const f of [dbPath, `${dbPath}.wal`]) if (existsSync(f)) rmSync(f);
  renameSync(building, dbPath);
  return result;
}
