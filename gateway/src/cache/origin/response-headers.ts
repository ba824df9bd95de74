import type { HeaderMap } from '../http/header-map';

/** Fields about the connection or the framing of one message (RFC 9110 §7.6.1, RFC 9112 §6). */
const CONNECTION_FIELDS = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
];

/**
 * Fields that describe one exchange and are never replayed from storage: the request id of the
 * request that filled the entry, cookies set for that client, and the cache's own reporting
 * fields, which are recomputed for each response.
 */
const PER_RESPONSE_FIELDS = ['set-cookie', 'x-request-id', 'age', 'x-cache', 'cache-status'];

const NOT_STORED = new Set([...CONNECTION_FIELDS, ...PER_RESPONSE_FIELDS]);
const NOT_PASSED_ON = new Set([...CONNECTION_FIELDS, 'x-request-id', 'x-cache', 'cache-status']);

/** Headers of an origin response to store and replay with the entry. */
export function storedResponseHeaders(headers: HeaderMap): Record<string, string> {
  const named = connectionOptions(headers.connection);
  const stored: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_STORED.has(name) || named.has(name)) continue;
    stored[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return stored;
}

/**
 * Headers of an origin response passed to this one client without storing it. Set-Cookie stays,
 * because the response is the client's own.
 */
export function passedOnResponseHeaders(headers: HeaderMap): Record<string, string | string[]> {
  const named = connectionOptions(headers.connection);
  const passed: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || NOT_PASSED_ON.has(name) || named.has(name)) continue;
    passed[name] = typeof value === 'string' ? value : [...value];
  }
  return passed;
}

function connectionOptions(connection: string | readonly string[] | undefined): Set<string> {
  if (connection === undefined) return new Set();
  const text = typeof connection === 'string' ? connection : connection.join(',');
  return new Set(text.split(',').map((option) => option.trim().toLowerCase()));
}
