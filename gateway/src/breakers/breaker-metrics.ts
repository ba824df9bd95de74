import type { EventEmitter } from 'node:events';
import type { Counter, Gauge } from '@scholarships/metrics';
import type CircuitBreaker from 'opossum';

/** Metrics that every breaker records, labelled with the breaker's name. */
export interface BreakerMetrics {
  /** `gateway_breaker_state{breaker}`: 0 closed, 1 half-open, 2 open. */
  state: Gauge<'breaker'>;
  /** `gateway_breaker_events_total{breaker, event}`, one series per opossum event name. */
  events: Counter<'breaker' | 'event'>;
}

export type BreakerState = 'closed' | 'halfOpen' | 'open';

export const BREAKER_STATE_VALUES: Readonly<Record<BreakerState, number>> = {
  closed: 0,
  halfOpen: 1,
  open: 2,
};

/** opossum events that are counted. `fire` is left out because it only repeats the others' sum. */
const COUNTED_EVENTS = [
  'success',
  'failure',
  'timeout',
  'reject',
  'open',
  'halfOpen',
  'close',
] as const;

/** Feeds a breaker's events into the metrics and keeps its state gauge current. */
export function observeBreaker<TI extends unknown[], TR>(
  breaker: CircuitBreaker<TI, TR>,
  name: string,
  metrics: BreakerMetrics,
): void {
  metrics.state.set({ breaker: name }, BREAKER_STATE_VALUES.closed);
  // Typed as a plain emitter because opossum's typings overload `on` once per event name.
  const emitter: EventEmitter = breaker;
  for (const event of COUNTED_EVENTS) {
    emitter.on(event, () => metrics.events.inc({ breaker: name, event }));
  }
  breaker.on('open', () => metrics.state.set({ breaker: name }, BREAKER_STATE_VALUES.open));
  breaker.on('halfOpen', () => metrics.state.set({ breaker: name }, BREAKER_STATE_VALUES.halfOpen));
  breaker.on('close', () => metrics.state.set({ breaker: name }, BREAKER_STATE_VALUES.closed));
}

/** Reads the state from opossum's flags. */
export function breakerState<TI extends unknown[], TR>(
  breaker: CircuitBreaker<TI, TR>,
): BreakerState {
  if (breaker.opened) return 'open';
  if (breaker.halfOpen) return 'halfOpen';
  return 'closed';
}
