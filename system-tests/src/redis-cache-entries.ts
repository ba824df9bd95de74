import { spawnSync } from 'node:child_process';

/** A response the gateway stored in Redis, as far as these tests read it. */
export interface StoredResponse {
  key: string;
  status: number;
  /** Headers the gateway replays with the response, lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Pattern of the response cache's entry keys with its default `cache:` prefix. */
const ENTRY_KEY_PATTERN = 'cache:*:entry';

/**
 * Reads every response the gateway's cache stored in the Redis on `port`, through `redis-cli`,
 * which comes with redis-server. An entry that expires between the scan and the read is left out.
 */
export function readStoredResponses(port: number): StoredResponse[] {
  const keys = redisCli(port, ['--scan', '--pattern', ENTRY_KEY_PATTERN])
    .toString('utf8')
    .split('\n')
    .filter((key) => key.length > 0);
  const responses: StoredResponse[] = [];
  for (const key of keys) {
    // Without a terminal, redis-cli prints the raw value followed by one newline.
    const value = redisCli(port, ['GET', key]).subarray(0, -1);
    if (value.length > 0) responses.push(decodeEntry(key, value));
  }
  return responses;
}

/**
 * Decodes the entry framing that the cache README documents: a format byte (1), the length of
 * the metadata as a 32-bit big-endian integer, the metadata as JSON, then the body bytes.
 */
function decodeEntry(key: string, value: Buffer): StoredResponse {
  if (value.length < 5 || value.readUInt8(0) !== 1) {
    throw new Error(`Redis key ${key} is not a cache entry of format 1`);
  }
  const bodyStart = 5 + value.readUInt32BE(1);
  const metadata = JSON.parse(value.toString('utf8', 5, bodyStart)) as {
    status: number;
    headers: Record<string, string>;
  };
  return {
    key,
    status: metadata.status,
    headers: metadata.headers,
    body: value.subarray(bodyStart),
  };
}

function redisCli(port: number, args: readonly string[]): Buffer {
  const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    timeout: 5000,
  });
  if (result.error !== undefined) {
    throw new Error(`redis-cli could not run (${result.error.message}); install redis-tools`);
  }
  if (result.status !== 0) {
    throw new Error(`redis-cli ${args.join(' ')} failed: ${result.stderr.toString('utf8')}`);
  }
  return result.stdout;
}
