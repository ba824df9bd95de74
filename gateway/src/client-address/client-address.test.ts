import {
  clientNetworkKey,
  createClientAddressResolver,
  normalizeIpAddress,
  parseTrustProxy,
} from './index';

describe('normalizeIpAddress', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::FFFF:192.0.2.1', '192.0.2.1'],
    ['192.0.2.1:5000', '192.0.2.1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    [' 2001:DB8::1 ', '2001:db8::1'],
  ])('normalizes %s', (raw, expected) => {
    expect(normalizeIpAddress(raw)).toBe(expected);
  });

  it.each(['unknown', '', '999.1.1.1', 'example.org'])('rejects %s', (raw) => {
    expect(normalizeIpAddress(raw)).toBeUndefined();
  });
});

describe('clientNetworkKey', () => {
  it('keeps IPv4 addresses', () => {
    expect(clientNetworkKey('192.0.2.1')).toBe('192.0.2.1');
  });

  it('groups IPv6 by /64', () => {
    const first = clientNetworkKey('2001:db8:1:2:aaaa::1');
    expect(first).toBe('2001:db8:1:2::/64');
    expect(clientNetworkKey('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe(first);
    expect(clientNetworkKey('2001:db8:1:3::1')).not.toBe(first);
  });

  it('expands an embedded IPv4 tail', () => {
    expect(clientNetworkKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});

describe('parseTrustProxy', () => {
  it('trusts nothing by default', () => {
    expect(parseTrustProxy('')).toEqual({ kind: 'none' });
    expect(parseTrustProxy('0')).toEqual({ kind: 'none' });
  });

  it('reads hops and subnets', () => {
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', count: 2 });
    expect(parseTrustProxy('10.0.0.0/8, 2001:db8::/32')).toEqual({
      kind: 'subnets',
      subnets: ['10.0.0.0/8', '2001:db8::/32'],
    });
  });

  it.each(['0.0.0.0/0', '::/0', 'true', '*', '10.0.0.0/33', '11'])('rejects %s', (value) => {
    expect(() => parseTrustProxy(value)).toThrow();
  });
});

describe('createClientAddressResolver', () => {
  it('ignores X-Forwarded-For without trust', () => {
    const resolve = createClientAddressResolver({ kind: 'none' });
    expect(resolve('::ffff:10.1.2.3', '203.0.113.9')).toBe('10.1.2.3');
  });

  it('walks the trusted hops', () => {
    const resolve = createClientAddressResolver({ kind: 'hops', count: 1 });
    expect(resolve('10.0.0.5', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
  });

  it('stops at the first untrusted subnet hop', () => {
    const resolve = createClientAddressResolver(parseTrustProxy('10.0.0.0/8'));
    // The client wrote 198.51.100.1 itself; the proxy 10.0.0.7 appended the client's address.
    expect(resolve('10.0.0.5', '198.51.100.1, 203.0.113.9, 10.0.0.7')).toBe('203.0.113.9');
    expect(resolve('192.0.2.50', '203.0.113.9')).toBe('192.0.2.50');
  });

  it('stops at an invalid entry', () => {
    const resolve = createClientAddressResolver({ kind: 'hops', count: 3 });
    expect(resolve('10.0.0.5', '203.0.113.9, garbage')).toBe('10.0.0.5');
  });
});
