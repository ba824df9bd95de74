import { isIPv4, isIPv6 } from 'node:net';

/** Prefix of an IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2), e.g. `::ffff:192.0.2.1`. */
const IPV4_MAPPED_PREFIX = '::ffff:';

/**
 * Normalizes one address as a socket or a proxy reports it: drops an IPv6 zone (`%eth0`), a port
 * (`192.0.2.1:5000`, `[2001:db8::1]:5000`) and brackets, and turns an IPv4-mapped IPv6 address
 * into plain IPv4. Returns undefined when what remains is not an IP address.
 */
export function normalizeIpAddress(raw: string): string | undefined {
  let address = raw.trim();
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    if (end < 0) return undefined;
    address = address.slice(1, end);
  } else if (address.indexOf(':') === address.lastIndexOf(':') && address.includes('.')) {
    // A single colon in a dotted address separates a port, as in `192.0.2.1:5000`.
    address = address.split(':')[0] ?? '';
  }
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);

  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return undefined;
  const lower = address.toLowerCase();
  if (lower.startsWith(IPV4_MAPPED_PREFIX) && isIPv4(lower.slice(IPV4_MAPPED_PREFIX.length))) {
    return lower.slice(IPV4_MAPPED_PREFIX.length);
  }
  return lower;
}

/**
 * Expands an IPv6 address to its eight 16-bit groups as numbers, including an embedded IPv4 tail
 * such as `64:ff9b::192.0.2.1`. The input must already be a valid IPv6 address.
 */
export function expandIpv6(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (isIPv4(last)) {
    const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, lastColon);
    // `64:ff9b::192.0.2.1` leaves `64:ff9b:`, whose trailing colon belonged to `::`.
    if (text.endsWith(':')) text += ':';
  }
  const halves = text.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves[1] ? halves[1].split(':') : [];
  const zeroGroups = halves.length > 1 ? 8 - tail.length - head.length - rest.length : 0;
  const groups = [...head, ...Array<string>(zeroGroups).fill('0'), ...rest];
  return [...groups.map((group) => Number.parseInt(group, 16)), ...tail];
}

/**
 * Returns the rate-limit identity of a client address: IPv4 addresses as they are, IPv6 addresses
 * as their /64 network, because one IPv6 subscriber usually gets a whole /64 (RFC 6177 §2) and
 * could otherwise rotate through 2^64 addresses.
 */
export function clientNetworkKey(address: string): string {
  // Every IPv6 address has a colon, and the colon test spares IPv4 clients the IPv6 pattern.
  if (!address.includes(':') || !isIPv6(address)) return address;
  const groups = expandIpv6(address).slice(0, 4);
  return `${groups.map((group) => group.toString(16)).join(':')}::/64`;
}
