import { usageError } from '../errors.ts';
import { maybeCountry } from '../countries/countries.ts';

/**
 * Loose command-line values, normalised once here; commands work on the canonical forms.
 * Each throws a usage error (exit 2) naming the option and what was expected.
 */

/** A fiscal year: 2024, FY2024, fy24. */
export function maybeFiscalYear(value: string | undefined, option = '--fy'): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(?:fy)?(\d{2}|\d{4})$/i.exec(value.trim());
  if (!m) throw usageError(`${option} expects a fiscal year such as 2024 or FY2024, got "${value}"`);
  const n = Number(m[1]);
  const year = n < 100 ? 2000 + n : n;
  if (year < 1990 || year > 2100) throw usageError(`${option} expects a fiscal year between 1990 and 2100, got "${value}"`);
  return year;
}

/** A calendar month: 2024-05. */
export function maybeMonth(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{1,2})$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw usageError(`${option} expects a month as YYYY-MM, got "${value}"`);
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

/** A date: 2024-06-04 (or a full ISO time), returned as an ISO instant with Z. */
export function maybeDate(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    throw usageError(`${option} expects a date as YYYY-MM-DD (UTC) or an ISO time, got "${value}"`);
  }
  const withZone = /T|\s/.test(text) ? (/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`) : `${text}T00:00:00Z`;
  const date = new Date(withZone.replace(' ', 'T'));
  // Date() rolls 2024-02-30 over into March: refuse a day the month does not have.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const real = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(date.getTime()) || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) throw usageError(`${option}: "${value}" is not a real date`);
  return date.toISOString();
}

/** A country: CN, cn, China, or any spelling in the alias table. */
export function maybeCountryOption(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const code = maybeCountry(value);
  if (!code) throw usageError(`${option}: "${value}" is not a country code or a known country name`);
  return code;
}

/** One of a fixed set of words. */
export function maybeOneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw usageError(`${option} expects one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}
