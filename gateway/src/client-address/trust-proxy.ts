import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { normalizeIpAddress } from './ip-address';

/**
 * Which peers may tell the gateway the client's address in `X-Forwarded-For`:
 * - `none`: no peer, so the client is always the socket peer;
 * - `hops`: the nearest `count` proxies, however they are addressed;
 * - `subnets`: proxies whose own address lies in one of the listed subnets.
 */
export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'hops'; count: number }
  | { kind: 'subnets'; subnets: readonly string[] };

/** More hops than any real deployment puts in front of a gateway. */
const MAX_TRUSTED_HOPS = 10;

/**
 * Parses `TRUST_PROXY`: empty or `0` trusts nothing, a number trusts that many hops, and a comma
 * list of addresses or CIDR subnets trusts proxies inside them. Throws an Error naming the invalid
 * part. A `/0` subnet is rejected because it would trust every address, and with it any client
 * could choose its own rate-limit key.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim();
  if (text === '' || text === '0') return { kind: 'none' };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count > MAX_TRUSTED_HOPS) {
      throw new Error(`${count} hops is more than ${MAX_TRUSTED_HOPS}; list the proxy subnets`);
    }
    return { kind: 'hops', count };
  }
  return { kind: 'subnets', subnets: parseSubnetList(text) };
}

/**
 * Splits a comma list of addresses or CIDR subnets and checks each. Throws an Error naming the
 * first invalid item.
 */
export function parseSubnetList(text: string): string[] {
  const subnets = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  for (const subnet of subnets) parseSubnet(subnet);
  return subnets;
}

interface Subnet {
  network: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

function parseSubnet(text: string): Subnet {
  const [address = '', prefixText] = text.split('/');
  const network = normalizeIpAddress(address);
  if (network === undefined || network !== address.toLowerCase()) {
    throw new Error(`"${text}" is not an IP address or CIDR subnet such as 10.0.0.0/8`);
  }
  const family = isIPv4(network) ? 'ipv4' : 'ipv6';
  const maxPrefix = family === 'ipv4' ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 1 || prefix > maxPrefix) {
    throw new Error(`"${text}" needs a prefix length from 1 to ${maxPrefix}`);
  }
  return { network, prefix, family };
}

/** Returns the client's address from the socket peer and the forwarding header. */
export type ClientAddressResolver = (
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
) => string;

/** Address used when the socket has already closed and reports no peer. */
export const UNKNOWN_CLIENT_ADDRESS = '0.0.0.0';

/**
 * Builds the resolver for a trust setting once, with the subnets compiled into a BlockList. The
 * walk starts at the socket peer and moves left through `X-Forwarded-For` only while the current
 * hop is trusted, so entries a client wrote itself are never reached unless a trusted proxy
 * vouches for the hop after them.
 */
export function createClientAddressResolver(trust: TrustProxy): ClientAddressResolver {
  if (trust.kind === 'none') {
    return (socketAddress) => normalizeIpAddress(socketAddress ?? '') ?? UNKNOWN_CLIENT_ADDRESS;
  }
  const isHopTrusted = createHopTrust(trust);
  return function resolveClientAddress(socketAddress, forwardedFor) {
    let client = normalizeIpAddress(socketAddress ?? '') ?? UNKNOWN_CLIENT_ADDRESS;
    const chain = forwardedChain(forwardedFor);
    for (let hop = 0; hop < chain.length && isHopTrusted(hop, client); hop += 1) {
      client = chain[hop] ?? client;
    }
    return client;
  };
}

/** Decides whether the hop at `index` (0 = the socket peer) with `address` may name the next. */
function createHopTrust(
  trust: Exclude<TrustProxy, { kind: 'none' }>,
): (index: number, address: string) => boolean {
  if (trust.kind === 'hops') return (index) => index < trust.count;
  const inSubnets = compileSubnets(trust.subnets);
  return (_index, address) => inSubnets(address);
}

/** `X-Forwarded-For` entries from the nearest hop to the farthest; stops at an invalid entry. */
function forwardedChain(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const joined = Array.isArray(header) ? header.join(',') : header;
  const entries = joined.split(',').reverse();
  const chain: string[] = [];
  for (const entry of entries) {
    const address = normalizeIpAddress(entry);
    if (address === undefined) break;
    chain.push(address);
  }
  return chain;
}

/** Builds a check of whether a normalized address lies in one of `subnets`, compiled once. */
export function compileSubnets(subnets: readonly string[]): (address: string) => boolean {
  const blockList = new BlockList();
  for (const text of subnets) {
    const subnet = parseSubnet(text);
    blockList.addSubnet(subnet.network, subnet.prefix, subnet.family);
  }
  return (address) => {
    if (isIPv4(address)) return blockList.check(address, 'ipv4');
    return isIPv6(address) && blockList.check(address, 'ipv6');
  };
}
