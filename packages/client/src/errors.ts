import type { FieldError, ProblemDetails } from './types';

/** An error response of the API, with its RFC 9457 problem details. */
export class ApiProblemError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;
  /** Seconds the server asked to wait (`Retry-After`), when the response carried one. */
  readonly retryAfterSeconds?: number;

  constructor(problem: ProblemDetails, retryAfterSeconds?: number) {
    super(`${problem.status} ${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'ApiProblemError';
    this.status = problem.status;
    this.problem = problem;
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Stable upper-snake error code, e.g. `VALIDATION_FAILED` or `NOT_FOUND`. */
  get code(): string {
    return this.problem.code;
  }

  /** The invalid fields of a 400, e.g. `query.state`; empty for other problems. */
  get fieldErrors(): readonly FieldError[] {
    return this.problem.errors ?? [];
  }
}

/** The request got no usable HTTP response: the network failed, or the caller aborted it. */
export class ApiNetworkError extends Error {
  /** Whether the caller's AbortSignal ended the request. */
  readonly aborted: boolean;

  constructor(message: string, options: { cause?: unknown; aborted?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ApiNetworkError';
    this.aborted = options.aborted ?? false;
  }
}
