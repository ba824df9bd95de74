import type { RouteDefinition, SuccessResponse } from '../routes/route-definition';
import { type JsonSchema, objectProperties, toJsonSchema } from './json-schema';

export const PROBLEM_SCHEMA_REF = '#/components/schemas/ProblemDetails';
export const BEARER_SCHEME = 'bearerToken';

type Parameter = Record<string, unknown>;

/** Converts an Express path template to OpenAPI's: `/scholarships/:id` becomes `/scholarships/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(route: RouteDefinition): Parameter[] {
  const { params, query, headers = [] } = route.request;
  const pathParameters = params
    ? objectProperties(params).map((member) => ({
        name: member.name,
        in: 'path',
        required: true,
        schema: member.schema,
      }))
    : [];
  const queryParameters = query
    ? objectProperties(query).map((member) => ({
        name: member.name,
        in: 'query',
        required: member.required,
        schema: member.schema,
      }))
    : [];
  const headerParameters = headers.map((header) => ({
    name: header.name,
    in: 'header',
    required: header.required,
    description: header.description,
    schema: { type: 'string' },
  }));
  return [...pathParameters, ...queryParameters, ...headerParameters];
}

function requestBody(route: RouteDefinition): Record<string, unknown> | undefined {
  const { body, bodyMediaTypes = ['application/json'] } = route.request;
  if (!body) return undefined;
  const schema = toJsonSchema(body, 'input');
  return {
    required: true,
    content: Object.fromEntries(bodyMediaTypes.map((mediaType) => [mediaType, { schema }])),
  };
}

function successResponse(response: SuccessResponse): Record<string, unknown> {
  const headers = Object.entries(response.headers ?? {}).map(([name, description]) => [
    name,
    { description, schema: { type: 'string' } },
  ]);
  return {
    description: response.description,
    ...(headers.length > 0 ? { headers: Object.fromEntries(headers) } : {}),
    ...(response.schema
      ? {
          content: {
            [response.mediaType ?? 'application/json']: {
              schema: toJsonSchema(response.schema, 'output'),
            },
          },
        }
      : {}),
  };
}

function problemResponse(description: string, status: number): Record<string, unknown> {
  const retryAfter =
    status === 429 || status === 503
      ? {
          headers: {
            'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } },
          },
        }
      : {};
  return {
    description,
    ...retryAfter,
    content: { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } },
  };
}

/** Builds the OpenAPI operation object of one route. */
export function buildOperation(route: RouteDefinition): Record<string, unknown> {
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    if (response) responses[status] = successResponse(response);
  }
  for (const [status, description] of Object.entries(route.problems)) {
    if (description && !(status in responses)) {
      responses[status] = problemResponse(description, Number(status));
    }
  }
  const body = requestBody(route);
  const parameterList = parameters(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.access === 'public' ? {} : { security: [{ [BEARER_SCHEME]: [] }] }),
    ...(parameterList.length > 0 ? { parameters: parameterList } : {}),
    ...(body ? { requestBody: body } : {}),
    responses,
    'x-owner': route.owner,
    'x-access': route.access,
  };
}
