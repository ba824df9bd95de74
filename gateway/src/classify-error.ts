import type { HttpProblem } from '@scholarships/service-kit';
import { gatewayProblems } from './problems';

/**
 * Maps errors raised by Express itself to problems, and service-kit's error handler returns 500
 * for the rest. Express raises a URIError when a route parameter such as `:id` contains invalid
 * percent-encoding.
 */
export function classifyGatewayError(error: unknown): HttpProblem | undefined {
  if (error instanceof URIError) return gatewayProblems.invalidPath(error.message);
  return undefined;
}
