import type { CacheOutcome } from './cache-status';

/** A response ready to write: status, headers with lower-case names, and the body bytes. */
export interface CacheResponse {
  status: number;
  headers: Record<string, string | string[]>;
  /** Empty for HEAD and 304 responses; Content-Length still names the full length for HEAD. */
  body: Buffer;
  outcome: CacheOutcome;
}

export const EMPTY_BODY = Buffer.alloc(0);
