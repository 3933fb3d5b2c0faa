import { usageError } from '../errors.ts';
import { maybeCountryOption, maybeDate, maybeFiscalYear, maybeMonth, maybeOneOf } from '../cli/options.ts';

/**
 * Query parameters, declared once per endpoint: the declaration validates a request (every
 * parameter, unknown ones included, gets a clear 400) and describes it in `/openapi.json`.
 */
export type ParamType = 'date' | 'month' | 'fiscalYear' | 'country' | 'enum' | 'integer' | 'aircraft' | 'aircraftType' | 'airport';

export interface ParamSpec {
  name: string;
  type: ParamType;
  description: string;
  values?: readonly string[];
  min?: number;
  max?: number;
  default?: string | number;
  required?: boolean;
}

export type ParamValues = Record<string, string | number | undefined>;

/** Longest value any parameter may have: enough for an ISO time or a country name. */
const MAX_VALUE_LENGTH = 100;

/**
 * Validates `query` (the request's URL search parameters) against `specs` and returns canonical
 * values: dates as ISO instants with Z, countries as ISO-2, months as YYYY-MM, integers as numbers.
 * Throws a usage error (HTTP 400) naming the parameter and what was expected.
 */
export function parseParams(query: URLSearchParams, specs: readonly ParamSpec[]): ParamValues {
  const known = new Map(specs.map((s) => [s.name, s]));
  const seen = new Set<string>();
  for (const [name, value] of query) {
    if (!known.has(name)) {
      throw usageError(`unknown parameter "${clip(name)}"; this endpoint takes ${specs.length ? specs.map((s) => s.name).join(', ') : 'no parameters'}`);
    }
    if (seen.has(name)) throw usageError(`parameter "${name}" given more than once`);
    seen.add(name);
    checkText(name, value);
  }
  const out: ParamValues = {};
  for (const spec of specs) {
    const raw = query.get(spec.name) ?? undefined;
    if (raw === undefined || raw === '') {
      if (spec.required) throw usageError(`parameter "${spec.name}" is required: ${spec.description}`);
      out[spec.name] = spec.default;
      continue;
    }
    out[spec.name] = parseOne(spec, raw);
  }
  checkRange(out, specs);
  return out;
}

/**
 * A period must not end before it starts: `from` after `to` is a 400, not an empty answer that
 * looks like "nothing happened". The API's `to` is the last day, inclusive, so from = to is one day.
 */
function checkRange(values: ParamValues, specs: readonly ParamSpec[]): void {
  const from = specs.find((s) => s.name === 'from' && s.type === 'date') ? values.from : undefined;
  const to = specs.find((s) => s.name === 'to' && s.type === 'date') ? values.to : undefined;
  if (typeof from === 'string' && typeof to === 'string' && Date.parse(from) > Date.parse(to)) {
    throw usageError(`from (${from.slice(0, 10)}) is after to (${to.slice(0, 10)}): give the first day as from and the last as to`);
  }
}

/** Validates one path segment (e.g. a country code in /api/countries/:code) the same way. */
export function parsePathParam(spec: ParamSpec, value: string): string | number {
  checkText(spec.name, value);
  const parsed = parseOne(spec, value);
  if (parsed === undefined) throw usageError(`${spec.name} is required`);
  return parsed;
}

function checkText(name: string, value: string): void {
  if (value.length > MAX_VALUE_LENGTH) throw usageError(`parameter "${name}" is too long (${value.length} characters, at most ${MAX_VALUE_LENGTH})`);
  // Control characters (NUL included) never belong in a parameter.
  if (/[\u0000-\u001f\u007f]/.test(value)) throw usageError(`parameter "${name}" contains a control character`);
}

function parseOne(spec: ParamSpec, raw: string): string | number | undefined {
  const option = spec.name;
  switch (spec.type) {
    case 'date': {
      const iso = maybeDate(raw, option)!;
      // new Date() rolls 2024-02-30 over to 1 March: the day written must be the day parsed.
      const written = /^(\d{4}-\d{2}-\d{2})(?:$|T00:00(?::00(?:\.0+)?)?Z?$)/.exec(raw.trim())?.[1];
      if (written && iso.slice(0, 10) !== written) throw usageError(`${option}: "${clip(raw)}" is not a real date`);
      return iso;
    }
    case 'month':
      return maybeMonth(raw, option);
    case 'fiscalYear':
      return maybeFiscalYear(raw, option);
    case 'country':
      return maybeCountryOption(raw, option);
    case 'enum':
      return maybeOneOf(raw, spec.values ?? [], option);
    case 'integer': {
      if (!/^\d{1,9}$/.test(raw.trim())) throw usageError(`${option} expects a whole number${rangeText(spec)}, got "${clip(raw)}"`);
      const n = Number(raw);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) throw usageError(`${option} expects a whole number${rangeText(spec)}, got ${n}`);
      return n;
    }
    case 'aircraft': {
      const text = raw.trim();
      if (/^[0-9a-f]{6}$/i.test(text)) return text.toLowerCase();
      if (/^[a-z0-9-]{2,10}$/i.test(text)) return text.toUpperCase();
      throw usageError(`${option} expects an ICAO 24-bit address (a960a9) or a registration (N703KW), got "${clip(raw)}"`);
    }
    case 'airport': {
      const text = raw.trim().toUpperCase();
      if (!/^[A-Z0-9]{4}$/.test(text)) throw usageError(`${option} expects an ICAO airport code such as KAEX, got "${clip(raw)}"`);
      return text;
    }
    case 'aircraftType': {
      const text = raw.trim().toUpperCase();
      if (!/^[A-Z0-9]{2,4}$/.test(text)) throw usageError(`${option} expects an ICAO type designator such as B734, got "${clip(raw)}"`);
      return text;
    }
  }
}

const rangeText = (s: ParamSpec) => (s.min !== undefined && s.max !== undefined ? ` from ${s.min} to ${s.max}` : '');
const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text).replace(/[\u0000-\u001f\u007f]/g, '?');

/** The OpenAPI 3.1 description of a parameter list. */
export function openApiParameters(specs: readonly ParamSpec[], where: 'query' | 'path' = 'query'): object[] {
  return specs.map((s) => ({
    name: s.name,
    in: where,
    required: where === 'path' || s.required === true,
    description: s.description,
    schema: schemaOf(s),
  }));
}

function schemaOf(s: ParamSpec): object {
  switch (s.type) {
    case 'integer':
      return { type: 'integer', minimum: s.min, maximum: s.max, default: s.default };
    case 'enum':
      return { type: 'string', enum: s.values, default: s.default };
    case 'date':
      return { type: 'string', format: 'date', examples: ['2024-06-04'] };
    case 'month':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}$', examples: ['2024-06'] };
    case 'fiscalYear':
      return { type: 'string', examples: ['2024', 'FY2024'] };
    case 'country':
      return { type: 'string', examples: ['CN', 'China'] };
    case 'aircraft':
      return { type: 'string', examples: ['a960a9', 'N703KW'] };
    case 'aircraftType':
      return { type: 'string', examples: ['B734'] };
    case 'airport':
      return { type: 'string', pattern: '^[A-Za-z0-9]{4}$', examples: ['KAEX'] };
  }
}
