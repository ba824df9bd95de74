import { IDENTITY_HEADERS } from '@scholarships/contracts';

/**
 * Request headers the cache never passes on, because the gateway is the public edge and any value
 * a client sends in them is untrusted. The proxy replaces the X-Forwarded-* and Forwarded fields
 * with its own values; the URL and method overrides are what cache-poisoning attacks use to make
 * an origin answer for a different resource than the cache key names.
 */
export const UNTRUSTED_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-port',
  'x-forwarded-proto',
  'x-forwarded-scheme',
  'x-forwarded-prefix',
  'x-forwarded-server',
  'x-host',
  'x-original-url',
  'x-original-host',
  'x-rewrite-url',
  'x-http-method-override',
  'x-http-method',
  'x-method-override',
  IDENTITY_HEADERS.userId,
  IDENTITY_HEADERS.roles,
  IDENTITY_HEADERS.issuedAt,
  IDENTITY_HEADERS.signature,
]);

/**
 * Fields that describe the connection or the framing of this one message (RFC 9110 §7.6.1,
 * RFC 9112 §6), and Host, which the origin request sets for the upstream.
 */
export const CONNECTION_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);
