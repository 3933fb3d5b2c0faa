import type { Store } from '../store/store.ts';
import { citeSources, type SourceRef } from './provenance.ts';

export const LEG_KINDS = ['removal', 'return', 'domestic', 'lateral', 'foreign', 'other'] as const;

export interface MonthlyReport {
  month: string;
  /** Legs by kind this month, the month before, and the average of the six months before. */
  kinds: { kind: string; legs: number; previousMonth: number; sixMonthAverage: number; change: number }[];
  removalsByCountry: { country: string; legs: number; previousMonth: number }[];
  removalsByOperator: { operator: string; legs: number }[];
  removalsByAirport: { airport: string; legs: number }[];
  missions: number;
  countries: number;
  /** Every leg of the month with its ends, for maps and tables. */
  routes: { legId: number; kind: string | null; registration: string | null; from: string | null; to: string | null; fromCountry: string | null; toCountry: string | null; departure: string | null; generated: boolean }[];
  /** The twelve months up to this one: removal legs per month, for the chart. */
  trend: { month: string; removal: number; return: number; domestic: number; lateral: number }[];
  generated: boolean;
  rule: string;
  sources: SourceRef[];
}

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** The monthly flight report that monitors compile by hand today, from the legs table. */
export async function monthlyReport(store: Store, { month }: { month: string }): Promise<MonthlyReport> {
  const first = shiftMonth(month, -11);
  const from = `${shiftMonth(month, -6)}-01T00:00:00Z`;
  const to = `${shiftMonth(month, 1)}-01T00:00:00Z`;
  const monthOf = `strftime(coalesce(dep_time, arr_time) AT TIME ZONE 'UTC', '%Y-%m')`;
  const rows = await store.all<{ m: string; kind: string | null; n: number }>(
    `SELECT ${monthOf} AS m, kind, count(*)::INTEGER AS n FROM legs WHERE ${monthOf} BETWEEN ? AND ? GROUP BY ALL`,
    [first, month],
  );
  const get = (m: string, kind: string) => rows.filter((r) => r.m === m && r.kind === kind).reduce((a, r) => a + r.n, 0);
  const six = Array.from({ length: 6 }, (_, i) => shiftMonth(month, -(i + 1)));
  // A month with no legs at all is outside the data, not a month of zero flights: the average
  // is over the months of the six that the data cover.
  const covered = six.filter((m) => rows.some((r) => r.m === m));
  const kinds = LEG_KINDS.map((kind) => {
    const legs = get(month, kind);
    const previousMonth = get(shiftMonth(month, -1), kind);
    const sixMonthAverage = covered.length ? Math.round((covered.reduce((a, m) => a + get(m, kind), 0) / covered.length) * 10) / 10 : 0;
    return { kind, legs, previousMonth, sixMonthAverage, change: legs - previousMonth };
  });
  const byCountry = await store.all<{ country: string; m: string; n: number }>(
    `SELECT coalesce(arr_country, 'unknown') AS country, ${monthOf} AS m, count(*)::INTEGER AS n FROM legs
     WHERE kind = 'removal' AND ${monthOf} IN (?, ?) GROUP BY ALL`,
    [month, shiftMonth(month, -1)],
  );
  const countries = [...new Set(byCountry.filter((r) => r.m === month).map((r) => r.country))];
  const removalsByCountry = countries
    .map((country) => ({
      country,
      legs: byCountry.find((r) => r.country === country && r.m === month)?.n ?? 0,
      previousMonth: byCountry.find((r) => r.country === country && r.m === shiftMonth(month, -1))?.n ?? 0,
    }))
    .sort((a, b) => b.legs - a.legs || a.country.localeCompare(b.country));
  const groupBy = async (column: string) =>
    store.all<{ key: string; legs: number }>(
      `SELECT coalesce(${column}, 'unknown') AS key, count(*)::INTEGER AS legs FROM legs WHERE kind = 'removal' AND ${monthOf} = ? GROUP BY 1 ORDER BY 2 DESC, 1`,
      [month],
    );
  const removalsByOperator = (await groupBy('operator')).map((r) => ({ operator: r.key, legs: r.legs }));
  const removalsByAirport = (await groupBy('dep_airport')).map((r) => ({ airport: r.key, legs: r.legs }));
  const missions = Number(await store.value(`SELECT count(DISTINCT mission_id) FROM legs WHERE kind = 'removal' AND mission_id IS NOT NULL AND ${monthOf} = ?`, [month]));
  const routes = await store.all<MonthlyReport['routes'][number]>(
    `SELECT id AS "legId", kind, registration, dep_airport AS "from", arr_airport AS "to", dep_country AS "fromCountry", arr_country AS "toCountry",
            strftime(dep_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS departure, generated
     FROM legs WHERE ${monthOf} = ? ORDER BY coalesce(dep_time, arr_time), id`,
    [month],
  );
  const trend = Array.from({ length: 12 }, (_, i) => shiftMonth(first, i)).map((m) => ({
    month: m, removal: get(m, 'removal'), return: get(m, 'return'), domestic: get(m, 'domestic'), lateral: get(m, 'lateral'),
  }));
  const sources = await citeSources(
    store,
    `SELECT coalesce(l.source_id, p.source_id) AS source_id, count(*)::BIGINT AS rows FROM legs l
     LEFT JOIN (SELECT DISTINCT icao24, source_id FROM positions) p ON l.source_id IS NULL AND p.icao24 = l.icao24
     WHERE coalesce(l.dep_time, l.arr_time) >= ?::TIMESTAMPTZ AND coalesce(l.dep_time, l.arr_time) < ?::TIMESTAMPTZ GROUP BY 1`,
    [from, to],
  );
  return {
    month,
    kinds,
    removalsByCountry,
    removalsByOperator,
    removalsByAirport,
    missions,
    countries: removalsByCountry.filter((c) => c.country !== 'unknown').length,
    routes,
    trend,
    generated: routes.some((r) => r.generated),
    rule: `Legs whose departure (or, if unknown, arrival) falls in ${month} (UTC), by the kind the classification gave them; "previous month" is ${shiftMonth(month, -1)}; the six-month average is over the months from ${six.at(-1)} to ${six[0]} that the data cover (${covered.length ? covered.slice().reverse().join(', ') : 'none'}).`,
    sources,
  };
}

