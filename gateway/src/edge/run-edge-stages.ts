import type { EdgeStage, EdgeStageName } from './edge-stage';
import type { EdgeState } from './edge-state';
import type { RejectDecision, RespondDecision, StageDecision } from './stage-decision';

/** Time one stage took, in milliseconds, for `Server-Timing` and the stage histogram. */
export interface StageTiming {
  stage: EdgeStageName;
  timingName: string;
  durationMs: number;
}

/** Receives each stage's duration and rejection, e.g. to record metrics. */
export interface StageObserver {
  stageFinished(stage: EdgeStageName, durationMs: number, decision: StageDecision): void;
  /** Receives the summed time of every stage that ran for one request. */
  stagesFinished?(totalMs: number): void;
}

/** The outcome of the edge stages for one request. */
export interface EdgeOutcome {
  /** `undefined` when every stage let the request continue. */
  final: RejectDecision | RespondDecision | undefined;
  /** The stage that produced `final`. */
  finalStage: EdgeStageName | undefined;
  /** Headers for the response, in order: every stage's always-headers, then decision headers. */
  headers: [string, string][];
  timings: StageTiming[];
}

/**
 * Runs `stages` in order until one rejects or responds. Stays synchronous while every stage
 * decides synchronously, and switches to a promise at the first stage that returns one.
 */
export function runEdgeStages(
  stages: readonly EdgeStage[],
  state: EdgeState,
  observer: StageObserver,
): EdgeOutcome | Promise<EdgeOutcome> {
  const outcome: EdgeOutcome = {
    final: undefined,
    finalStage: undefined,
    headers: [],
    timings: [],
  };
  for (const stage of stages) {
    const headers = stage.alwaysHeaders?.(state.view);
    if (headers !== undefined) for (const field of headers) outcome.headers.push([...field]);
  }
  return continueFrom(0, stages, state, observer, outcome);
}

function continueFrom(
  first: number,
  stages: readonly EdgeStage[],
  state: EdgeState,
  observer: StageObserver,
  outcome: EdgeOutcome,
): EdgeOutcome | Promise<EdgeOutcome> {
  for (let index = first; index < stages.length; index += 1) {
    const stage = stages[index] as EdgeStage;
    const startedAt = performance.now();
    const result = stage.run(state.view, state);
    if (result instanceof Promise) {
      return result.then((decision) => {
        const done = record(stage, startedAt, decision, state, observer, outcome);
        return done ? outcome : continueFrom(index + 1, stages, state, observer, outcome);
      });
    }
    if (record(stage, startedAt, result, state, observer, outcome)) return outcome;
  }
  return outcome;
}

/** Records one stage's decision and returns true when it ends the run. */
function record(
  stage: EdgeStage,
  startedAt: number,
  decision: StageDecision,
  state: EdgeState,
  observer: StageObserver,
  outcome: EdgeOutcome,
): boolean {
  const durationMs = performance.now() - startedAt;
  outcome.timings.push({ stage: stage.name, timingName: stage.timingName, durationMs });
  observer.stageFinished(stage.name, durationMs, decision);
  if (decision.headers !== undefined) {
    for (const field of decision.headers) outcome.headers.push([...field]);
  }
  if (decision.kind === 'continue') {
    if (decision.identity !== undefined) state.identity = decision.identity;
    return false;
  }
  outcome.final = decision;
  outcome.finalStage = stage.name;
  return true;
}

/**
 * Formats the timings as a `Server-Timing` value in milliseconds with microsecond precision, e.g.
 * `ratelimit;dur=0.012, cors;dur=0.003`.
 */
export function formatServerTiming(timings: readonly StageTiming[]): string {
  return timings
    .map((timing) => `${timing.timingName};dur=${timing.durationMs.toFixed(3)}`)
    .join(', ');
}
