import type { MiddlewareOrder } from '../pipeline';
import type { RolloutConfig } from './config';

/** A guard trip: the limit that was crossed and the figures the guard measured. */
export interface GuardTrip {
  reason: GuardTripReason;
  /** ISO 8601 time of the trip. */
  at: string;
  /** Requests of the optimized path in the window. */
  requests: number;
  /** Share of them with a 5xx status, from 0 to 1. */
  errorRatio: number;
  /** P95 latency of the window in milliseconds, estimated from histogram buckets. */
  p95Ms: number;
}

export type GuardTripReason = 'error_ratio' | 'p95';

/** The run-time switches every replica follows. */
export interface RolloutSwitches {
  /** Whether the optimized path uses the response cache. */
  cacheEnabled: boolean;
  /** Edge stage order of the optimized path; the baseline always runs `legacy`. */
  middlewareOrder: MiddlewareOrder;
  /** Share of clients, from 0 to 100, assigned to the optimized path. */
  rolloutPercent: number;
  /** Set while the guard holds the optimized path off; cleared when an operator sets a percentage. */
  guardTrip: GuardTrip | undefined;
}

/** A change to some of the switches; `guardTrip: null` clears the guard's hold. */
export interface SwitchChange {
  cacheEnabled?: boolean;
  middlewareOrder?: MiddlewareOrder;
  rolloutPercent?: number;
  guardTrip?: GuardTrip | null;
}

/** Returns the switches the environment sets, used until the shared state sets other values. */
export function defaultSwitches(config: RolloutConfig): RolloutSwitches {
  return {
    cacheEnabled: config.CACHE_ENABLED,
    middlewareOrder: config.MIDDLEWARE_ORDER,
    rolloutPercent: config.ROLLOUT_PERCENT,
    guardTrip: undefined,
  };
}

/** Returns `switches` with `change` applied. */
export function applyChange(switches: RolloutSwitches, change: SwitchChange): RolloutSwitches {
  const next = { ...switches };
  if (change.cacheEnabled !== undefined) next.cacheEnabled = change.cacheEnabled;
  if (change.middlewareOrder !== undefined) next.middlewareOrder = change.middlewareOrder;
  if (change.rolloutPercent !== undefined) next.rolloutPercent = change.rolloutPercent;
  if (change.guardTrip !== undefined) next.guardTrip = change.guardTrip ?? undefined;
  return next;
}

/** Returns whether two states differ in any switch. */
export function switchesDiffer(left: RolloutSwitches, right: RolloutSwitches): boolean {
  return (
    left.cacheEnabled !== right.cacheEnabled ||
    left.middlewareOrder !== right.middlewareOrder ||
    left.rolloutPercent !== right.rolloutPercent ||
    left.guardTrip?.at !== right.guardTrip?.at ||
    left.guardTrip?.reason !== right.guardTrip?.reason
  );
}