/** The report as Markdown (also the CLI's text output). */
export function monthlyMarkdown(r: MonthlyReport): string {
  const out = [`# Removal flight report, ${r.month}`, ''];
  if (r.generated) out.push('> This month includes GENERATED (synthetic demo) flights.', '');
  out.push('| kind | legs | previous month | change | six-month average |', '|---|---:|---:|---:|---:|');
  for (const k of r.kinds) out.push(`| ${k.kind} | ${k.legs} | ${k.previousMonth} | ${k.change >= 0 ? '+' : ''}${k.change} | ${k.sixMonthAverage} |`);
  out.push('', `${r.missions} removal mission(s) to ${r.countries} countries.`, '', '## Removal legs by destination country', '', '| country | legs | previous month |', '|---|---:|---:|');
  for (const c of r.removalsByCountry) out.push(`| ${c.country} | ${c.legs} | ${c.previousMonth} |`);
  out.push('', '## By operator', '');
  for (const o of r.removalsByOperator) out.push(`- ${o.operator}: ${o.legs}`);
  out.push('', '## By US departure airport', '');
  for (const a of r.removalsByAirport) out.push(`- ${a.airport}: ${a.legs}`);
  out.push('', `Rule: ${r.rule}`, '', '## Sources', '');
  for (const s of r.sources) out.push(`- ${s.file} (source ${s.sourceId}, ${s.format}${s.generated ? ', GENERATED' : ''}): ${s.rowsUsed} rows, sha256 \`${s.sha256}\``);
  return out.join('\n');
}
