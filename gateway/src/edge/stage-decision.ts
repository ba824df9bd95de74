import type { HttpProblem } from '@scholarships/service-kit';

/** Response header fields as name and value pairs, in the order they are set. */
export type HeaderFields = readonly (readonly [name: string, value: string])[];

/** The verified caller of a request, forwarded to services in the internal identity headers. */
export interface Identity {
  /** The token's `sub` claim. */
  userId: string;
  roles: readonly string[];
}

/** The request goes on to the next stage; `headers` are added to whatever response it gets. */
export interface ContinueDecision {
  readonly kind: 'continue';
  readonly headers?: HeaderFields;
  /** Set by the auth stage when the request carried a valid token. */
  readonly identity?: Identity;
}

/** The gateway replies itself with an empty success response, e.g. to a preflight. */
export interface RespondDecision {
  readonly kind: 'respond';
  readonly status: number;
  readonly headers: HeaderFields;
}

/** The gateway rejects the request with a problem document. */
export interface RejectDecision {
  readonly kind: 'reject';
  readonly problem: HttpProblem;
  /** Bounded metric label for the rejection, e.g. `rate_limited` or `sql_injection`. */
  readonly reason: string;
  readonly headers?: HeaderFields;
}

export type StageDecision = ContinueDecision | RespondDecision | RejectDecision;

/** The decision without headers, shared so the common case allocates nothing. */
export const CONTINUE: ContinueDecision = Object.freeze({ kind: 'continue' });

export function reject(problem: HttpProblem, reason: string, headers?: HeaderFields) {
  const decision: RejectDecision = headers
    ? { kind: 'reject', problem, reason, headers }
    : { kind: 'reject', problem, reason };
  return decision;
}
