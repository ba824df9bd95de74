/** One invalid input, named by where it was found, e.g. `query.state` or `body.gpa`. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemOptions {
  status: number;
  /** Stable, upper-snake error code that clients may branch on. */
  code: string;
  title: string;
  detail?: string;
  /** Whether repeating the same request later may succeed. */
  retryable?: boolean;
  errors?: FieldError[];
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
}

/** An error that is sent to the client as an RFC 9457 problem details document. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly retryable: boolean;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(options: ProblemOptions) {
    super(options.detail ?? options.title);
    this.name = 'HttpProblem';
    this.status = options.status;
    this.code = options.code;
    this.title = options.title;
    this.detail = options.detail;
    this.retryable = options.retryable ?? false;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Longest `instance` sent, in characters. A request target can be far longer (the gateway's
 * default limit is 4,096 bytes), and echoing all of it would let a client make every error
 * response as large as its request.
 */
export const MAX_INSTANCE_LENGTH = 2048;

/** Builds the JSON body of a problem response, with the request target cut to `MAX_INSTANCE_LENGTH`. */
export function problemBody(problem: HttpProblem, requestId: string, target: string) {
  const instance = target.slice(0, MAX_INSTANCE_LENGTH);
  return {
    type: `about:blank`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(problem.errors === undefined ? {} : { errors: problem.errors }),
    instance,
    requestId,
  };
}
