import { existsSync, readFileSync } from 'node:fs';
import { CharterwatchError } from '../errors.ts';
import { parseObservedHeadcounts } from './passengers-data.ts';
import { estimatePassengers } from './passengers.ts';
import { quantile } from './passengers-yakima.ts';

/**
 * Scores the estimate on a file of observed headcounts (`flight,date,people[,type,kind,country]`):
 * each flight estimated as `estimatePassengers` would for its type, kind, destination and day,
 * then the error and how many observed counts fall inside the 80% interval. Rows that cannot be
 * read, or that no model answers for, are counted and listed with their line, never dropped.
 */
export interface EvaluationRow {
  line: number;
  flight: string;
  date: string;
  people: number;
  model: string;
  point: number;
  low: number;
  high: number;
  error: number;
  inside: boolean;
}

export interface Evaluation {
  file: string;
  scored: number;
  medianAbsError: number | null;
  meanAbsError: number | null;
  /** Mean of (estimate − observed): positive when the model overstates. */
  meanError: number | null;
  inside: number;
  coverage: number | null;
  rows: EvaluationRow[];
  /** Rows kept aside: unreadable, or no model answers for them. */
  notScored: { line: number; reason: string }[];
}

export function evaluateFile(file: string): Evaluation {
  if (!existsSync(file)) throw new CharterwatchError('NOT_FOUND', 'no such file', { file });
  const read = parseObservedHeadcounts(readFileSync(file, 'utf8'), file);
  const notScored = [...read.rejects];
  const rows: EvaluationRow[] = [];
  for (const o of read.rows) {
    const e = estimatePassengers({ aircraftType: o.type, kind: o.kind ?? 'removal', country: o.country, date: o.date });
    if (e.passengers === null) {
      notScored.push({ line: o.line, reason: e.method });
      continue;
    }
    rows.push({ line: o.line, flight: o.flight, date: o.date, people: o.people, model: e.modelName!, point: e.passengers, low: e.low!, high: e.high!, error: e.passengers - o.people, inside: o.people >= e.low! && o.people <= e.high! });
  }
  notScored.sort((a, b) => a.line - b.line);
  const abs = rows.map((r) => Math.abs(r.error)).sort((a, b) => a - b);
  const inside = rows.filter((r) => r.inside).length;
  const mean = (xs: number[]) => Math.round((xs.reduce((a, x) => a + x, 0) / xs.length) * 10) / 10;
  return {
    file,
    scored: rows.length,
    medianAbsError: rows.length ? quantile(abs, 0.5) : null,
    meanAbsError: rows.length ? mean(abs) : null,
    meanError: rows.length ? mean(rows.map((r) => r.error)) : null,
    inside,
    coverage: rows.length ? Math.round((inside / rows.length) * 1000) / 1000 : null,
    rows,
    notScored,
  };
}

export function renderEvaluation(v: Evaluation): string {
  const out = [`${v.file}: ${v.scored} flight(s) scored${v.notScored.length ? `, ${v.notScored.length} not scored` : ''}`];
  for (const r of v.rows) out.push(`  line ${r.line}: ${r.flight} ${r.date}: observed ${r.people}, estimate ${r.point} (${r.low}–${r.high}) ${r.inside ? 'inside' : 'OUTSIDE'}, ${r.model}`);
  for (const r of v.notScored) out.push(`  line ${r.line}: not scored: ${r.reason}`);
  if (v.scored) {
    out.push(`Median absolute error ${v.medianAbsError} people, mean ${v.meanAbsError}; mean signed error ${v.meanError! >= 0 ? '+' : ''}${v.meanError}`);
    out.push(`80% interval: ${v.inside} of ${v.scored} observed counts inside (coverage ${Math.round(v.coverage! * 100)}%)`);
  }
  return out.join('\n');
}
