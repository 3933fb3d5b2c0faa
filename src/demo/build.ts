import { existsSync, renameSync, rmSync } from 'node:fs';
import { importDefaultFleet } from '../fleet/csv-import.ts';
import { generateTraffic, writeTraffic } from '../generate/index.ts';
import { ingestPaths, type SourceSummary } from '../ingest/ingest.ts';
import { dataPath } from '../paths.ts';
import { Store } from '../store/store.ts';
import { rebuildFromPositions } from '../tracks/rebuild.ts';
import { icao24FromRegistration } from '../fleet/nnumber.ts';
import { entryFor, putAircraft } from '../fleet/registry.ts';

/** The real public data shipped in the repo that the demo loads, in order. */
export const DEMO_FILES = [
  'stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz',
  'stats/cbp-southwest-encounters-fy22-fy25-aug.csv',
  'stats/ohss-khsm-usbp-encounters-fy25m11.xlsx',
  'stats/ice-removals-by-citizenship-fy2017-fy2018.csv',
  'designations/ice-uncooperative-countries.csv',
  'demo/radarbox-swiftair-worldatlantic-2020-01-12_2020-04-27.csv.gz',
];

/**
 * The generated part of the demo: a summer of 2024 for a small fleet, seeded, with the removal
 * mission to China around 2 July 2024 (KAEX → PANC → ZBAA and back). Marked as generated in the
 * store (its `sources` row and every leg) and in every output that shows it.
 */
export const DEMO_TRAFFIC = { seed: 2024, from: '2024-05-01', to: '2024-08-01', aircraft: 10, stepSeconds: 20 } as const;

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
 * and moved into place only when complete, so a failed or killed build leaves no half file.
 */
export async function buildDemo({ dbPath, onLog = () => undefined }: DemoOptions): Promise<DemoBuild> {
  const building = `${dbPath}.building`;
  for (const f of [building, `${building}.wal`]) rmSync(f, { force: true });
  const store = await Store.open(building);
  let result: DemoBuild;
  try {
    onLog(`building the demo database ${dbPath} from the data shipped in the repo…`);
    const sources = await ingestPaths(store, DEMO_FILES.map(dataPath), { onWarning: (m) => onLog(`warning: ${m}`) });
    const fleet = await importDefaultFleet(store);
    onLog(`fleet: ${fleet.aircraft} aircraft from the shipped candidate list${fleet.disagreements.length ? ` (${fleet.disagreements.length} published addresses or claims disagree: see "charterwatch fleet list")` : ''}`);
    onLog(`generating traffic for ${DEMO_TRAFFIC.aircraft} aircraft, ${DEMO_TRAFFIC.from} to ${DEMO_TRAFFIC.to} (GENERATED, seed ${DEMO_TRAFFIC.seed})…`);
    const fleetOf = generateTraffic({ ...DEMO_TRAFFIC, to: DEMO_TRAFFIC.from }).aircraft;
    // The generator's aircraft with addresses computed from their (fictional) N-numbers by the
    // FAA rule, entered in the registry as generated, so legs get registration, type and operator.
    const aircraft = fleetOf.map((a) => ({ ...a, icao24: icao24FromRegistration(a.registration) }));
    await putAircraft(
      store,
      aircraft.map((a) => entryFor({ registration: a.registration, icaoType: a.type, operator: a.operator, source: 'GENERATED demo aircraft (fictional registration, not a claim about a real aircraft)', typeSource: 'generator', operatorSource: 'generator' })),
    );
    const traffic = generateTraffic({ ...DEMO_TRAFFIC, aircraft });
    const positions = await writeTraffic(store, traffic, { label: `generated:summer-2024 seed ${DEMO_TRAFFIC.seed}` });
    const { legs } = await rebuildFromPositions(store);
    await store.run('CHECKPOINT');
    result = { sources, fleet: fleet.aircraft, positions, legs: legs.legs };
  } finally {
    store.close();
  }
  for (const f of [dbPath, `${dbPath}.wal`]) if (existsSync(f)) rmSync(f);
  renameSync(building, dbPath);
  return result;
}
