import { countryByCode } from '../countries/countries.ts';
import { citeDesignationSources, designations } from '../query/statistics.ts';
import type { Store } from '../store/store.ts';
import type { SourceRef } from './provenance.ts';

export interface CooperationEntry {
  asOf: string;
  list: string;
  /** How many countries the list had, where reported. */
  listSize: number | null;
  /** named: the source names this country on the list; not-named: it names others but not this one; unknown: it names none. */
  status: 'named' | 'not-named' | 'unknown';
  citation: string;
}

export interface CooperationAnswer {
  country: string;
  countryName: string;
  history: CooperationEntry[];
  /** The latest entry that names the country, if any. */
  lastNamed: CooperationEntry | null;
  rule: string;
  sources: SourceRef[];
}

/**
 * A country's place on ICE's cooperation lists over time, as publicly reported. ICE does not
 * publish the lists: an entry that names no countries says nothing about this one ("unknown").
 */
export async function cooperationAnswer(store: Store, country: string): Promise<CooperationAnswer> {
  const rows = await designations(store);
  const history = rows.map((r) => ({
    asOf: r.as_of,
    list: r.list,
    listSize: r.count,
    status: (r.countries.length === 0 ? 'unknown' : r.countries.includes(country) ? 'named' : 'not-named') as CooperationEntry['status'],
    citation: r.citation,
  }));
  const named = history.filter((h) => h.status === 'named');
  return {
    country,
    countryName: countryByCode(country)?.name ?? country,
    history,
    lastNamed: named.at(-1) ?? null,
    rule: 'Each reported list, in date order; "named" where the source names the country, "not named" where it names others but not it, "unknown" where it names none. A partial list (some sources name only the hardest cases) does not show a country is off the list.',
    sources: await citeDesignationSources(store),
  };
}

export function renderCooperation(a: CooperationAnswer): string {
  const label = { named: 'NAMED', 'not-named': 'not named', unknown: 'unknown (no countries named)' } as const;
  const lines = [`${a.countryName} (${a.country}) on ICE cooperation lists, as reported:`];
  for (const h of a.history) lines.push(`  ${h.asOf.padEnd(10)} ${h.list.padEnd(26)} ${String(h.listSize ?? '?').padStart(3)} countries  ${label[h.status].padEnd(28)} ${h.citation}`);
  lines.push(`  Rule: ${a.rule}`, '  Sources:');
  for (const s of a.sources) lines.push(`    ${s.file} (source ${s.sourceId}): ${s.rowsUsed} rows, sha256 ${s.sha256}`);
  return lines.join('\n');
}
