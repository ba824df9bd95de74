/**
 * SQLSTATE codes and Node error codes that mean the database went away or
 * refused work, rather than that the query was wrong. Requests that fail this
 * way get a retryable 503.
 */
const CONNECTION_SQLSTATES = new Set([
  '57P01', // admin_shutdown, e.g. pg_terminate_backend or a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now, e.g. server starting up or shutting down
  '57P05', // idle_session_timeout
  '57014', // query_canceled, e.g. statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '53300', // too_many_connections
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);
const CONNECTION_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** Messages of node-postgres and pg-pool errors that carry no code. */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Query read timeout',
];
/** Knex raises this when no pooled connection became free within `acquireConnectionTimeout`. */
const KNEX_TIMEOUT_ERROR = 'KnexTimeoutError';

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Returns whether the error means the database was unavailable rather than
 * the query invalid. It reads the error's fields instead of testing
 * `instanceof Error`, because errors raised by Node's own modules come from
 * another realm under a sandbox such as jest's, where that test fails.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as ErrorFields;
  if (name === KNEX_TIMEOUT_ERROR) return true;
  if (typeof code === 'string' && (CONNECTION_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code))) {
    return true;
  }
  return (
    typeof message === 'string' && CONNECTION_MESSAGES.some((known) => message.includes(known))
  );
}
