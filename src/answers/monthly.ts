import type { Store } from '../store/store.ts';
import { LEG_KINDS } from '../tracks/classify.ts';
import { citeLegSources } from '../query/leg-sources.ts';
import { countChains, countLegs, legSpan } from '../query/legs.ts';
import { countFlights } from './flights.ts';
import { listLegs } from './legs.ts';
import { estimateLeg, sumEstimates } from './passengers.ts';
import type { SourceRef } from './provenance.ts';
import { checkClaim, type ClaimCheck } from './claims.ts';
import type { ClaimFile } from './claims-file.ts';


export interface MonthlyReport {
  month: string;
  /**
   * Whether the data hold any leg dated in the month. A month without data is not a month of
   * zero flights: its figures are null and the report says "no data".
   */
  hasData: boolean;
  /** Without data: what the report says instead of its tables ("No data for 2023-01: …"); null with data. */
  noData: string | null;
  /** The first and last month of the data (null: no legs at all). */
  dataSpan: { first: string; last: string } | null;
  /** The months the averages are over: those of the six before the month that the data cover. */
  averageMonths: string[];
  /**
   * Legs by kind this month, the month before, and the average over `averageMonths`. Null where
   * the month in question has no data (never 0 for "no data").
   */
  kinds: { kind: string; legs: number | null; previousMonth: number | null; average: number | null; change: number | null }[];
  /** Firm removal legs by country, and the possible removals beside them (never added); previousMonth null: no data that month. */
  removalsByCountry: { country: string; name: string | null; legs: number; possible: number; previousMonth: number | null }[];
  removalsByOperator: { operator: string; legs: number }[];
  removalsByAirport: { airport: string; legs: number }[];
  /** Removal legs: each flight counted once (null: no data). */
  removalLegs: number | null;
  /** Missions (chains of legs) with at least one removal leg: a multi-stop mission counts once (null: no data). */
  missions: number | null;
  countries: number | null;
  /**
   * People estimated on the month's removal legs (estimateLeg, the function every answer uses):
   * the sum and its interval, the models used, and per country. Null when no leg has an estimate.
   */
  passengers: { low: number; point: number; high: number; flights: number; models: string[]; byCountry: { country: string; low: number; point: number; high: number }[] } | null;
  /** Every leg of the month with its ends, for maps and tables. */
  routes: { legId: number; kind: string | null; registration: string | null; from: string | null; to: string | null; fromCountry: string | null; toCountry: string | null; departure: string | null; generated: boolean }[];
  /** The twelve months up to this one: legs per month by kind, for the chart; a month without data has `hasData` false and null counts. */
  trend: { month: string; hasData: boolean; removal: number | null; return: number | null; domestic: number | null; lateral: number | null }[];
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
 * `countFlights` (legs read through the counted_legs view, dated by departure, else arrival, else the day
 * the record gives), so the report agrees with `charterwatch flights count` for the same month.
 */
export async function monthlyReport(store: Store, { month, claims: claimFiles = [] }: { month: string; claims?: ClaimFile[] }): Promise<MonthlyReport> {
  const first = shiftMonth(month, -11);
  const start = (m: string) => `${m}-01`;
  const next = start(shiftMonth(month, 1));
  const previous = shiftMonth(month, -1);
  const byMonthAndKind = await countFlights(store, { from: start(first), to: next, by: 'month', then: 'kind', cite: false });
  // A month with no legs at all is outside the data, not a month of zero flights.
  const hasLegs = (m: string) => byMonthAndKind.rows.some((r) => r.key === m);
  const get = (m: string, kind: string): number | null => (hasLegs(m) ? (byMonthAndKind.rows.find((r) => r.key === m)?.cells?.[kind] ?? 0) : null);
  const six = Array.from({ length: 6 }, (_, i) => shiftMonth(month, -(i + 1)));
  // The average is over the months of the six that the data cover, and names them.
  const covered = six.filter(hasLegs).reverse();
  const hasData = hasLegs(month);
  const span = await legSpan(store);
  const dataSpan = span ? { first: span.first.slice(0, 7), last: span.last.slice(0, 7) } : null;
  const kinds = LEG_KINDS.map((kind) => {
    const legs = get(month, kind);
    const previousMonth = get(previous, kind);
    const average = covered.length ? Math.round((covered.reduce((a, m) => a + (get(m, kind) ?? 0), 0) / covered.length) * 10) / 10 : null;
    return { kind, legs, previousMonth, average, change: legs !== null && previousMonth !== null ? legs - previousMonth : null };
  });
  const removals = (by: 'country' | 'operator' | 'us-airport', m = month) =>
    countFlights(store, { kind: 'removal', from: start(m), to: start(shiftMonth(m, 1)), by, unknownKey: 'unknown', cite: false });
  const [thisMonth, monthBefore] = [await removals('country'), await removals('country', previous)];
  const removalsByCountry = thisMonth.rows.map((r) => ({ country: r.key, name: r.name, legs: r.legs, possible: r.possible ?? 0, previousMonth: hasLegs(previous) ? (monthBefore.rows.find((p) => p.key === r.key)?.legs ?? 0) : null }));
  const removalsByOperator = (await removals('operator')).rows.map((r) => ({ operator: r.key, legs: r.legs }));
  const removalsByAirport = (await removals('us-airport')).rows.map((r) => ({ airport: r.key, legs: r.legs }));
  const inMonth = { kind: 'removal', from: start(month), to: next } as const;
  // A mission is a chain of legs: one with several removal legs (a multi-stop mission) counts
  // once; a removal leg no mission holds is a chain of its own.
  const missions = await countChains(store, inMonth);
  const removalLegCount = await countLegs(store, inMonth);
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
    month: m, hasData: hasLegs(m), removal: get(m, 'removal'), return: get(m, 'return'), domestic: get(m, 'domestic'), lateral: get(m, 'lateral'),
  }));
  // Every leg of the twelve months the report shows (the trend), read as counted.
  const sources = await citeLegSources(store, { from: start(first), to: next });
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
    hasData,
    noData: hasData ? null : noDataText({ month, dataSpan }),
    dataSpan,
    averageMonths: covered,
    kinds,
    removalsByCountry,
    removalsByOperator,
    removalsByAirport,
    removalLegs: hasData ? removalLegCount : null,
    missions: hasData ? missions : null,
    countries: hasData ? thisMonth.countries : null,
    passengers,
    routes,
    trend,
    generated: routes.some((r) => r.generated),
    claims,
    rule: `Legs dated in ${month} (UTC; by departure, else arrival, else the day the record gives), counted as "charterwatch flights count" counts them, by the kind the classification gave them; a leg is one flight, a mission a chain of legs (counted once however many stops); "previous month" is ${previous}${hasLegs(previous) ? '' : ' (no data)'}; the average is over the months from ${six.at(-1)} to ${six[0]} that the data cover (${covered.length ? covered.join(', ') : 'none: no average'}); a month without data reads "no data", never 0.`,
    sources,
  };
}

