/**
 * Scores classification against a labelled leg history: precision and recall per kind and the
 * confusion between kinds. The legs are classified in memory, exactly as `classifyStore` would,
 * optionally with every callsign blanked (ADS-B often carries none); the store is only read.
 *
 * A labels file is CSV: `source,line,date,registration,callsign,dep,arr,label,basis,note`, where
 * `source` is the history file's name and `line` the line of the leg in it; `label` is a kind
 * (removal, return, domestic, lateral, foreign, other) or `unknown` for legs whose ends the
 * record does not give (left out of the scores). See docs/flights.md for how the shipped labels
 * were made.
 */
import path from 'node:path';
import { badInput } from '../errors.ts';
import { readCsvRecords } from '../ingest/csv.ts';
import type { Store } from '../store/store.ts';
import { classifyLegs, PROGRAM_KINDS } from './classify.ts';
import type { ProgramLists } from './classify-lists.ts';
import { readLegRecords } from './classify-store.ts';
import { sourcePaths } from '../query/write/kinds.ts';

const LABELS = [...PROGRAM_KINDS, 'other', 'unknown'] as const;
type Label = (typeof LABELS)[number];
const COLUMNS = ['source', 'line', 'date', 'callsign', 'dep', 'arr', 'label'];

export interface LabelRow {
  source: string;
  line: number;
  date: string;
  callsign: string;
  dep: string;
  arr: string;
  label: Label;
  basis: string;
}

/** Reads a labels file; a wrong row refuses the file, naming its line. */
export function readLabels(file: string): LabelRow[] {
  const records = readCsvRecords(file);
  const header = records.shift();
  if (!header) throw badInput('the labels file is empty; expected a header: ' + COLUMNS.join(','), file, 1);
  const at = (name: string) => header.fields.indexOf(name);
  const missing = COLUMNS.filter((c) => at(c) < 0);
  if (missing.length) throw badInput(`the header lacks ${missing.join(', ')} (expected ${COLUMNS.join(',')},basis,note)`, file, header.line);
  return records.map((r) => {
    const get = (name: string) => r.fields[at(name)] ?? '';
    if (r.fields.length !== header.fields.length) throw badInput(`${r.fields.length} fields where the header has ${header.fields.length}`, file, r.line);
    const label = get('label') as Label;
    if (!LABELS.includes(label)) throw badInput(`label "${get('label')}" is not one of ${LABELS.join(', ')}`, file, r.line);
    const line = Number(get('line'));
    if (!Number.isInteger(line) || line < 1) throw badInput(`"line" must be a line number of the history file, found "${get('line')}"`, file, r.line);
    return { source: get('source'), line, date: get('date'), callsign: get('callsign'), dep: get('dep'), arr: get('arr'), label, basis: get('basis') };
  });
}

export interface Evaluation {
  labels: string;
  blankCallsigns: boolean;
  from: string | null;
  to: string | null;
  /** Labelled legs scored (labels other than `unknown`, in the period, found in the store). */
  scored: number;
  /** Labelled legs of the period not found in the store (a different file loaded). */
  notFound: number;
  byKind: { kind: string; labelled: number; predicted: number; right: number; possible: number; precision: number | null; recall: number | null }[];
  /** label → predicted → legs; predicted includes `possible` and `unclassified`. */
  confusion: Record<string, Record<string, number>>;
  /** Up to 40 disagreements on removals, for review. */
  removalErrors: string[];
}

/**
 * Classifies the store's legs in memory and scores them against the labels of `[from, to)` (leg
 * days, ISO dates). `blankCallsigns` classifies as if no leg carried a callsign.
 */
export async function evaluateClassification(
  store: Store,
  labelsFile: string,
  { blankCallsigns = false, from, to, lists }: { blankCallsigns?: boolean; from?: string; to?: string; lists?: ProgramLists } = {},
): Promise<Evaluation> {
  const labels = readLabels(labelsFile);
  const sources = await sourcePaths(store);
  const sourceOf = new Map(sources.map((s) => [path.basename(s.path), s.id]));
  const legs = await readLegRecords(store);
  const legAt = new Map(legs.map((l) => [`${l.sourceId}:${l.line}`, l]));
  const { classes } = classifyLegs(blankCallsigns ? legs.map((l) => ({ ...l, callsign: null })) : legs, lists);

  const confusion: Record<string, Record<string, number>> = {};
  const removalErrors: string[] = [];
  let scored = 0;
  let notFound = 0;
  for (const row of labels) {
    if (row.label === 'unknown') continue;
    if ((from && row.date < from) || (to && row.date >= to)) continue;
    const leg = legAt.get(`${sourceOf.get(row.source)}:${row.line}`);
    if (!leg) {
      notFound++;
      continue;
    }
    const c = classes.get(leg.id)!;
    const predicted = c.kind ?? 'unclassified';
    scored++;
    (confusion[row.label] ??= {})[predicted] = (confusion[row.label]![predicted] ?? 0) + 1;
    if ((row.label === 'removal') !== (predicted === 'removal') && removalErrors.length < 40) {
      removalErrors.push(`line ${row.line} ${row.date} ${row.callsign || '-'} ${row.dep}→${row.arr}: labelled ${row.label}, classified ${predicted}${c.score !== null ? ` (score ${c.score})` : ''}`);
    }
  }
  const kinds = [...PROGRAM_KINDS, 'other'];
  const byKind = kinds.map((kind) => {
    const labelled = Object.values(confusion[kind] ?? {}).reduce((s, n) => s + n, 0);
    const predicted = Object.values(confusion).reduce((s, row) => s + (row[kind] ?? 0), 0);
    const right = confusion[kind]?.[kind] ?? 0;
    const possible = confusion[kind]?.possible ?? 0;
    return { kind, labelled, predicted, right, possible, precision: predicted ? right / predicted : null, recall: labelled ? right / labelled : null };
  });
  return { labels: path.basename(labelsFile), blankCallsigns, from: from ?? null, to: to ?? null, scored, notFound, byKind, confusion, removalErrors };
}

export function renderEvaluation(e: Evaluation): string {
  const pct = (x: number | null) => (x === null ? '   -' : x.toFixed(3));
  const period = `${e.from ?? 'the start'} to ${e.to ? `${e.to} (exclusive)` : 'the end'}`;
  const lines = [
    `${e.labels}: ${e.scored.toLocaleString('en-US')} labelled legs scored, ${period}${e.blankCallsigns ? ', every callsign blanked' : ''}${e.notFound ? `; ${e.notFound} labelled legs not in the database` : ''}`,
    `  kind        labelled  classified  right  precision  recall  (labelled legs left possible)`,
    ...e.byKind.map((k) => `  ${k.kind.padEnd(10)}  ${String(k.labelled).padStart(8)}  ${String(k.predicted).padStart(10)}  ${String(k.right).padStart(5)}  ${pct(k.precision).padStart(9)}  ${pct(k.recall).padStart(6)}  ${k.possible ? `(${k.possible} possible)` : ''}`),
    'confusion (rows: label; columns: classified):',
  ];
  const cols = [...PROGRAM_KINDS, 'other', 'possible', 'unclassified'];
  lines.push(`  ${''.padEnd(10)}${cols.map((c) => c.slice(0, 8).padStart(9)).join('')}`);
  for (const k of [...PROGRAM_KINDS, 'other']) lines.push(`  ${k.padEnd(10)}${cols.map((c) => String(e.confusion[k]?.[c] ?? 0).padStart(9)).join('')}`);
  if (e.removalErrors.length) lines.push('removal disagreements (first 40):', ...e.removalErrors.map((x) => `  ${x}`));
  return lines.join('\n');
}
