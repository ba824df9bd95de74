import type { FieldError } from './problem';
import { HttpProblem } from './problem';

/**
 * Maximum number of field errors that a 400 problem lists. A JSON body of 60 KB can hold 30,000
 * invalid array items, and listing each with a message that names every allowed value made a
 * response of 24 MB.
 */
export const MAX_LISTED_FIELD_ERRORS = 20;

/**
 * Builds the 400 problem of invalid input. It lists the first `MAX_LISTED_FIELD_ERRORS` errors,
 * and its detail gives the number of the others.
 */
function validationFailed(errors: FieldError[]): HttpProblem {
  const listed = errors.slice(0, MAX_LISTED_FIELD_ERRORS);
  const unlisted = errors.length - listed.length;
  const fields = listed.map((error) => error.field).join(', ');
  const messages = listed.map((error) => `${error.field} ${error.message}`).join('; ');
  const more = unlisted > 0 ? `; ${unlisted} more errors are not listed` : '';
  return new HttpProblem({
    status: 400,
    code: 'VALIDATION_FAILED',
    title: 'Request validation failed',
    detail: `Invalid ${fields}: ${messages}${more}`,
    errors: listed,
  });
}

/** Problems every service can return. Each service adds its own codes beside these. */
export const problems = {
  validationFailed,
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