/** What a month without data says instead of a table of zeros. */
export function noDataText(r: Pick<MonthlyReport, 'month' | 'dataSpan'>): string {
  return `No data for ${r.month}: the database holds no leg dated in that month (${r.dataSpan ? `its legs run from ${r.dataSpan.first} to ${r.dataSpan.last}` : 'it holds no legs at all'}). This is not a count of zero flights.`;
}

/** "the average of 2024-05" / "the average of 3 months (2024-03, 2024-04, 2024-05)" / null. */
export function averageLabel(months: string[]): string {
  return months.length === 0 ? 'average (no month with data)' : months.length === 1 ? `average of ${months[0]}` : `average of ${months.length} months (${months.join(', ')})`;
}

const shown = (x: number | null) => (x === null ? 'no data' : String(x));
const signed = (x: number | null) => (x === null ? '–' : `${x >= 0 ? '+' : ''}${x}`);

/** The report as Markdown (also the CLI's text output). */
export function monthlyMarkdown(r: MonthlyReport): string {
  const out = [`# Removal flight report, ${r.month}`, ''];
  if (!r.hasData) {
    out.push(r.noData ?? noDataText(r));
    return out.join('\n');
  }
  if (r.generated) out.push('> This month includes GENERATED (synthetic demo) flights.', '');
  out.push(`| kind | legs | previous month | change | ${averageLabel(r.averageMonths)} |`, '|---|---:|---:|---:|---:|');
  for (const k of r.kinds) out.push(`| ${k.kind} | ${shown(k.legs)} | ${shown(k.previousMonth)} | ${signed(k.change)} | ${k.average ?? '–'} |`);
  out.push('', `${r.removalLegs} removal leg(s) (flights) in ${r.missions} mission(s) (chains of legs, a multi-stop mission counted once), to ${r.countries} countries.`, '', '## Removal legs by destination country', '', '| country | legs | possible (not in legs) | previous month |', '|---|---:|---:|---:|');
  for (const c of r.removalsByCountry) out.push(`| ${c.country}${c.name ? ` ${c.name}` : ''} | ${c.legs} | ${c.possible} | ${shown(c.previousMonth)} |`);
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
