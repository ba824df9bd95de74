import type { FieldError } from './problem';
import { HttpProblem } from './problem';

/** Problems every service can return. Each service adds its own codes beside these. */
export const problems = {
  validationFailed: (errors: FieldError[]) =>
    new HttpProblem({
      status: 400,
      code: 'VALIDATION_FAILED',
      title: 'Request validation failed',
      detail: `Invalid ${errors.map((error) => error.field).join(', ')}: ${errors
        .map((error) => `${error.field} ${error.message}`)
        .join('; ')}`,
      errors,
    }),
  invalidJson: (reason: string) =>
    new HttpProblem({
      status: 400,
      code: 'INVALID_JSON',
      title: 'Request body is not valid JSON',
      detail: `body: ${reason}`,
      errors: [{ field: 'body', message: reason }],
    }),
  payloadTooLarge: (limit: string) =>
    new HttpProblem({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      title: 'Request body is too large',
      detail: `The body exceeds the limit of ${limit}`,
    }),
  unsupportedMediaType: (
    received: string,
    accepted: readonly string[],
    headers: Record<string, string> = {},
  ) =>
    new HttpProblem({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      title: 'Unsupported media type',
      detail: `A body of type ${received} is not accepted here; send ${accepted.join(' or ')}`,
      headers,
    }),
  notFound: (what: string, id: string) =>
    new HttpProblem({
      status: 404,
      code: 'NOT_FOUND',
      title: `${what} not found`,
      detail: `No ${what.toLowerCase()} has the id ${id}`,
    }),
  routeNotFound: (method: string, path: string) =>
    new HttpProblem({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      title: 'Route not found',
      detail: `No route matches ${method} ${path}`,
    }),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new HttpProblem({
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      title: 'Method not allowed',
      detail: `${path} does not accept ${method}; it accepts ${allowed.join(', ')}`,
      headers: { Allow: allowed.join(', ') },
    }),
  databaseUnavailable: () =>
    new HttpProblem({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      title: 'Database unavailable',
      detail: 'The database did not answer; retry shortly',
      retryable: true,
      headers: { 'Retry-After': '1' },
    }),
  internal: () =>
    new HttpProblem({
      status: 500,
      code: 'INTERNAL_ERROR',
      title: 'Internal server error',
      detail: 'An unexpected error occurred; the request id identifies it in the logs',
    }),
};
