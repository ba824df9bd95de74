import { problemDetailsSchema, type RouteDefinition } from '@scholarships/api-contract';

/** The parts of an HTTP response that the catalogue describes. */
export interface ObservedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The raw body text. */
  text: string;
}

function contentTypeOf(response: ObservedResponse): string {
  return String(response.headers['content-type'] ?? '');
}

function parseBody(response: ObservedResponse): unknown {
  if (!contentTypeOf(response).includes('json')) return response.text;
  return JSON.parse(response.text);
}

function documentedIssues(route: RouteDefinition, response: ObservedResponse): string[] {
  const described = route.responses[response.status as keyof RouteDefinition['responses']];
  if (!described) return [`status ${response.status} is not described`];
  if (!described.schema) {
    return response.text === '' ? [] : [`status ${response.status} must have no body`];
  }
  const mediaType = described.mediaType ?? 'application/json';
  if (!contentTypeOf(response).startsWith(mediaType)) {
    return [`content type ${contentTypeOf(response)} is not ${mediaType}`];
  }
  const parsed = described.schema.safeParse(parseBody(response));
  return parsed.success
    ? []
    : parsed.error.issues.map((issue) => `body.${issue.path.join('.')}: ${issue.message}`);
}

function problemIssues(route: RouteDefinition, response: ObservedResponse): string[] {
  const described = route.problems[response.status as keyof RouteDefinition['problems']];
  if (!described) return [`problem status ${response.status} is not described`];
  if (!contentTypeOf(response).startsWith('application/problem+json')) {
    return [`content type ${contentTypeOf(response)} is not application/problem+json`];
  }
  const parsed = problemDetailsSchema.safeParse(parseBody(response));
  if (!parsed.success) {
    return parsed.error.issues.map((issue) => `problem.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data.status === response.status ? [] : ['problem.status differs from the status'];
}

/**
 * Lists every way a real response differs from the route's description in
 * the catalogue; an empty list means it conforms.
 */
export function responseIssues(route: RouteDefinition, response: ObservedResponse): string[] {
  const documented = response.status in route.responses || response.status < 400;
  return documented ? documentedIssues(route, response) : problemIssues(route, response);
}
