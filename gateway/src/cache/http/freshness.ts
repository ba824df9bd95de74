import { type Directives, deltaSeconds, hasDirective } from './cache-control';
import { type HeaderMap, headerText } from './header-map';
import { parseHttpDate } from './http-date';

/** When the origin request went out and its response came back, in ms since the epoch. */
export interface ExchangeTimes {
  requestTime: number;
  responseTime: number;
}

/**
 * Freshness lifetime in milliseconds that the origin assigned explicitly, for a shared cache
 * (RFC 9111 §4.2.1): `s-maxage`, else `max-age`, else `Expires` minus `Date`. Returns undefined
 * when the origin gave none, because this cache uses no heuristic freshness (§4.2.2).
 */
export function explicitLifetimeMs(
  directives: Directives,
  headers: HeaderMap,
  responseTime: number,
): number | undefined {
  const sharedMaxAge = deltaSeconds(directives, 's-maxage');
  if (sharedMaxAge !== undefined) return sharedMaxAge * 1000;
  const maxAge = deltaSeconds(directives, 'max-age');
  if (maxAge !== undefined) return maxAge * 1000;
  const expiresText = headerText(headers, 'expires');
  if (expiresText === undefined) return undefined;
  // §5.3: an invalid Expires, such as "0", means already expired.
  const expires = parseHttpDate(expiresText);
  if (expires === undefined) return 0;
  const date = parseHttpDate(headerText(headers, 'date')) ?? responseTime;
  return Math.max(0, expires - date);
}

/**
 * Corrected initial age in milliseconds (RFC 9111 §4.2.3): the larger of the apparent age from
 * `Date` and the origin's `Age` plus the time the response took to arrive.
 */
export function initialAgeMs(headers: HeaderMap, times: ExchangeTimes): number {
  const date = parseHttpDate(headerText(headers, 'date')) ?? times.responseTime;
  const apparentAge = Math.max(0, times.responseTime - date);
  const ageHeader = headerText(headers, 'age')?.trim() ?? '';
  const ageValue = /^\d+$/.test(ageHeader) ? Number(ageHeader) * 1000 : 0;
  const responseDelay = times.responseTime - times.requestTime;
  return Math.max(apparentAge, ageValue + responseDelay);
}

/**
 * True when the origin forbids serving the response stale: `must-revalidate` (§5.2.2.2),
 * `proxy-revalidate` (§5.2.2.8), or `s-maxage`, which implies proxy-revalidate (§5.2.2.10).
 */
export function forbidsStale(directives: Directives): boolean {
  return (
    hasDirective(directives, 'must-revalidate') ||
    hasDirective(directives, 'proxy-revalidate') ||
    hasDirective(directives, 's-maxage')
  );
}
