import type { BypassReason } from '../keys/key-part';
import type { RoutePolicy } from '../policy';
import type { CacheRequest } from '../request/cache-request';

export interface BypassPlan {
  kind: 'bypass';
  route: string;
  reason: BypassReason;
}

/** Plan for serving one cacheable request. */
export interface CachePlan {
  kind: 'cache';
  /** Metric label. */
  route: string;
  policy: RoutePolicy | undefined;
  /** Names the entry in both tiers. */
  hash: string;
  request: CacheRequest;
  /** The request sent to the origin on a miss: for shared policy routes, without credentials. */
  fillRequest: CacheRequest;
  /** False when the key contains a replica-local part, so entries stay in this replica's memory. */
  shared: boolean;
  /**
   * Keys of the same request under the catalog generations that recent writes replaced, newest
   * first, while entries under them may stand in (stale) for this one.
   */
  replacedGenerationHashes: readonly string[];
  /** A HEAD request: served from stored GET responses, never filling one. */
  readOnly: boolean;
  perUser: boolean;
  /** No freshness or stale window of a new entry may reach past this time. */
  notAfter: number | undefined;
  /** The client's limit on the age of a stored response (RFC 9111 §5.2.1.1), 0 for no-cache. */
  requestMaxAgeMs: number | undefined;
}

export type RequestPlan = BypassPlan | CachePlan;

export function bypassPlan(route: string, reason: BypassReason): BypassPlan {
  return { kind: 'bypass', route, reason };
}
