import { readFileSync } from 'node:fs';
import { parseCsv } from '../ingest/csv.ts';
import { dataPath } from '../paths.ts';

/** Codes that are not countries but stand for a group in the sources. */
export const NOT_A_COUNTRY = new Set(['OTHER', 'UNKNOWN']);

export interface Country {
  code: string;
  name: string;
}

/**
 * The one spelling-insensitive form of a country name used for matching: upper case,
 * `&` as AND, apostrophes dropped, every other run of punctuation or space as one space.
 * `sqlNormalizeName` in the store is the same rule in SQL; keep the two together.
 *
 * @example normalizeName("China, People's Republic") === 'CHINA PEOPLES REPUBLIC'
 */
export function normalizeName(name: string): string {
  return name
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/['’]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** The same rule as `normalizeName`, as a DuckDB expression over `expr`. */
export function sqlNormalizeName(expr: string): string {
  return `trim(regexp_replace(replace(replace(upper(${expr}), '&', ' AND '), '''', ''), '[^A-Z0-9]+', ' ', 'g'))`;
}

interface CountryTables {
  byCode: Map<string, Country>;
  byName: Map<string, string>;
  aliases: { alias: string; code: string; source: string }[];
}

let tables: CountryTables | undefined;

function load(): CountryTables {
  if (tables) return tables;
  const byCode = new Map<string, Country>();
  const byName = new Map<string, string>();
  for (const row of parseCsv(readFileSync(dataPath('reference/countries.csv'), 'utf8'))) {
    const { code, name } = row as { code: string; name: string };
    byCode.set(code, { code, name });
    byName.set(normalizeName(name), code);
    byName.set(code, code);
  }
  for (const code of NOT_A_COUNTRY) byCode.set(code, { code, name: code === 'OTHER' ? 'Other (all other citizenships)' : 'Unknown' });
  const aliases = parseCsv(readFileSync(dataPath('reference/country-aliases.csv'), 'utf8')) as CountryTables['aliases'];
  for (const { alias, code } of aliases) {
    if (!byCode.has(code)) throw new Error(`country-aliases.csv: alias ${alias} names unknown code ${code}`);
    byName.set(normalizeName(alias), code);
  }
  tables = { byCode, byName, aliases };
  return tables;
}

/** ISO 3166-1 alpha-2 code (or OTHER / UNKNOWN) for any spelling in the shipped sources; undefined if unmatched. */
export function countryCode(name: string): string | undefined {
  return load().byName.get(normalizeName(name));
}

/** The country for a code, or undefined. */
export function countryByCode(code: string): Country | undefined {
  return load().byCode.get(code.toUpperCase());
}

/**
 * Every (name → code) pair for loading into the store: each normalized name, and each name
 * and alias as written in its source (upper case, trimmed), so that a bulk load can match most
 * rows with a plain equality and normalize only the rest.
 */
export function countryNameTable(): { name: string; code: string }[] {
  const { byName, byCode, aliases } = load();
  const table = new Map(byName);
  for (const { alias, code } of aliases) table.set(alias.trim().toUpperCase(), code);
  for (const { code, name } of byCode.values()) table.set(name.trim().toUpperCase(), code);
  return [...table].map(([name, code]) => ({ name, code }));
}

/**
 * Reads a user's country argument (`CN`, `cn`, `China`, `CHINA, PEOPLES REPUBLIC OF`) as a code.
 * Returns undefined when nothing matches.
 */
export function maybeCountry(input: string): string | undefined {
  const trimmed = input.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && load().byCode.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return countryCode(trimmed);
}
