import { problemDetailsSchema } from '../responses/problem';
import { ROUTES } from '../routes';
import type { RouteDefinition } from '../routes/route-definition';
import { toJsonSchema } from './json-schema';
import { BEARER_SCHEME, buildOperation, openApiPath } from './operation';

export interface OpenApiDocumentOptions {
  /** `info.version`; default `1.0.0`. */
  version?: string;
  /** Server URLs to list, e.g. `http://127.0.0.1:8080`; default none, so paths resolve against the document's own origin. */
  servers?: readonly string[];
  /** Routes to describe; default every route of the catalogue. */
  routes?: readonly RouteDefinition[];
}

export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
};

const TAGS = [
  { name: 'search', description: 'Keyword search with filters, and completions' },
  { name: 'scholarships', description: 'Scholarship records by id' },
  { name: 'eligibility', description: 'Which scholarships a profile qualifies for, and why' },
  { name: 'me', description: "The signed-in user's profile, matches and saved list" },
  { name: 'admin', description: 'Writes of scholarships, for the admin role' },
  { name: 'documentation', description: 'This description of the API, and its health' },
];

function paths(routes: readonly RouteDefinition[]): OpenApiDocument['paths'] {
  const byPath: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    byPath[path] ??= {};
    byPath[path][route.method] = buildOperation(route);
  }
  return byPath;
}

/**
 * Builds the OpenAPI 3.1 document of the public API from the route
 * catalogue. Every schema in it comes from the zod schemas the services
 * validate with, through `z.toJSONSchema`.
 */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): OpenApiDocument {
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Scholarship platform API',
      version: options.version ?? '1.0.0',
      description:
        'Search scholarships, read them, and check which ones a student qualifies for. Errors are RFC 9457 problem details with a stable `code` and, for invalid input, an `errors` list naming each field, at most 20.',
    },
    ...(options.servers ? { servers: options.servers.map((url) => ({ url })) } : {}),
    tags: TAGS,
    paths: paths(options.routes ?? ROUTES),
    components: {
      schemas: { ProblemDetails: toJsonSchema(problemDetailsSchema, 'output') },
      securitySchemes: {
        [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}
