import type { ApiRoute } from './routes.ts';
import { openApiParameters } from './params.ts';

const ERROR = {
  description: 'a clear error: `{"error": {"code", "message"}}`',
  content: { 'application/json': { schema: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } } },
};

/** The OpenAPI 3.1 description, built from the same declarations that validate requests. */
export function openApiDocument(routes: readonly ApiRoute[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const op: Record<string, unknown> = {
      summary: r.summary,
      parameters: [...openApiParameters(r.pathParams ?? [], 'path'), ...openApiParameters(r.params ?? [])],
      responses: {
        '200': { description: 'OK', content: Object.fromEntries((r.produces ?? ['application/json']).map((t) => [t, {}])) },
        '304': { description: 'not modified (send If-None-Match with the ETag)' },
        '400': ERROR,
        ...(r.pathParams?.length ? { '404': ERROR } : {}),
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
    info: { title: 'charterwatch', version: '0.1.0', description: 'Read-only JSON over removal charter flights reconstructed from ADS-B and the official statistics, each figure with its sources. Writes need the operator token.' },
    servers: [{ url: '/' }],
    paths,
    components: { securitySchemes: { operatorToken: { type: 'http', scheme: 'bearer' } } },
  };
}
