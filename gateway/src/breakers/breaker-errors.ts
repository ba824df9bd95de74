/**
 * Code of the error opossum 9 rejects with while a breaker is open, or half-open with its trial
 * call running.
 */
export const BREAKER_OPEN_CODE = 'EOPENBREAKER';

/**
 * Tells whether a call was rejected by an open breaker, by opossum's error code rather than its
 * message text, which may change between versions.
 */
export function isBreakerOpenError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === BREAKER_OPEN_CODE;
}

/**
 * Returns whether an error is a 4xx client error, which tells nothing about the upstream's health
 * and must never trip its breaker. Reads `status` or `statusCode` structurally, so errors from any
 * HTTP client library qualify.
 */
export function isClientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  let status: unknown;
  if ('status' in error) status = error.status;
  else if ('statusCode' in error) status = error.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
