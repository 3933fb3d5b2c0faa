import { countryByCode } from '../countries/countries.ts';
import { CharterwatchError, usageError } from '../errors.ts';
import { fiscalYearMonths, fiscalYearOf, FISCAL_MONTHS } from '../ingest/fiscal.ts';
import {
  citeEncounterSources, encounterMonths, encounterRounding, encountersByColumn, encountersByMonth, namedCitizenships as citizenshipsNamed, supersededReleases,
} from '../query/statistics.ts';
import type { Store } from '../store/store.ts';
import { reachText } from '../query/reach.ts';
import type { SourceRef } from './provenance.ts';

import { ENCOUNTER_BREAKDOWNS, ENCOUNTER_DATASETS, type EncounterBreakdown, type EncounterDataset } from '../query/vocabulary.ts';

export { ENCOUNTER_BREAKDOWNS, ENCOUNTER_DATASETS, type EncounterBreakdown, type EncounterDataset };

const DATASET_LABEL: Record<EncounterDataset, string> = {
  'cbp-nationwide': 'CBP Nationwide Encounters (ports of entry and Border Patrol, all borders)',
  'cbp-southwest': 'CBP Southwest Land Border Encounters',
  'ohss-usbp': 'DHS OHSS Border Patrol encounters (KHSM workbook, monthly citizenship sheet; Border Patrol only; each figure rounded to the nearest 10)',
  'ohss-usbp-region': 'DHS OHSS Border Patrol encounters by region (KHSM workbook, monthly region and citizenship sheet; Border Patrol only; each figure rounded to the nearest 10)',
};

export interface EncountersQuery {
  /** ISO alpha-2, or OTHER. */
  citizenship: string;
  fiscalYear: number;
  /** Last calendar month to count (YYYY-MM, inside the fiscal year); default: the last month in the data. */
  through?: string;
  by?: EncounterBreakdown;
  dataset?: EncounterDataset;
}

export interface YearComparison {
  fiscalYear: number;
  /** The same fiscal months as the question (October through the same month). */
  samePeriod: number;
  /** The whole fiscal year, as far as the data go. */
  fullYear: number;
  /** All twelve months are in the data. */
  complete: boolean;
  monthsInData: number;
}

export interface EncountersAnswer {
  citizenship: string;
  countryName: string;
  dataset: EncounterDataset;
  datasetLabel: string;
  fiscalYear: number;
  /** Last month counted, YYYY-MM. */
  through: string;
  /** Fiscal year to date in calendar months: October of the year before to `through`. */
  period: { from: string; to: string; months: number };
  total: number;
  /**
   * The dataset names this citizenship in some month. False: it has no row of it at all (CBP
   * counts it under OTHER), so every figure above is "no figure", not zero encounters:
   * `notNamedMessage` says so, and the encounters command and API answer with it instead.
   */
  named: boolean;
  /** The citizenships the dataset names (with `named` false; else empty). */
  namedCitizenships: string[];
  /** The first and last month of the dataset in the database. */
  coverage: { from: string; to: string };
  /** The last month of the dataset in the database (YYYY-MM): how far its figures reach. */
  dataEnd: string;
  /** The same in words: "CBP Nationwide Encounters data end 2024-09". */
  reach: string;
  /** The fiscal year is complete in the data and counted whole. */
  wholeYear: boolean;
  /** Each month's count and the release (source id) it comes from. */
  monthly: { month: string; fiscalMonth: string; total: number; sourceId: number | null }[];
  breakdown?: { by: EncounterBreakdown; rows: { key: string; total: number; previousSamePeriod: number | null }[] };
  comparisons: YearComparison[];
  previousYear: (YearComparison & { changeSamePeriod: number; exceedsFullYearBy: number }) | null;
  /** The highest complete earlier fiscal year in the data, and how this year's figure compares. */
  record: { fiscalYear: number; fullYear: number; thisYearIsRecord: boolean; margin: number } | null;
  roundedTo: number;
  rule: string;
  notes: string[];
  sources: SourceRef[];
}

/**
 * Encounters of one citizenship in a fiscal year to date, against the same months and the whole
 * of every earlier year in the data. Overlapping releases count once: the `encounters_effective`
 * view keeps, for each month, the latest release covering it.
 */
