import { z } from 'zod';
import { healthReportSchema } from '../responses/health';
import { edgeProblems } from './edge-problems';
import { IF_NONE_MATCH } from './headers';
import type { RouteDefinition } from './route-definition';

export const HEALTH_PATH = '/api/v1/health';
export const OPENAPI_DOCUMENT_PATH = '/api/v1/openapi.json';
export const API_DOCS_PATH = '/api/v1/docs';

/** The outline of an OpenAPI 3.1 document; the OpenAPI schema itself defines the rest. */
export const openApiDocumentSchema = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

const DOCUMENT_HEADERS = {
  ETag: 'Entity tag of the document, for If-None-Match',
  'Cache-Control': 'How long caches may keep the document',
} as const;

/**
 * Prefix of the operators' run-time switches (cache, rollout). They belong
 * to the deployment, not to the API that apps use, so the catalogue leaves
 * them out.
 */
export const OPERATOR_PATH_PREFIX = '/api/v1/admin/gateway/';

export const GATEWAY_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'getHealth',
    method: 'get',
    path: HEALTH_PATH,
    summary: 'Health of the gateway, each service and the database',
    description:
      'Runs before the edge stages, so it needs no token and spends no rate budget. The body is the same report for 200 and 503.',
    owner: 'gateway',
    access: 'public',
    tag: 'documentation',
    request: {},
    responses: {
      200: { description: 'Everything is ok', schema: healthReportSchema },
      503: { description: 'A service or the database failed', schema: healthReportSchema },
    },
    problems: {},
  },
  {
    operationId: 'getOpenApiDocument',
    method: 'get',
    path: OPENAPI_DOCUMENT_PATH,
    summary: 'This API description as an OpenAPI 3.1 document',
    owner: 'gateway',
    access: 'public',
    tag: 'documentation',
    request: { headers: [IF_NONE_MATCH] },
    responses: {
      200: {
        description: 'The document',
        schema: openApiDocumentSchema,
        headers: DOCUMENT_HEADERS,
      },
      304: { description: 'If-None-Match matches the current document' },
    },
    problems: edgeProblems('public', {}, 'gateway'),
  },
  {
    operationId: 'getApiDocs',
    method: 'get',
    path: API_DOCS_PATH,
    summary: 'A readable page of every route, rendered from the OpenAPI document',
    owner: 'gateway',
    access: 'public',
    tag: 'documentation',
    request: { headers: [IF_NONE_MATCH] },
    responses: {
      200: {
        description: 'The HTML page',
        schema: z.string(),
        mediaType: 'text/html',
        headers: DOCUMENT_HEADERS,
      },
      304: { description: 'If-None-Match matches the current page' },
    },
    problems: edgeProblems('public', {}, 'gateway'),
  },
];
