import type { DuckDBValue } from '@duckdb/node-api';
import type { Store } from '../store/store.ts';

/**
 * How far each dataset in the database reaches: its first and last period, read from the data
 * (never a constant), so that every answer can say "CBP Nationwide Encounters data end 2024-09"
 * and `sources --stale` can say how old each one is.
 */

/** The datasets charterwatch reads, as `sources --stale` lists them (data/stats/releases.csv has one row each). */
export const DATASETS = ['cbp-nationwide', 'cbp-southwest', 'ohss-usbp', 'ohss-usbp-region', 'ice-removals', 'ice-designations', 'fleet', 'leg-histories', 'positions', 'airports'] as const;
export type Dataset = (typeof DATASETS)[number];

/** What a dataset's periods are: calendar months, US fiscal years, or days. */
export type ReachUnit = 'month' | 'fiscal-year' | 'day';

export interface DatasetReach {
  dataset: Dataset;
  unit: ReachUnit;
  /** First period in the database, as the unit writes it (2019-10, FY2017, 2020-01-12); null when none is loaded. */
  first: string | null;
  /** Last period in the database, likewise. */
  last: string | null;
  /** The calendar month the data end with (YYYY-MM): a fiscal year ends in its September. */
  dataEnd: string | null;
  /** Rows behind it (encounter rows, removals rows, designations, aircraft, legs, positions). */
  rows: number;
}

const LABEL: Record<Dataset, string> = {
  'cbp-nationwide': 'CBP Nationwide Encounters',
  'cbp-southwest': 'CBP Southwest Land Border Encounters',
  'ohss-usbp': 'DHS OHSS Border Patrol encounters',
  'ohss-usbp-region': 'DHS OHSS Border Patrol encounters by region',
  'ice-removals': 'ICE removals',
  'ice-designations': 'ICE cooperation lists',
  fleet: 'Fleet registry',
  'leg-histories': 'Leg histories',
  positions: 'ADS-B positions',
  airports: 'Airports',
};

/** A dataset's name in words. */
export const datasetLabel = (d: Dataset) => LABEL[d];

const ENCOUNTER_DATASETS = new Set<Dataset>(['cbp-nationwide', 'cbp-southwest', 'ohss-usbp', 'ohss-usbp-region']);

/** One dataset's reach in the database. `airports` is shipped reference data, not in the store: its reach is null here. */
export async function datasetReach(store: Store, dataset: Dataset): Promise<DatasetReach> {
  const row = async (sql: string, params: DuckDBValue[] = []) =>
    (await store.all<{ first: string | null; last: string | null; rows: number }>(sql, params))[0] ?? { first: null, last: null, rows: 0 };
  if (ENCOUNTER_DATASETS.has(dataset)) {
    const r = await row(`SELECT min(month) AS first, max(month) AS last, count(*)::BIGINT AS rows FROM encounters_effective WHERE dataset = ?`, [dataset]);
    return { dataset, unit: 'month', first: r.first, last: r.last, dataEnd: r.last, rows: Number(r.rows) };
  }
  if (dataset === 'ice-removals') {
    const r = await row(`SELECT 'FY' || min(fiscal_year) AS first, 'FY' || max(fiscal_year) AS last, count(*)::BIGINT AS rows FROM removals`);
    return { dataset, unit: 'fiscal-year', first: r.first, last: r.last, dataEnd: r.last ? `${r.last.slice(2)}-09` : null, rows: Number(r.rows) };
  }
  if (dataset === 'ice-designations') {
    // as_of is YYYY-MM or YYYY-MM-DD as reported: compare by its month.
    const r = await row(`SELECT min(left(as_of, 7)) AS first, max(left(as_of, 7)) AS last, count(*)::BIGINT AS rows FROM designations`);
    return { dataset, unit: 'month', first: r.first, last: r.last, dataEnd: r.last, rows: Number(r.rows) };
  }
  if (dataset === 'fleet') {
    // The registry has no period: its reach is the day it last changed.
    const r = await row(`SELECT strftime(min(added_at AT TIME ZONE 'UTC'), '%Y-%m-%d') AS first, strftime(max(added_at AT TIME ZONE 'UTC'), '%Y-%m-%d') AS last, count(*)::BIGINT AS rows FROM aircraft`);
    return { dataset, unit: 'day', first: r.first, last: r.last, dataEnd: r.last?.slice(0, 7) ?? null, rows: Number(r.rows) };
  }
  if (dataset === 'leg-histories') {
    const day = `coalesce(leg_date, CAST(dep_time AT TIME ZONE 'UTC' AS DATE), CAST(arr_time AT TIME ZONE 'UTC' AS DATE))`;
    const r = await row(`SELECT strftime(min(${day}), '%Y-%m-%d') AS first, strftime(max(${day}), '%Y-%m-%d') AS last, count(*)::BIGINT AS rows FROM legs WHERE origin <> 'adsb' AND NOT generated`);
    return { dataset, unit: 'day', first: r.first, last: r.last, dataEnd: r.last?.slice(0, 7) ?? null, rows: Number(r.rows) };
  }
  if (dataset === 'positions') {
    // Real positions only: generated ones (the demo's) say nothing of how old the real data are.
    const r = await row(
      `SELECT strftime(to_timestamp(min(p.time)) AT TIME ZONE 'UTC', '%Y-%m-%d') AS first, strftime(to_timestamp(max(p.time)) AT TIME ZONE 'UTC', '%Y-%m-%d') AS last, count(*)::BIGINT AS rows
       FROM positions p JOIN sources s ON s.id = p.source_id WHERE NOT s.generated`,
    );
    return { dataset, unit: 'day', first: r.first, last: r.last, dataEnd: r.last?.slice(0, 7) ?? null, rows: Number(r.rows) };
  }
  return { dataset, unit: 'month', first: null, last: null, dataEnd: null, rows: 0 };
}

/** The reach in words, as answers print it: "CBP Nationwide Encounters data end 2024-09", "ICE removals data end FY2024 (2024-09)". */
export function reachText(r: DatasetReach): string {
  if (!r.last) return `no ${LABEL[r.dataset]} data loaded`;
  return `${LABEL[r.dataset]} data end ${r.last}${r.unit === 'fiscal-year' ? ` (${r.dataEnd})` : ''}`;
}
