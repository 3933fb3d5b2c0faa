import { usageError } from '../errors.ts';
import { parseValues, type Param, type Values } from '../questions/declare.ts';
import { clip } from '../questions/params.ts';

/**
 * A request's parameters, checked against the route's declaration (src/questions/declare.ts):
 * every parameter, unknown ones included, gets a clear 400 naming it and what was expected.
 */

/** The query parameters (`params` without the path's), canonical values and defaults filled in. */
export function parseQuery(query: URLSearchParams, params: readonly Param[]): Promise<Values> {
  const inQuery = params.filter((p) => !isPathParam(p));
  const known = new Set(inQuery.map((p) => p.name));
  const given: Record<string, string> = {};
  for (const [name, value] of query) {
    if (!known.has(name)) throw usageError(`unknown parameter "${clip(name)}"; this endpoint takes ${inQuery.length ? inQuery.map((p) => p.name).join(', ') : 'no parameters'}`);
    if (name in given) throw usageError(`parameter "${name}" given more than once`);
    given[name] = value;
  }
  return parseValues(inQuery, given, 'api');
}

/** The path's parameters (`/api/countries/{country}`), checked the same way. */
export function parsePath(params: readonly Param[], segment: (name: string) => string | undefined): Promise<Values> {
  const inPath = params.filter(isPathParam);
  return parseValues(inPath.map((p) => ({ ...p, required: true })), Object.fromEntries(inPath.map((p) => [p.name, segment(p.name)])), 'api');
}

export const isPathParam = (p: Param) => p.api !== false && p.api?.path === true;
