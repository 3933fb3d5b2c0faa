import { usageError } from '../errors.ts';

/**
 * Loose values of a question's parameters, normalised once here for the command line and the API
 * alike; answers work on the canonical forms. Each throws a usage error (exit 2 on the command
 * line, 400 from the API) naming the option or parameter (`label`) and what was expected.
 */

/** A fiscal year: 2024, FY2024, fy24. */
export function maybeFiscalYear(value: string | undefined, label = '--fy'): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(?:fy)?(\d{2}|\d{4})$/i.exec(value.trim());
  if (!m) throw usageError(`${label} expects a fiscal year such as 2024 or FY2024, got "${clip(value)}"`);
  const n = Number(m[1]);
  const year = n < 100 ? 2000 + n : n;
  if (year < 1990 || year > 2100) throw usageError(`${label} expects a fiscal year between 1990 and 2100, got "${clip(value)}"`);
  return year;
}

/** A calendar month: 2024-05. */
export function maybeMonth(value: string | undefined, label: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{1,2})$/.exec(value.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw usageError(`${label} expects a month as YYYY-MM, got "${clip(value)}"`);
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

/** A date: 2024-06-04 (or a full ISO time), returned as an ISO instant with Z. */
export function maybeDate(value: string | undefined, label: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    throw usageError(`${label} expects a date as YYYY-MM-DD (UTC) or an ISO time, got "${clip(value)}"`);
  }
  const withZone = /T|\s/.test(text) ? (/(Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`) : `${text}T00:00:00Z`;
  const date = new Date(withZone.replace(' ', 'T'));
  // Date() rolls 2024-02-30 over into March: refuse a day the month does not have.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const real = new Date(Date.UTC(y, m - 1, d));
  if (Number.isNaN(date.getTime()) || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== d) throw usageError(`${label}: "${clip(value)}" is not a real date`);
  return date.toISOString();
}

/** One of a fixed set of words. */
export function maybeOneOf<T extends string>(value: string | undefined, allowed: readonly T[], label: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw usageError(`${label} expects one of ${allowed.join(', ')}, got "${clip(value)}"`);
  return value as T;
}

/** A whole number, within `min` and `max` when given. */
export function maybeInteger(value: string | undefined, label: string, { min, max }: { min?: number; max?: number } = {}): number | undefined {
  if (value === undefined) return undefined;
  const range = min !== undefined && max !== undefined ? ` from ${min} to ${max}` : '';
  if (!/^\d{1,9}$/.test(value.trim())) throw usageError(`${label} expects a whole number${range}, got "${clip(value)}"`);
  const n = Number(value);
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) throw usageError(`${label} expects a whole number${range}, got ${n}`);
  return n;
}

/** Aircraft, comma-separated: ICAO 24-bit addresses (lower case) or registrations (upper case). */
export function maybeAircraftList(value: string | undefined, label: string): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((a) => a.trim()).filter(Boolean);
  if (list.length === 0) throw usageError(`${label} expects ICAO addresses (a960a9) or registrations (N703KW), comma-separated, got "${clip(value)}"`);
  return list.map((a) => {
    if (/^[0-9a-f]{6}$/i.test(a)) return a.toLowerCase();
    if (/^[a-z0-9-]{2,10}$/i.test(a)) return a.toUpperCase();
    throw usageError(`${label} expects ICAO addresses (a960a9) or registrations (N703KW), comma-separated, got "${clip(value)}"`);
  });
}

/** An ICAO airport code: KAEX. */
export function maybeAirport(value: string | undefined, label: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{4}$/.test(text)) throw usageError(`${label} expects an ICAO airport code such as KAEX, got "${clip(value)}"`);
  return text;
}

/** An ICAO aircraft type designator: B734. */
export function maybeAircraftType(value: string | undefined, label: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toUpperCase();
  if (!/^[A-Z0-9]{2,4}$/.test(text)) throw usageError(`${label} expects an ICAO type designator such as B734, got "${clip(value)}"`);
  return text;
}

/** A value as a message may quote it: short, without control characters. */
export const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text).replace(/[\u0000-\u001f\u007f]/g, '?');
