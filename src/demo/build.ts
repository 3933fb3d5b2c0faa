import { existsSync, renameSync, rmSync } from 'node:fs';
import { dataPath } from '../paths.ts';
import { ingestPaths, type SourceSummary } from '../ingest/ingest.ts';
import { Store } from '../store/store.ts';

/** The real public data shipped in the repo that the demo loads, in order. */
export const DEMO_FILES = [
  'stats/cbp-nationwide-encounters-fy20-fy24-aor.csv.gz',
  'stats/cbp-southwest-encounters-fy22-fy25-aug.csv',
  'stats/ohss-khsm-usbp-encounters-fy25m11.xlsx',
  'stats/ice-removals-by-citizenship-fy2017-fy2018.csv',
  'designations/ice-uncooperative-countries.csv',
];

export interface DemoOptions {
  dbPath: string;
  onLog?: (message: string) => void;
}

/**
 * Builds the demo database from the data shipped in the repo. It is built beside the target
 * and moved into place only when complete, so a failed or killed build leaves no half file.
 */
export async function buildDemo({ dbPath, onLog = () => undefined }: DemoOptions): Promise<{ sources: SourceSummary[] }> {
  const building = `${dbPath}.building`;
  for (const f of [building, `${building}.wal`]) rmSync(f, { force: true });
  const store = await Store.open(building);
  let sources: SourceSummary[];
  try {
    onLog(`building the demo database ${dbPath} from the data shipped in the repo…`);
    sources = await ingestPaths(store, DEMO_FILES.map(dataPath), { onWarning: (m) => onLog(`warning: ${m}`) });
    await store.run('CHECKPOINT');
  } finally {
    store.close();
  }
  for (const f of [dbPath, `${dbPath}.wal`]) if (existsSync(f)) rmSync(f);
  renameSync(building, dbPath);
  return { sources };
}
