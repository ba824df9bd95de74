/**
 * Reason a request to a service or the database got no response. The set is bounded because it is a
 * metric label.
 */
export type FailureReason =
  | 'timeout'
  | 'connection_refused'
  | 'connection_reset'
  | 'host_not_found'
  | 'host_unreachable'
  | 'invalid_response'
  | 'client_closed'
  | 'other';

/** Raised by the gateway's own deadlines, so a timeout is never mistaken for a reset connection. */
export class DeadlineExceededError extends Error {
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number) {
    super(`${what} did not finish within ${timeoutMs} ms`);
    this.name = 'DeadlineExceededError';
    this.timeoutMs = timeoutMs;
  }
}

/** Node.js system error codes (see `man 3 errno`) and the reason each one stands for. */
const REASON_BY_ERROR_CODE: Readonly<Record<string, FailureReason>> = {
  ETIMEDOUT: 'timeout',
  ECONNREFUSED: 'connection_refused',
  ECONNRESET: 'connection_reset',
  EPIPE: 'connection_reset',
  ENOTFOUND: 'host_not_found',
  EAI_AGAIN: 'host_not_found',
  EHOSTUNREACH: 'host_unreachable',
  ENETUNREACH: 'host_unreachable',
};

const REASON_TEXT: Readonly<Record<FailureReason, string>> = {
  timeout: 'timed out',
  connection_refused: 'connection refused',
  connection_reset: 'connection closed before the response was complete',
  host_not_found: 'host name not found',
  host_unreachable: 'host unreachable',
  invalid_response: 'response was not valid HTTP',
  client_closed: 'client closed the connection',
  other: 'unexpected error',
};

/**
 * Failures where no connection to the service was made: nothing listens, or the host is not
 * reachable. A request that failed this way never reached the service.
 */
const NOT_CONNECTED: ReadonlySet<FailureReason> = new Set([
  'connection_refused',
  'host_not_found',
  'host_unreachable',
]);

/** Returns whether a failure happened before any connection to the service was made. */
export function failedBeforeConnecting(reason: FailureReason): boolean {
  return NOT_CONNECTED.has(reason);
}

/** Classifies a socket, DNS or HTTP parser error from Node.js. */
export function classifyNetworkError(error: unknown): FailureReason {
  if (error instanceof DeadlineExceededError) return 'timeout';
  const code = errorCode(error);
  if (code === undefined) return 'other';
  // llhttp, Node's HTTP parser, prefixes its error codes with HPE_.
  if (code.startsWith('HPE_')) return 'invalid_response';
  return REASON_BY_ERROR_CODE[code] ?? 'other';
}

/**
 * Reads `code` structurally rather than through `instanceof Error`, which is false for errors made
 * in another realm, e.g. by Node's core modules while Jest runs the code in a vm context.
 */
function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Describes a reason in words that are safe to show clients: unlike the error message, it
 * contains no internal host names or addresses.
 */
export function describeFailureReason(reason: FailureReason): string {
  return REASON_TEXT[reason];
}
