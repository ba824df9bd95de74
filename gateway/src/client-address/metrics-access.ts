import { compileSubnets, parseSubnetList } from './trust-proxy';

/** Access to `GET /metrics`: every client, or the clients inside the listed subnets. */
export type MetricsAccess = { kind: 'any' } | { kind: 'subnets'; subnets: readonly string[] };

/** Loopback and the private ranges (RFC 1918, RFC 4193), where scrapers and operators sit. */
export const PRIVATE_NETWORKS = '127.0.0.0/8,::1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7';

/**
 * Parses `METRICS_ALLOWED_SUBNETS`: `any` lets every client read the metrics, otherwise a comma
 * list of addresses or CIDR subnets. Throws an Error naming the invalid part.
 */
export function parseMetricsAccess(value: string): MetricsAccess {
  const text = value.trim();
  if (text.toLowerCase() === 'any') return { kind: 'any' };
  const subnets = parseSubnetList(text);
  if (subnets.length === 0) {
    throw new Error(
      'is empty; list at least one address or subnet, or write "any" for every client',
    );
  }
  return { kind: 'subnets', subnets };
}

/** Builds the check of a client address against the access setting, compiled once. */
export function createMetricsAccessCheck(access: MetricsAccess): (address: string) => boolean {
  if (access.kind === 'any') return () => true;
  return compileSubnets(access.subnets);
}