export async function encountersAnswer(store: Store, { citizenship, fiscalYear, through, by, dataset = 'cbp-nationwide' }: EncountersQuery): Promise<EncountersAnswer> {
  const coverage = await encounterMonths(store, dataset);
  if (coverage.length === 0) throw new CharterwatchError('NOT_FOUND', `no ${dataset} encounters in the database: load a release with "charterwatch ingest"`);
  const yearMonths = fiscalYearMonths(fiscalYear);
  const covered = yearMonths.filter((m) => coverage.includes(m));
  if (covered.length === 0) {
    throw new CharterwatchError('NOT_FOUND', `the ${dataset} data cover ${coverage[0]} to ${coverage.at(-1)}, nothing of fiscal year ${fiscalYear} (${yearMonths[0]} to ${yearMonths[11]})`);
  }
  const lastCovered = covered.at(-1)!;
  const end = through ?? lastCovered;
  if (!yearMonths.includes(end)) throw usageError(`--through ${end} is not in fiscal year ${fiscalYear} (${yearMonths[0]} to ${yearMonths[11]})`);
  if (end > lastCovered) throw new CharterwatchError('NOT_FOUND', `the ${dataset} data cover fiscal year ${fiscalYear} only through ${lastCovered}, not ${end}`);
  const k = yearMonths.indexOf(end); // fiscal month index of the last month counted

  const monthlyRows = await encountersByMonth(store, dataset, citizenship);
  const byMonth = new Map(monthlyRows.map((r) => [r.month, r.n]));
  const sourceOfMonth = new Map(monthlyRows.map((r) => [r.month, r.source_id]));
  const monthsOfYear = (fy: number, upTo = 11) => fiscalYearMonths(fy).slice(0, upTo + 1);
  const sum = (months: string[]) => months.reduce((acc, m) => acc + (byMonth.get(m) ?? 0), 0);

  const counted = monthsOfYear(fiscalYear, k);
  const total = sum(counted);
  const monthly = counted.map((month, i) => ({ month, fiscalMonth: FISCAL_MONTHS[i]!, total: byMonth.get(month) ?? 0, sourceId: sourceOfMonth.get(month) ?? null }));

  const years = [...new Set(coverage.map((m) => fiscalYearOf(m)))].filter((fy) => fy < fiscalYear).sort((a, b) => a - b);
  const comparisons: YearComparison[] = years.map((fy) => {
    const months = fiscalYearMonths(fy);
    const inData = months.filter((m) => coverage.includes(m)).length;
    return { fiscalYear: fy, samePeriod: sum(months.slice(0, k + 1)), fullYear: sum(months), complete: inData === 12, monthsInData: inData };
  });
  const prev = comparisons.find((c) => c.fiscalYear === fiscalYear - 1);
  const previousYear = prev ? { ...prev, changeSamePeriod: total - prev.samePeriod, exceedsFullYearBy: total - prev.fullYear } : null;
  const completeYears = comparisons.filter((c) => c.complete);
  const best = completeYears.reduce<YearComparison | undefined>((a, c) => (!a || c.fullYear > a.fullYear ? c : a), undefined);
  const record = best && monthlyRows.length > 0 ? { fiscalYear: best.fiscalYear, fullYear: best.fullYear, thisYearIsRecord: total > best.fullYear, margin: total - best.fullYear } : null;

  let breakdown: EncountersAnswer['breakdown'];
  if (by && by !== 'month') {
    const rows = await encountersByColumn(store, {
      dataset,
      citizenship,
      column: by,
      ranges: [[counted[0]!, end], [fiscalYearMonths(fiscalYear - 1)[0]!, fiscalYearMonths(fiscalYear - 1)[k]!]],
    });
    const keys = [...new Set(rows.map((r) => r.key ?? '(not stated)'))].sort();
    breakdown = {
      by,
      rows: keys
        .map((key) => {
          const pick = (fy: number) => rows.filter((r) => (r.key ?? '(not stated)') === key && r.fiscal_year === fy).reduce((a, r) => a + r.n, 0);
          return { key, total: pick(fiscalYear), previousSamePeriod: prev ? pick(fiscalYear - 1) : null };
        })
        .sort((a, b) => b.total - a.total),
    };
  }

  const roundedTo = await encounterRounding(store, dataset);
  // The rows of the months the figures use: this year through the last month counted, and every earlier year.
  const sources = await citeEncounterSources(store, dataset, citizenship, end);
  const notes: string[] = [];
  if (roundedTo > 1) notes.push(`Each published quantity is rounded to the nearest ${roundedTo}; sums of rounded figures carry that rounding.`);
  const named = monthlyRows.length > 0;
  const namedCitizenships = named ? [] : await citizenshipsNamed(store, dataset);
  if (!named) {
    notes.push(
      `${DATASET_LABEL[dataset]} names ${namedCitizenships.length} citizenship(s) and counts the rest as OTHER; ${citizenship} is not among them, so there is no figure (not zero encounters).` +
        (dataset === 'ohss-usbp' ? '' : ' Try --dataset ohss-usbp (Border Patrol only, more citizenships).'),
    );
  }
  const superseded = await supersededReleases(store, dataset, citizenship);
  if (superseded) notes.push(`${superseded} other release(s) in the database also cover some of these months; for each month the latest release covering it is used (monthly[].sourceId names it).`);

  return {
    citizenship,
    countryName: countryByCode(citizenship)?.name ?? citizenship,
    dataset,
    datasetLabel: DATASET_LABEL[dataset],
    fiscalYear,
    through: end,
    period: { from: counted[0]!, to: end, months: counted.length },
    total,
    named,
    namedCitizenships,
    coverage: { from: coverage[0]!, to: coverage.at(-1)! },
    dataEnd: coverage.at(-1)!,
    reach: reachText({ dataset, unit: 'month', first: coverage[0]!, last: coverage.at(-1)!, dataEnd: coverage.at(-1)!, rows: 0 }),
    wholeYear: counted.length === 12,
    monthly,
    breakdown,
    comparisons,
    previousYear,
    record,
    roundedTo,
    rule: `Sum of "${dataset}" encounter counts with citizenship ${citizenship}, months ${counted[0]} to ${end} (fiscal year ${fiscalYear}, October to ${FISCAL_MONTHS[k]}); earlier years over the same fiscal months and whole; where releases overlap, the latest release covering a month is used for that month.`,
    notes,
    sources,
  };
}

