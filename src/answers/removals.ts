import { countryByCode } from '../countries/countries.ts';
import type { Store } from '../store/store.ts';
import { datasetReach, reachText } from './dataset-reach.ts';
import { citeSources, type SourceRef } from './provenance.ts';

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
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (citizenship) {
    where.push('citizenship = ?');
    params.push(citizenship);
  }
  if (fiscalYear) {
    where.push('fiscal_year = ?');
    params.push(fiscalYear);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Several ICE tables may repeat a year: the latest loaded source wins for each (year, name).
  const effective = `SELECT * FROM removals QUALIFY row_number() OVER (PARTITION BY fiscal_year, citizenship_raw ORDER BY source_id DESC) = 1`;
  const rows = await store.all<{ fiscal_year: number; citizenship: string | null; citizenship_raw: string; n: number }>(
    `SELECT fiscal_year, citizenship, citizenship_raw, sum(count)::BIGINT AS n FROM (${effective}) ${clause} GROUP BY ALL ORDER BY fiscal_year, n DESC`,
    params,
  );
  const encounters = citizenship
    ? await store.all<{ fiscal_year: number; n: number; months: number }>(
        `SELECT fiscal_year, sum(count)::BIGINT AS n, count(DISTINCT month)::INTEGER AS months FROM encounters_effective
         WHERE dataset = 'cbp-nationwide' AND citizenship = ? GROUP BY ALL ORDER BY fiscal_year`,
        [citizenship],
      )
    : [];
  const sources = await citeSources(store, `SELECT source_id, count(*)::BIGINT AS rows FROM (${effective}) ${clause} GROUP BY source_id`, params);
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
