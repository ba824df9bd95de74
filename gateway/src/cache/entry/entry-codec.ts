import type { CacheEntry } from './cache-entry';

/**
 * Binary framing of an entry in Redis: a format byte, the length of the metadata as a 32-bit
 * big-endian integer, the metadata as UTF-8 JSON, then the body bytes unchanged. A reader that
 * finds another format byte treats the value as missing, so a format change needs no migration.
 */
const FORMAT = 1;
const HEADER_BYTES = 5;

type EntryMetadata = Omit<CacheEntry, 'body'>;

export function encodeEntry(entry: CacheEntry): Buffer {
  const { body, ...metadata } = entry;
  const json = Buffer.from(JSON.stringify(metadata), 'utf8');
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt8(FORMAT, 0);
  header.writeUInt32BE(json.length, 1);
  return Buffer.concat([header, json, body], HEADER_BYTES + json.length + body.length);
}

/** Decodes an encoded entry, or returns undefined for a value in another format or truncated. */
export function decodeEntry(value: Buffer): CacheEntry | undefined {
  if (value.length < HEADER_BYTES || value.readUInt8(0) !== FORMAT) return undefined;
  const metadataLength = value.readUInt32BE(1);
  const bodyStart = HEADER_BYTES + metadataLength;
  if (bodyStart > value.length) return undefined;
  const metadata = parseMetadata(value.toString('utf8', HEADER_BYTES, bodyStart));
  if (metadata === undefined) return undefined;
  // subarray shares the reply's memory instead of copying the body.
  return { ...metadata, body: value.subarray(bodyStart) };
}

function parseMetadata(json: string): EntryMetadata | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    return isEntryMetadata(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isEntryMetadata(value: unknown): value is EntryMetadata {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.status === 'number' &&
    typeof record.etag === 'string' &&
    typeof record.headers === 'object' &&
    record.headers !== null &&
    typeof record.requestTime === 'number' &&
    typeof record.responseTime === 'number' &&
    typeof record.freshUntil === 'number' &&
    typeof record.staleWhileRevalidateUntil === 'number' &&
    typeof record.staleIfErrorUntil === 'number' &&
    typeof record.expiresAt === 'number'
  );
}
