import { usageError } from '../errors.ts';
import { maybeCountry } from '../countries/countries.ts';
import { clip } from './params.ts';

/**
 * A country: CN, cn, China, or any spelling in the alias table. Apart from params.ts so that the
 * country table (and its CSV reader) loads only when a country is given.
 */
export function maybeCountryOption(value: string | undefined, label: string): string | undefined {
  if (value === undefined) return undefined;
  const code = maybeCountry(value);
  if (!code) throw usageError(`${label}: "${clip(value)}" is not a country code or a known country name`);
  return code;
}
