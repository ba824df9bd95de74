import type { CacheEntry } from './cache-entry';
import { decodeEntry, encodeEntry } from './entry-codec';

const entry: CacheEntry = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from([0, 1, 2, 255, 254]),
  etag: '"abc"',
  originEtag: false,
  requestTime: 1000,
  responseTime: 1010,
  initialAgeMs: 0,
  freshUntil: 2000,
  staleWhileRevalidateUntil: 3000,
  staleIfErrorUntil: 4000,
  expiresAt: 4000,
  vary: { names: ['accept'], values: ['a'] },
};

describe('entry codec', () => {
  it('round-trips bytes and metadata', () => {
    expect(decodeEntry(encodeEntry(entry))).toEqual(entry);
  });

  it('stores the body after a length-prefixed header', () => {
    const encoded = encodeEntry(entry);
    const metadataLength = encoded.readUInt32BE(1);
    expect(encoded.readUInt8(0)).toBe(1);
    expect(encoded.subarray(5 + metadataLength).equals(entry.body)).toBe(true);
  });

  it('rejects another format', () => {
    const encoded = encodeEntry(entry);
    encoded.writeUInt8(9, 0);
    expect(decodeEntry(encoded)).toBeUndefined();
  });

  it('rejects truncated values', () => {
    expect(decodeEntry(encodeEntry(entry).subarray(0, 20))).toBeUndefined();
    expect(decodeEntry(Buffer.from([1]))).toBeUndefined();
  });
});
