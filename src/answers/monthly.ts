import type { Store } from '../store/store.ts';
import { citeLegSources, COUNTED_LEGS } from './counted-legs.ts';
import { countFlights } from './flights.ts';
import { legWhere, listLegs } from './legs.ts';
import { estimateLeg, sumEstimates } from './passengers.ts';
import type { SourceRef } from './provenance.ts';
import { checkClaim, type ClaimCheck } from './claims.ts';
import type { ClaimFile } from './claims-file.ts';

/** The kinds the report counts; `possible` legs are between firm and against, counted apart. */
export const LEG_KINDS = ['removal', 'return', 'domestic', 'lateral', 'foreign', 'other', 'possible'] as const;

export interface MonthlyReport {
  month: string;
  /** Legs by kind this month, the month before, and the average of the six months before. */
  kinds: { kind: string; legs: number; previousMonth: number; sixMonthAverage: number; change: number }[];
  /** Firm removal legs by country, and the possible removals beside them (never added). */
  removalsByCountry: { country: string; legs: number; possible: number; previousMonth: number }[];
  removalsByOperator: { operator: string; legs: number }[];
  removalsByAirport: { airport: string; legs: number }[];
  missions: number;
  countries: number;
  /**
   * People estimated on the month's removal legs (estimateLeg, the function every answer uses):
   * the sum and its interval, the models used, and per country. Null when no leg has an estimate.
   */
  passengers: { low: number; point: number; high: number; flights: number; models: string[]; byCountry: { country: string; low: number; point: number; high: number }[] } | null;
  /** Every leg of the month with its ends, for maps and tables. */
  routes: { legId: number; kind: string | null; registration: string | null; from: string | null; to: string | null; fromCountry: string | null; toCountry: string | null; departure: string | null; generated: boolean }[];
  /** The twelve months up to this one: removal legs per month, for the chart. */
  trend: { month: string; removal: number; return: number; domestic: number; lateral: number }[];
  generated: boolean;
  /** Claims of the files given (`--claims`) whose period falls in the month, checked (docs/claims.md). */
  claims: (ClaimCheck & { file: string })[];
  rule: string;
  sources: SourceRef[];
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The monthly flight report that monitors compile by hand today. Every figure is a count of
 * `countFlights` (legs read through COUNTED_LEGS, dated by departure, else arrival, else the day
 * the record gives), so the report agrees with `charterwatch flights count` for the same month.
 */
export async function monthlyReport(store: Store, { month, claims: claimFiles = [] }: { month: string; claims?: ClaimFile[] }): Promise<MonthlyReport> {
  const first = shiftMonth(month, -11);
  const start = (m: string) => `${m}-01`;
  const next = start(shiftMonth(month, 1));
  const previous = shiftMonth(month, -1);
  const byMonthAndKind = await countFlights(store, { from: start(first), to: next, by: 'month', then: 'kind', cite: false });
  const get = (m: string, kind: string) => byMonthAndKind.rows.find((r) => r.key === m)?.cells?.[kind] ?? 0;
  const six = Array.from({ length: 6 }, (_, i) => shiftMonth(month, -(i + 1)));
  // A month with no legs at all is outside the data, not a month of zero flights: the average
  // is over the months of the six that the data cover.
  const covered = six.filter((m) => byMonthAndKind.rows.some((r) => r.key === m));
  const kinds = LEG_KINDS.map((kind) => {
    const legs = get(month, kind);
    const previousMonth = get(previous, kind);
    const sixMonthAverage = covered.length ? Math.round((covered.reduce((a, m) => a + get(m, kind), 0) / covered.length) * 10) / 10 : 0;
    return { kind, legs, previousMonth, sixMonthAverage, change: legs - previousMonth };
  });
  const removals = (by: 'country' | 'operator' | 'us-airport', m = month) =>
    countFlights(store, { kind: 'removal', from: start(m), to: start(shiftMonth(m, 1)), by, unknownKey: 'unknown', cite: false });
  const [thisMonth, monthBefore] = [await removals('country'), await removals('country', previous)];
  const removalsByCountry = thisMonth.rows.map((r) => ({ country: r.key, legs: r.legs, possible: r.possible ?? 0, previousMonth: monthBefore.rows.find((p) => p.key === r.key)?.legs ?? 0 }));
  const removalsByOperator = (await removals('operator')).rows.map((r) => ({ operator: r.key, legs: r.legs }));
  const removalsByAirport = (await removals('us-airport')).rows.map((r) => ({ airport: r.key, legs: r.legs }));
  const inMonth = legWhere({ kind: 'removal', from: start(month), to: next });
  const missions = Number(
    await store.value(`SELECT count(DISTINCT mission_id) FROM ${COUNTED_LEGS} ${inMonth.sql} AND mission_id IS NOT NULL`, inMonth.params as never),
  );
  const routes = (await listLegs(store, { from: start(month), to: next }, { counted: true })).map((l) => ({
    legId: l.id,
    kind: l.kind,
    registration: l.registration,
    from: l.departure.airport,
    to: l.arrival.airport,
    fromCountry: l.departure.country,
    toCountry: l.arrival.country,
    departure: l.departure.time,
    generated: l.generated,
  }));
  const removalLegs = await listLegs(store, { kind: 'removal', from: start(month), to: next }, { counted: true });
  const estimates = removalLegs.map((l) => ({ country: l.arrival.country ?? 'unknown', e: estimateLeg(l) }));
  const total = sumEstimates(estimates.map((x) => x.e));
  const countriesEstimated = [...new Set(estimates.map((x) => x.country))].sort();
  const passengers = total
    ? {
        ...total,
        byCountry: countriesEstimated
          .map((country) => ({ country, sum: sumEstimates(estimates.filter((x) => x.country === country).map((x) => x.e)) }))
          .filter((x) => x.sum)
          .map((x) => ({ country: x.country, low: x.sum!.low, point: x.sum!.point, high: x.sum!.high }))
          .sort((a, b) => b.point - a.point || a.country.localeCompare(b.country)),
      }
    : null;
  const trend = Array.from({ length: 12 }, (_, i) => shiftMonth(first, i)).map((m) => ({
    month: m, removal: get(m, 'removal'), return: get(m, 'return'), domestic: get(m, 'domestic'), lateral: get(m, 'lateral'),
  }));
  // Every leg of the twelve months the report shows (the trend), read as counted.
  const sources = await citeLegSources(store, legWhere({ from: start(first), to: next }));
  // A claim is the month's when its period (else the day it was said) overlaps the month.
  const claims: MonthlyReport['claims'] = [];
  for (const f of claimFiles) {
    for (const claim of f.claims) {
      const checked = await checkClaim(store, claim);
      const period = checked.period ?? { from: claim.when, to: claim.when };
      if (period.from < next && period.to >= start(month)) claims.push({ ...checked, file: f.file });
    }
  }
  return {
    month,
    kinds,
    removalsByCountry,
    removalsByOperator,
    removalsByAirport,
    missions,
    countries: thisMonth.countries,
    passengers,
    routes,
    trend,
    generated: routes.some((r) => r.generated),
    claims,
    rule: `Legs dated in ${month} (UTC; by departure, else arrival, else the day the record gives), counted as "charterwatch flights count" counts them, by the kind the classification gave them; "previous month" is ${previous}; the six-month average is over the months from ${six.at(-1)} to ${six[0]} that the data cover (${covered.length ? covered.slice().reverse().join(', ') : 'none'}).`,
    sources,
  };
}

/** The report as Markdown (also the CLI's text output). */
export function monthlyMarkdown(r: MonthlyReport): string {
  const out = [`# Removal flight report, ${r.month}`, ''];
  if (r.generated) out.push('> This month includes GENERATED (synthetic demo) flights.', '');
  out.push('| kind | legs | previous month | change | six-month average |', '|---|---:|---:|---:|---:|');
  for (const k of r.kinds) out.push(`| ${k.kind} | ${k.legs} | ${k.previousMonth} | ${k.change >= 0 ? '+' : ''}${k.change} | ${k.sixMonthAverage} |`);
  out.push('', `${r.missions} removal mission(s) to ${r.countries} countries.`, '', '## Removal legs by destination country', '', '| country | legs | possible (not in legs) | previous month |', '|---|---:|---:|---:|');
  for (const c of r.removalsByCountry) out.push(`| ${c.country} | ${c.legs} | ${c.possible} | ${c.previousMonth} |`);
  if (r.passengers) {
    const p = r.passengers;
    const k = (x: number) => x.toLocaleString('en-US');
    out.push('', `People on board (estimate): about ${k(p.point)} on ${p.flights} removal leg(s) (80% interval ${k(p.low)}–${k(p.high)}, the flights' intervals summed); ${p.models.join(' and ')} model (docs/passengers.md).`);
  }
  out.push('', '## By operator', '');
  for (const o of r.removalsByOperator) out.push(`- ${o.operator}: ${o.legs}`);
  out.push('', '## By US departure airport', '');
  for (const a of r.removalsByAirport) out.push(`- ${a.airport}: ${a.legs}`);
  if (r.claims.length) {
    out.push('', '## Claims of the month', '', '| claim | said by, when | verdict | data | why |', '|---|---|---|---:|---|');
    const cell = (t: string) => t.replace(/\|/g, '\\|');
    for (const c of r.claims) out.push(`| "${cell(c.words)}" | ${cell(c.saidBy)}, ${c.when} | ${c.verdict} | ${c.figure === null ? '' : `${c.figure.toLocaleString('en-US')}${c.generated ? ' (GENERATED)' : ''}`} | ${cell(c.why)} |`);
  }
  out.push('', `Rule: ${r.rule}`, '', '## Sources', '');
  for (const s of r.sources) out.push(`- ${s.file} (source ${s.sourceId}, ${s.format}${s.generated ? ', GENERATED' : ''}): ${s.rowsUsed} rows, sha256 \`${s.sha256}\``);
  return out.join('\n');
}
