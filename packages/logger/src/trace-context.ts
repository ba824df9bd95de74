import { randomFillSync } from 'node:crypto';

/** W3C Trace Context `traceparent`: version 00, 32-hex trace id, 16-hex parent id, 2-hex flags. */
const TRACEPARENT_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const ALL_ZERO = /^0+$/;

export interface TraceContext {
  traceId: string;
  parentId: string;
  flags: string;
}

/** Parses a `traceparent` header; returns undefined when it is missing or invalid (W3C Trace Context §3.2). */
export function parseTraceparent(header: string | string[] | undefined): TraceContext | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value === undefined ? null : TRACEPARENT_PATTERN.exec(value.trim());
  if (!match) return undefined;
  const [, traceId = '', parentId = '', flags = ''] = match;
  if (ALL_ZERO.test(traceId) || ALL_ZERO.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}

/**
 * Returns the `traceparent` to send upstream: the same trace id with a new
 * span id, or a new trace when the request carried none.
 */
export function nextTraceparent(incoming: TraceContext | undefined): string {
  const traceId = incoming?.traceId ?? randomHex(16);
  const flags = incoming?.flags ?? '01';
  return `00-${traceId}-${randomHex(8)}-${flags}`;
}

/** Random bytes drawn 4 KiB at a time, because one system call per id costs more than the id. */
const RANDOM_POOL = Buffer.alloc(4096);
let poolOffset = RANDOM_POOL.length;

function randomHex(byteCount: number): string {
  if (poolOffset + byteCount > RANDOM_POOL.length) {
    randomFillSync(RANDOM_POOL);
    poolOffset = 0;
  }
  const hex = RANDOM_POOL.toString('hex', poolOffset, poolOffset + byteCount);
  poolOffset += byteCount;
  return hex;
}
