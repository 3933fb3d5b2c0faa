import { countryByCode } from '../countries/countries.ts';
import { citeRemovalSources, encountersByFiscalYear, removalsByYear } from '../query/statistics.ts';
import type { Store } from '../store/store.ts';
import { datasetReach, reachText } from '../query/reach.ts';
import type { SourceRef } from './provenance.ts';

export interface RemovalsAnswer {
  citizenship: string | null;
  countryName: string | null;
  /** One row per fiscal year (and country when no citizenship is asked). */
  rows: { fiscalYear: number; citizenship: string | null; citizenshipRaw: string; removals: number }[];
  /** Encounters of the same citizenship in the same fiscal years, where loaded (CBP nationwide, whole years only). */
  encounters: { fiscalYear: number; encounters: number; months: number }[];
  /** The first and last fiscal year of ICE removals in the database (FY2017, FY2024); null when none is loaded. */
  coverage: { from: string; to: string } | null;
  /** The last month the loaded removals reach (the September that ends the last fiscal year). */
  dataEnd: string | null;
  /** The same in words: "ICE removals data end FY2024 (2024-09)". */
  reach: string;
  rule: string;
  sources: SourceRef[];
}

/** ICE removals by citizenship and fiscal year, next to encounters of that citizenship where both exist. */
export async function removalsAnswer(store: Store, { citizenship, fiscalYear }: { citizenship?: string; fiscalYear?: number }): Promise<RemovalsAnswer> {
  const rows = await removalsByYear(store, { citizenship, fiscalYear });
  const encounters = citizenship ? await encountersByFiscalYear(store, citizenship) : [];
  const sources = await citeRemovalSources(store, { citizenship, fiscalYear });
  const reach = await datasetReach(store, 'ice-removals');
  return {
    citizenship: citizenship ?? null,
    countryName: citizenship ? (countryByCode(citizenship)?.name ?? citizenship) : null,
    rows: rows.map((r) => ({ fiscalYear: r.fiscal_year, citizenship: r.citizenship, citizenshipRaw: r.citizenship_raw, removals: r.n })),
    encounters: encounters.map((e) => ({ fiscalYear: e.fiscal_year, encounters: e.n, months: e.months })),
    coverage: reach.first && reach.last ? { from: reach.first, to: reach.last } : null,
    dataEnd: reach.dataEnd,
    reach: reachText(reach),
    rule: 'ICE removals as published per country of citizenship and fiscal year; where two loaded tables give the same year and country, the later loaded one is used.',
    sources,
  };
}

export function renderRemovals(a: RemovalsAnswer): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [a.citizenship ? `ICE removals of ${a.countryName} (${a.citizenship}) citizens` : 'ICE removals by country of citizenship'];
  if (a.rows.length === 0) lines.push('  No removals rows for this selection in the database.');
  for (const r of a.rows) lines.push(`  FY${r.fiscalYear}  ${(a.citizenship ? '' : `${(r.citizenship ?? '??').padEnd(8)}${r.citizenshipRaw.padEnd(28)}`)}${n(r.removals).padStart(9)}`);
  if (a.citizenship) {
    if (a.encounters.length === 0) lines.push('  No CBP nationwide encounters of this citizenship in the database for comparison.');
    for (const e of a.encounters) {
      const rem = a.rows.find((r) => r.fiscalYear === e.fiscalYear);
      lines.push(`  FY${e.fiscalYear} CBP encounters ${n(e.encounters)}${e.months < 12 ? ` (${e.months} months)` : ''}${rem ? `; removals ${n(rem.removals)}` : '; no removals figure for that year'}`);
    }
  }
  lines.push(`  Data reach: ${a.reach}.`, `  Rule: ${a.rule}`, '  Sources:');
  for (const s of a.sources) lines.push(`    ${s.file} (source ${s.sourceId}): ${n(s.rowsUsed)} rows, sha256 ${s.sha256}`);
  return lines.join('\n');
}