/**
 * What the encounters command and API say, instead of a table of zeros, when the dataset does
 * not name the citizenship at all.
 */
export function notNamedMessage(a: EncountersAnswer): string {
  return `no ${a.countryName} (${a.citizenship}) figure in ${a.dataset}: ${a.datasetLabel} (loaded, ${a.coverage.from} to ${a.coverage.to}) names only ${a.namedCitizenships.join(', ') || 'no citizenship'} and counts every other citizenship under OTHER, so it has no figure for ${a.citizenship} (not zero encounters)${a.dataset === 'ohss-usbp' ? '' : '; try --dataset ohss-usbp (Border Patrol only, more citizenships)'}`;
}

/** Text rendering for the CLI. */
export function renderEncounters(a: EncountersAnswer): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines: string[] = [];
  lines.push(`${a.countryName} (${a.citizenship}) encounters, fiscal year ${a.fiscalYear} ${a.wholeYear ? '(whole year)' : `to date`}: ${a.period.from} to ${a.period.to}`);
  lines.push(`  ${n(a.total)}  — ${a.datasetLabel}`);
  if (a.previousYear) {
    const p = a.previousYear;
    lines.push(`  FY${p.fiscalYear} same months: ${n(p.samePeriod)} (${signed(p.changeSamePeriod)}); FY${p.fiscalYear} whole year: ${n(p.fullYear)}${p.complete ? '' : ` (only ${p.monthsInData} months in data)`} (${signed(p.exceedsFullYearBy)})`);
  }
  if (a.record) {
    lines.push(
      a.record.thisYearIsRecord
        ? `  Already above every complete earlier year in the data: the highest was FY${a.record.fiscalYear} with ${n(a.record.fullYear)} (${signed(a.record.margin)}).`
        : `  The highest complete earlier year in the data is FY${a.record.fiscalYear} with ${n(a.record.fullYear)} (${signed(a.record.margin)} to go).`,
    );
  }
  if (a.breakdown) {
    lines.push(`  By ${a.breakdown.by}:`);
    const label = (key: string) => (a.breakdown!.by === 'component' ? (COMPONENT_LABEL[key] ?? key) : key);
    for (const r of a.breakdown.rows) lines.push(`    ${label(r.key).padEnd(30)} ${n(r.total).padStart(10)}${r.previousSamePeriod === null ? '' : `   FY${a.fiscalYear - 1} same months ${n(r.previousSamePeriod)}`}`);
  } else {
    lines.push('  By month:');
    for (const m of a.monthly) lines.push(`    ${m.month} (${m.fiscalMonth})  ${n(m.total).padStart(8)}${m.sourceId ? `   source ${m.sourceId}` : ''}`);
  }
  if (a.comparisons.length) {
    lines.push('  Earlier years (same months / whole year):');
    for (const c of a.comparisons) lines.push(`    FY${c.fiscalYear}  ${n(c.samePeriod).padStart(10)} / ${n(c.fullYear).padStart(10)}${c.complete ? '' : ` (${c.monthsInData} months in data)`}`);
  }
  for (const note of a.notes) lines.push(`  Note: ${note}`);
  lines.push(`  Data reach: ${a.reach}.`);
  lines.push(`  Rule: ${a.rule}`);
  lines.push('  Sources:');
  lines.push(a.sources.map((s) => `    ${s.file} (source ${s.sourceId}${s.releaseThrough ? `, release through ${s.releaseThrough}` : ''}): ${n(s.rowsUsed)} rows, sha256 ${s.sha256}`).join('\n'));
  return lines.join('\n');
}

const COMPONENT_LABEL: Record<string, string> = { OFO: 'ports of entry (OFO)', USBP: 'Border Patrol (USBP)' };

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toLocaleString('en-US')}`;
