/**
 * SQLSTATE classes and Node error codes that mean the database went away or
 * refused work, rather than that the query was wrong. Requests that fail this
 * way get a retryable 503.
 */
const CONNECTION_SQLSTATES = new Set([
  '57P01', // admin_shutdown, e.g. pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now, e.g. server starting up
  '57014', // query_canceled, e.g. statement_timeout
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
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
]);
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Query read timeout',
];

/** Returns whether the error means the database was unavailable rather than the query invalid. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_SQLSTATES.has(code) || CONNECTION_ERRNOS.has(code))) {
    return true;
  }
  return CONNECTION_MESSAGES.some((message) => error.message.includes(message));
}
