import { usageError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import {
  clip,
  maybeAircraftList,
  maybeAircraftType,
  maybeAirport,
  maybeDate,
  maybeFiscalYear,
  maybeInteger,
  maybeMonth,
  maybeOneOf,
} from './params.ts';

/**
 * A question declared once, as data: its name, help, parameters (type, default, checks, help
 * text), output formats and how it is answered. The command line's options (src/cli/question.ts),
 * the API's parameter checks (src/server/app.ts) and its OpenAPI document (src/server/openapi.ts)
 * are all made from it, so a parameter means the same wherever it is given. Declarations import
 * nothing heavy: `ask` loads the answer module when the question is asked.
 */

/**
 * What a parameter holds. `date`: a day (2024-06-04) or an ISO time, kept as given (answers echo
 * it) and read as an instant by `instant()`; a period is `from` (inclusive) to `to` (exclusive).
 */
export type ParamType = 'date' | 'month' | 'fiscalYear' | 'country' | 'enum' | 'integer' | 'aircraft' | 'aircraftType' | 'airport' | 'text' | 'file';

export interface Param {
  /** The API's parameter and, unless `cli.flag` says otherwise, the command line's `--name`. */
  name: string;
  type: ParamType;
  help: string;
  /** `enum`: the allowed words. */
  values?: readonly string[];
  /** `enum`: how many words may be given, comma-separated (`--by country,month`); default 1. */
  list?: number;
  min?: number;
  max?: number;
  default?: string | number;
  required?: boolean;
  /** The command line's form: an option (default), a positional argument, or none (API only). */
  cli?: false | { argument?: boolean; required?: boolean; flag?: string; placeholder?: string; default?: string | number; repeatable?: boolean };
  /** The API's form: a query parameter (default), a path segment, or none (command line only). */
  api?: false | { path?: boolean; default?: string | number; values?: () => readonly string[] };
}

/** A parameter's value after its checks: dates as given, numbers, ISO-2 countries, YYYY-MM months, aircraft lists. */
export type Value = string | number | string[] | undefined;
export type Values = Record<string, Value>;

/** Where a question is asked. */
export type Surface = 'cli' | 'api';

export interface Question<A = unknown> {
  /** As the command line spells it: "flights count". */
  name: string;
  /** One line: the command's description and the API's summary. */
  summary: string;
  params: readonly Param[];
  /** Output formats, the first the default (`text` and `md` are the command line's readable forms). */
  formats: readonly string[];
  /** The API path, `{name}` for a path parameter; none: asked on the command line only. */
  path?: string;
  /** The answer, loading its module only now. */
  ask: (store: Store, values: Values) => Promise<A>;
  /** The writer of each format but JSON (the answer itself), loaded when used; the command line and the API write a format with the same one. */
  write?: Partial<Record<string, (answer: A, values: Values) => Promise<string | Uint8Array>>>;
}

/** The parameters a surface takes, in declared order. */
export function paramsOn(question: Question, surface: Surface): Param[] {
  return question.params.filter((p) => (surface === 'cli' ? p.cli !== false : p.api !== false));
}

/** The option or parameter as a message names it: `--from` on the command line, `from` in the API. */
export function labelOf(param: Param, surface: Surface): string {
  if (surface === 'api') return param.name;
  if (param.cli && param.cli.argument) return param.name;
  return `--${flagOf(param)}`;
}

export const flagOf = (param: Param) => (param.cli && param.cli.flag) || param.name;

/** The default on a surface (the API pages lists where the command line prints them whole). */
export function defaultOn(param: Param, surface: Surface): string | number | undefined {
  const own = surface === 'cli' ? (param.cli ? param.cli.default : undefined) : param.api ? param.api.default : undefined;
  return own ?? param.default;
}

/** Whether a surface needs the parameter given. */
export const requiredOn = (param: Param, surface: Surface): boolean => param.required === true || (surface === 'cli' && param.cli !== false && param.cli?.required === true);

/** The allowed words of an enum on a surface. */
export function valuesOn(param: Param, surface: Surface): readonly string[] {
  return (surface === 'api' && param.api && param.api.values?.()) || param.values || [];
}

/** Longest value any parameter may have: enough for an ISO time, a country name or a few aircraft. */
export const MAX_VALUE_LENGTH = 100;

/**
 * Checks the values given on a surface (strings as typed; repeatable options as lists) and returns
 * the canonical values, defaults filled in. Throws a usage error naming the option or parameter.
 */
export async function parseValues(params: readonly Param[], given: Record<string, string | string[] | undefined>, surface: Surface): Promise<Values> {
  const out: Values = {};
  for (const param of params) {
    const label = labelOf(param, surface);
    const raw = given[param.name];
    if (raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) {
      if (requiredOn(param, surface)) throw usageError(`${surface === 'api' ? `parameter "${label}"` : label} is required: ${param.help}`);
      const fallback = defaultOn(param, surface);
      out[param.name] = fallback === undefined ? undefined : await parseOne(param, String(fallback), surface, label);
      continue;
    }
    if (Array.isArray(raw)) {
      out[param.name] = await Promise.all(raw.map(async (r) => String(await parseOne(param, r, surface, label))));
      continue;
    }
    if (surface === 'api') checkText(label, raw);
    out[param.name] = await parseOne(param, raw, surface, label);
  }
  checkPeriod(params, out, surface);
  return out;
}

/**
 * A period must not end before it starts: `from` at or after `to` is a usage error, not an empty
 * answer that looks like "nothing happened". `to` is exclusive, so one day is from=D&to=D+1.
 */
function checkPeriod(params: readonly Param[], values: Values, surface: Surface): void {
  const from = params.find((p) => p.name === 'from' && p.type === 'date');
  const to = params.find((p) => p.name === 'to' && p.type === 'date');
  if (!from || !to || typeof values.from !== 'string' || typeof values.to !== 'string') return;
  if (Date.parse(instant(values.from)!) >= Date.parse(instant(values.to)!)) {
    throw usageError(`${labelOf(from, surface)} (${values.from}) must be before ${labelOf(to, surface)} (${values.to}, the end, exclusive)`);
  }
}

/** Control characters (NUL included) never belong in a parameter, nor values longer than any parameter needs. */
export function checkText(label: string, value: string): void {
  if (value.length > MAX_VALUE_LENGTH) throw usageError(`parameter "${label}" is too long (${value.length} characters, at most ${MAX_VALUE_LENGTH})`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw usageError(`parameter "${label}" contains a control character`);
}

async function parseOne(param: Param, raw: string, surface: Surface, label: string): Promise<Value> {
  switch (param.type) {
    case 'date':
      maybeDate(raw, label);
      return raw.trim();
    case 'month':
      return maybeMonth(raw, label);
    case 'fiscalYear':
      return maybeFiscalYear(raw, label);
    case 'country':
      // The country table is read when a country is given, not when the program starts.
      return (await import('./countries.ts')).maybeCountryOption(raw, label);
    case 'enum': {
      const allowed = valuesOn(param, surface);
      if ((param.list ?? 1) === 1) return maybeOneOf(raw, allowed, label);
      const words = raw.split(',').map((w) => w.trim());
      if (words.length > param.list!) throw usageError(`${label} takes at most ${param.list} of ${allowed.join(', ')}, comma-separated, got "${clip(raw)}"`);
      return words.map((w) => maybeOneOf(w, allowed, label)!);
    }
    case 'integer':
      return maybeInteger(raw, label, param);
    case 'aircraft':
      return maybeAircraftList(raw, label);
    case 'airport':
      return maybeAirport(raw, label);
    case 'aircraftType':
      return maybeAircraftType(raw, label);
    case 'text':
    case 'file': {
      // The API's claim files: one of the shipped names, never a path.
      const allowed = valuesOn(param, surface);
      return allowed.length ? maybeOneOf(raw, allowed, label) : raw;
    }
  }
}

/** A date value as the answers take it: an ISO instant with Z. */
export const instant = (value: Value): string | undefined => (typeof value === 'string' ? maybeDate(value, 'date') : undefined);

/** Declares a question, keeping its answer's type. */
export const declare = <A>(question: Question<A>): Question<A> => question;
