import { readFileSync } from 'node:fs';
import { badInput } from '../errors.ts';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';
import type { Store } from '../store/store.ts';
import { DATASETS, datasetLabel, datasetReach, type Dataset, type DatasetReach } from '../query/reach.ts';

/** Where each dataset's next release is published and how to load it (one row a dataset). */
export const RELEASES_FILE = 'stats/releases.csv';

export interface Release {
  dataset: Dataset;
  name: string;
  publisher: string;
  page: string;
  url: string;
  cadence: string;
  load: string;
  /** For reference data shipped in the repo rather than loaded (airports): the month of its snapshot. */
  shippedSnapshot: string | null;
}

export interface StaleRow extends DatasetReach, Release {
  label: string;
  /** Whole months from the month the data end to the month of `asOf`; null when nothing is loaded. */
  ageMonths: number | null;
}

export interface StaleAnswer {
  /** The day ages are measured to (YYYY-MM-DD). */
  asOf: string;
  datasets: StaleRow[];
  rule: string;
}

/** data/stats/releases.csv, checked: every dataset once, every column filled. */
export function readReleases(file = dataPath(RELEASES_FILE)): Map<Dataset, Release> {
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const out = new Map<Dataset, Release>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const dataset = row.dataset as Dataset;
    if (!DATASETS.includes(dataset)) throw badInput(`unknown dataset "${row.dataset}" (expected one of ${DATASETS.join(', ')})`, file, line);
    for (const key of ['name', 'publisher', 'page', 'url', 'cadence', 'load'] as const) {
      if (!row[key]) throw badInput(`column "${key}" is empty for ${dataset}`, file, line);
    }
    if (out.has(dataset)) throw badInput(`${dataset} is listed twice`, file, line);
    const snapshot = row.shipped_snapshot || null;
    if (snapshot && !/^\d{4}-(0[1-9]|1[0-2])$/.test(snapshot)) throw badInput(`shipped_snapshot: expected a month YYYY-MM, found "${snapshot}"`, file, line);
    out.set(dataset, { dataset, name: row.name!, publisher: row.publisher!, page: row.page!, url: row.url!, cadence: row.cadence!, load: row.load!, shippedSnapshot: snapshot });
  });
  const missing = DATASETS.filter((d) => !out.has(d));
  if (missing.length) throw badInput(`no row for ${missing.join(', ')}`, file);
  return out;
}

/** Whole calendar months from `from` (YYYY-MM) to `to` (YYYY-MM). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return ty * 12 + tm - (fy * 12 + fm);
}

/**
 * Every dataset charterwatch reads: how far it reaches in this database, how old that is on
 * `asOf`, where its next release is published and the command that loads it.
 */
export async function staleAnswer(store: Store, { asOf }: { asOf: string }): Promise<StaleAnswer> {
  const releases = readReleases();
  const datasets: StaleRow[] = [];
  for (const dataset of DATASETS) {
    const release = releases.get(dataset)!;
    const loaded = await datasetReach(store, dataset);
    // Reference data shipped in the repo is not in the database: its reach is its snapshot's month.
    const reach = !loaded.last && release.shippedSnapshot ? { ...loaded, last: release.shippedSnapshot, dataEnd: release.shippedSnapshot } : loaded;
    datasets.push({ ...release, ...reach, label: datasetLabel(dataset), ageMonths: reach.dataEnd ? monthsBetween(reach.dataEnd, asOf.slice(0, 7)) : null });
  }
  return {
    asOf,
    datasets,
    rule: `Each dataset's last period is read from the database (encounters: the last month of the release in use; ICE removals: the last fiscal year, ending in September; cooperation lists: the last report's month; fleet: the day the registry last changed; leg histories and positions: the last real day, generated data left out; airports: the month of the shipped snapshot); its age is the whole months from that month to ${asOf.slice(0, 7)}. Where the next release is published and how to load it: data/${RELEASES_FILE}.`,
  };
}

/** Text rendering for the CLI. */
export function renderStale(a: StaleAnswer): string {
  const lines = [`Datasets, their last period in this database and their age on ${a.asOf}:`];
  for (const d of a.datasets) {
    const reach = d.shippedSnapshot && d.last === d.shippedSnapshot && !d.first
      ? `shipped reference file (snapshot ${d.last}), ${d.ageMonths} month(s) old`
      : d.last ? `${d.first} to ${d.last}, ${d.ageMonths} month(s) old` : 'none loaded';
    lines.push(`  ${d.label} (${d.dataset}): ${reach}`);
    lines.push(`    next: ${d.publisher}, ${d.page} (${d.cadence}): ${d.url}`);
    lines.push(`    load: ${d.load}`);
  }
  lines.push(`  Rule: ${a.rule}`);
  return lines.join('\n');
}
