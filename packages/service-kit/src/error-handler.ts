import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { problems } from './errors';
import { HttpProblem, PROBLEM_CONTENT_TYPE, problemBody } from './problem';
import './express-types';

/** Classifies unknown errors; a service passes its own, e.g. database outages to 503. */
export type ErrorClassifier = (error: unknown) => HttpProblem | undefined;

/** Errors thrown by body-parser carry a `type` and an HTTP `status`. */
interface BodyParserError {
  type: string;
  status: number;
  limit?: number;
  /** The raw body text of a parse failure. */
  body?: unknown;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    error instanceof Error &&
    typeof (error as Partial<BodyParserError>).type === 'string' &&
    typeof (error as Partial<BodyParserError>).status === 'number'
  );
}

function fromBodyParser(error: BodyParserError): HttpProblem | undefined {
  if (error.type === 'entity.parse.failed') {
    // Strict parsing refuses valid JSON that is not an object or array, such as `null` or `5`.
    if (isJsonText(error.body)) {
      return problems.validationFailed([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return problems.invalidJson('is not valid JSON');
  }
  if (error.type === 'entity.too.large') return problems.payloadTooLarge(`${error.limit} bytes`);
  if (error.status >= 400 && error.status < 500) {
    return problems.invalidJson(`could not be read (${error.type})`);
  }
  return undefined;
}

function isJsonText(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Sends a problem as `application/problem+json` with the request id. */
export function sendProblem(req: Request, res: Response, problem: HttpProblem): void {
  res.status(problem.status);
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(problem, req.id, req.originalUrl)));
}

/**
 * Maps errors in three tiers: our own problems as they are, library HTTP
 * errors by their status, and anything else to a generic 500 that leaks
 * nothing, logged with its stack.
 */
export function errorHandler(classify: ErrorClassifier = () => undefined): ErrorRequestHandler {
  return function problemErrorHandler(error: unknown, req, res, next) {
    if (res.headersSent) {
      next(error);
      return;
    }
    const problem =
      (error instanceof HttpProblem ? error : undefined) ??
      (isBodyParserError(error) ? fromBodyParser(error) : undefined) ??
      classify(error);
    if (problem) {
      if (problem.status >= 500)
        req.log.error({ err: error, code: problem.code }, 'request failed');
      sendProblem(req, res, problem);
      return;
    }
    req.log.error({ err: error }, 'unhandled error');
    sendProblem(req, res, problems.internal());
  };
}

/** Returns the methods the API defines for a path, empty when it defines none. */
export type AllowedMethods = (path: string) => readonly string[];

/**
 * Responds to every request that reached no route: with a 405 problem and an `Allow` field when
 * `allowedMethods` lists other methods for the path, else with a 404 problem.
 */
export function routeNotFound(allowedMethods?: AllowedMethods): RequestHandler {
  return function routeNotFoundHandler(req, res) {
    sendProblem(req, res, unroutedProblem(req.method, req.path, allowedMethods));
  };
}

/**
 * Returns the 405 problem for a request whose path the API defines under other methods, else
 * undefined, so a router can respond before passing the request on.
 */
export function methodNotAllowedProblem(
  method: string,
  path: string,
  allowedMethods: AllowedMethods,
): HttpProblem | undefined {
  const allowed = allowedMethods(path);
  if (allowed.length === 0 || allowed.includes(method)) return undefined;
  return problems.methodNotAllowed(method, path, allowed);
}

function unroutedProblem(
  method: string,
  path: string,
  allowedMethods: AllowedMethods | undefined,
): HttpProblem {
  if (allowedMethods !== undefined) {
    const notAllowed = methodNotAllowedProblem(method, path, allowedMethods);
    if (notAllowed !== undefined) return notAllowed;
  }
  return problems.routeNotFound(method, path);
}
