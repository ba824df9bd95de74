import type { EdgeState } from './edge-state';
import type { RequestView } from './request-view';
import type { HeaderFields, StageDecision } from './stage-decision';

export const EDGE_STAGE_NAMES = ['rate-limit', 'cors', 'auth', 'waf'] as const;
export type EdgeStageName = (typeof EDGE_STAGE_NAMES)[number];

/**
 * One edge stage: a function over the request view, built once from its options. It returns a
 * decision synchronously when it can, and a promise only when it must wait, e.g. for Redis.
 */
export interface EdgeStage {
  readonly name: EdgeStageName;
  /** Metric name in `Server-Timing` (W3C Server Timing §3), e.g. `ratelimit`. */
  readonly timingName: string;
  run(view: RequestView, state: EdgeState): StageDecision | Promise<StageDecision>;
  /**
   * Headers every response to this request carries whichever stage decides it, computed before
   * any stage runs. CORS uses it so that a 429 from an earlier stage is readable by the browser.
   */
  alwaysHeaders?(view: RequestView): HeaderFields;
  /** Does once, before the server listens, the slow first-time work of `run`. */
  warmUp?(): void;
}
