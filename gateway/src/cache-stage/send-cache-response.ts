import type { ServerResponse } from 'node:http';
import type { CacheResponse } from '../cache';
import { securityHeaderNames } from '../security-headers';

/**
 * Headers only the gateway sets, as the proxy treats them: a service's copy in a stored response
 * is dropped so the gateway's own value is sent.
 */
const GATEWAY_OWNED_HEADERS = new Set([
  ...securityHeaderNames(),
  'x-powered-by',
  'x-request-id',
  'ratelimit',
  'ratelimit-policy',
]);

/** Headers both the gateway and a service may set; the values are joined. */
const JOINED_HEADERS = new Set(['vary', 'server-timing']);

/** True for a stored header the gateway drops, since it sets the field itself (CORS included). */
export function isGatewayOwned(name: string): boolean {
  return GATEWAY_OWNED_HEADERS.has(name) || name.startsWith('access-control-');
}

/** True for a header whose stored value follows the gateway's own value of it. */
export function isJoinedHeader(name: string): boolean {
  return JOINED_HEADERS.has(name);
}

type StoredValue = string | string[];

/**
 * Passes each header of a cache response that goes out to `write`, reconciled with the headers
 * the gateway set itself (read through `own`) as the streaming proxy reconciles them.
 * Gateway-owned and CORS headers are skipped, and a joined header follows the gateway's value.
 */
function reconcileStoredHeaders(
  stored: Readonly<Record<string, StoredValue>>,
  own: (name: string) => string | undefined,
  write: (name: string, value: StoredValue) => void,
): void {
  for (const name in stored) {
    if (isGatewayOwned(name)) continue;
    const value = stored[name] as StoredValue;
    const ownValue = isJoinedHeader(name) ? own(name) : undefined;
    if (ownValue === undefined) write(name, value);
    else write(name, `${ownValue}, ${Array.isArray(value) ? value.join(', ') : value}`);
  }
}

/**
 * Writes a cache response over the headers the gateway already set on `res` (security headers,
 * the edge stages' fields, X-Request-Id).
 */
export function sendCacheResponse(res: ServerResponse, response: CacheResponse): void {
  // A client that went away while the origin responded gets no response.
  if (res.destroyed) return;
  reconcileStoredHeaders(
    response.headers,
    (name) => {
      const value = res.getHeader(name);
      return value === undefined ? undefined : String(value);
    },
    (name, value) => res.setHeader(name, value),
  );
  res.statusCode = response.status;
  res.end(response.body);
}

/**
 * Header fields the gateway sends with a response, by lowercase name, each with the name as
 * written. Setting a name again replaces its value. A response carries about thirty fields, so
 * two flat arrays searched from the start cost less than a map of entries per request.
 */
export class OutgoingFields {
  private readonly lowerNames: string[] = [];
  private readonly names: string[] = [];
  private readonly values: StoredValue[] = [];

  set(name: string, value: StoredValue): void {
    const lowerName = name.toLowerCase();
    const index = this.lowerNames.indexOf(lowerName);
    if (index === -1) {
      this.lowerNames.push(lowerName);
      this.names.push(name);
      this.values.push(value);
      return;
    }
    this.names[index] = name;
    this.values[index] = value;
  }

  get(lowerName: string): string | undefined {
    const index = this.lowerNames.indexOf(lowerName);
    if (index === -1) return undefined;
    const value = this.values[index] as StoredValue;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  /** Returns the fields as the flat name, value list that `ServerResponse.writeHead` accepts. */
  toFlatList(): string[] {
    const flat: string[] = [];
    for (let index = 0; index < this.names.length; index += 1) {
      const name = this.names[index] as string;
      const value = this.values[index] as StoredValue;
      if (Array.isArray(value)) for (const item of value) flat.push(name, item);
      else flat.push(name, value);
    }
    return flat;
  }
}

/**
 * Writes a cache response with the gateway's own `fields` in one `writeHead` call, for a
 * response on which no header was set yet. It sends the fields `sendCacheResponse` would send
 * after `setHeader` calls, without storing and validating each header twice.
 */
export function sendCacheResponseWith(
  res: ServerResponse,
  fields: OutgoingFields,
  response: CacheResponse,
): void {
  if (res.destroyed) return;
  reconcileStoredHeaders(
    response.headers,
    (name) => fields.get(name),
    (name, value) => fields.set(name, value),
  );
  res.writeHead(response.status, fields.toFlatList());
  res.end(response.body);
}
