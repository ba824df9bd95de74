import { randomUUID } from 'node:crypto';

/**
 * Accepted shape of an incoming `X-Request-Id`: printable token characters
 * only and at most 128 of them, so a client cannot inject log lines or
 * oversized values.
 */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Returns the incoming request id when it is well formed, else a new UUID. */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}
