import { defaultOn, requiredOn, valuesOn, type Param } from '../questions/declare.ts';
import { isPathParam } from './params.ts';
import type { ApiRoute } from './routes.ts';

const ERROR = {
  description: 'a clear error: `{"error": {"code", "message"}}`',
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } } },
};

/** The OpenAPI 3.1 description, built from the same declarations that check requests and make the command line's options. */
export function openApiDocument(routes: readonly ApiRoute[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const params = r.params ?? [];
    const op: Record<string, unknown> = {
      summary: r.summary,
      parameters: [...params.filter(isPathParam), ...params.filter((p) => !isPathParam(p))].map(openApiParameter),
      responses: {
        '200': { description: 'OK', content: Object.fromEntries((r.produces ?? ['application/json']).map((t) => [t, {}])) },
        '304': { description: 'not modified (send If-None-Match with the ETag)' },
        '400': ERROR,
        ...(params.some(isPathParam) ? { '404': ERROR } : {}),
        '429': ERROR,
      },
    };
    if (r.method === 'POST') {
      op.security = [{ operatorToken: [] }];
      op.requestBody = { content: { 'application/json': { schema: { type: 'object' } } } };
      (op.responses as Record<string, unknown>)['401'] = ERROR;
      (op.responses as Record<string, unknown>)['413'] = ERROR;
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'charterwatch', version: '0.1.0', description: 'Read-only JSON over removal charter flights reconstructed from ADS-B and the official statistics, each figure with its sources. A period is from (inclusive) to to (exclusive), echoed as given. Writes need the operator token.' },
    servers: [{ url: '/' }],
    paths,
    components: { securitySchemes: { operatorToken: { type: 'http', scheme: 'bearer' } } },
  };
}

/** The OpenAPI description of one declared parameter. */
export function openApiParameter(p: Param): object {
  const path = isPathParam(p);
  return { name: p.name, in: path ? 'path' : 'query', required: path || requiredOn(p, 'api'), description: p.help, schema: schemaOf(p) };
}

function schemaOf(p: Param): object {
  const fallback = defaultOn(p, 'api');
  const values = valuesOn(p, 'api');
  switch (p.type) {
    case 'integer':
      return { type: 'integer', minimum: p.min, maximum: p.max, default: fallback };
    case 'enum':
      return (p.list ?? 1) > 1 ? { type: 'string', pattern: `^(${values.join('|')})(,(${values.join('|')})){0,${p.list! - 1}}$`, examples: values.slice(0, 2), default: fallback } : { type: 'string', enum: values, default: fallback };
    case 'date':
      return { type: 'string', examples: ['2024-06-04', '2024-06-04T12:00:00Z'] };
    case 'month':
      return { type: 'string', pattern: '^\\d{4}-\\d{1,2}$', examples: ['2024-06'] };
    case 'fiscalYear':
      return { type: 'string', examples: ['2024', 'FY2024'] };
    case 'country':
      return { type: 'string', examples: ['CN', 'China'] };
    case 'aircraft':
      return { type: 'string', examples: ['a960a9', 'N703KW', 'a960a9,N703KW'] };
    case 'aircraftType':
      return { type: 'string', examples: ['B734'] };
    case 'airport':
      return { type: 'string', pattern: '^[A-Za-z0-9]{4}$', examples: ['KAEX'] };
    case 'text':
    case 'file':
      return values.length ? { type: 'string', enum: values, default: fallback } : { type: 'string', default: fallback };
  }
}
