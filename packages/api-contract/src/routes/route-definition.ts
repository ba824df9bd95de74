import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The process that handles a route. The gateway proxies every other route to its service. */
export type RouteOwner = 'search' | 'catalog' | 'eligibility' | 'gateway';

/** Access level of a route: anyone, a user with a bearer token, or a user with the admin role. */
export type RouteAccess = 'public' | 'user' | 'admin';

/** A request header that a route reads. */
export interface HeaderParameter {
  name: string;
  required: boolean;
  description: string;
}

export interface RouteRequest {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Media types the body may be sent as; default `application/json`. */
  bodyMediaTypes?: readonly string[];
  headers?: readonly HeaderParameter[];
}

/** A response other than a problem: its schema, or none for an empty body (204, 304). */
export interface SuccessResponse {
  description: string;
  schema?: z.ZodType;
  /** Media type of the body; default `application/json`. */
  mediaType?: string;
  /** Response headers worth documenting, by name, with their meaning. */
  headers?: Readonly<Record<string, string>>;
}

/** Statuses of responses that carry a body of the route's own, not a problem. */
export type DocumentedStatus = 200 | 201 | 204 | 304 | 503;

/** Error statuses that a route returns with a problem details document. */
export type ProblemStatus =
  | 400
  | 401
  | 403
  | 404
  | 409
  | 412
  | 413
  | 414
  | 408
  | 415
  | 428
  | 429
  | 431
  | 502
  | 503
  | 504;

export interface RouteDefinition {
  /** Unique. The typed client names its method for the route after it. */
  operationId: string;
  method: HttpMethod;
  /** Express path template, e.g. `/api/v1/scholarships/:id`. */
  path: string;
  summary: string;
  description?: string;
  owner: RouteOwner;
  access: RouteAccess;
  /** Tag that groups the route in the documentation. */
  tag: string;
  request: RouteRequest;
  /**
   * Responses by status other than problems: success, not modified, and a
   * failure report that is no problem document (the health report's 503).
   */
  responses: Readonly<Partial<Record<DocumentedStatus, SuccessResponse>>>;
  /** Problem responses by status, with what causes each. */
  problems: Readonly<Partial<Record<ProblemStatus, string>>>;
}
