import type { ExchangeResult, OutgoingRequest } from '../client';

/** A request chosen by a workload, with what counts as its success. */
export interface PlannedRequest {
  /** Report label, e.g. `search` or `lookup`. */
  route: string;
  request: OutgoingRequest;
  /** Whether the workload reads the body (to learn ids, cursors or ETags). */
  readBody: boolean;
  /** Statuses that count as success; any other status is an error. */
  isExpected(status: number): boolean;
  /** Whether the gateway may serve it from its response cache, so it counts in the hit ratio. */
  cacheable: boolean;
  /** Learns from a response, e.g. ids from search results. */
  onResponse?(result: ExchangeResult): void;
}

/** A source of requests for the load generator. */
export interface Workload {
  next(): PlannedRequest;
}
