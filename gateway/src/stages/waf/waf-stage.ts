import { HttpProblem } from '@scholarships/service-kit';
import {
  CONTINUE,
  type EdgeStage,
  type EdgeState,
  hasRequestBody,
  type RequestView,
  reject,
  type StageDecision,
} from '../../edge';
import type { GatewayMetrics } from '../../metrics';
import { bodyTooLarge, type ScoreSheet, type WafEngine, type WafVerdict } from './waf-engine';
import { limitProblem, requestBlocked } from './waf-problems';

export interface WafStageOptions {
  engine: WafEngine;
  metrics: GatewayMetrics;
}

/**
 * Builds the WAF stage. It checks sizes and the media type first, then scores the path, query and
 * headers, and only then reads the body, so a request that is already blocked costs no upload.
 * The body is read once: its bytes are what the proxy forwards, and its parsed JSON is kept in the
 * edge state for the stages after the WAF.
 */
export function createWafStage(options: WafStageOptions): EdgeStage {
  const { engine, metrics } = options;

  const toDecision = (verdict: WafVerdict, state: EdgeState): StageDecision => {
    if (verdict.kind === 'allow') {
      if (verdict.parsedBody !== undefined) state.parsedBody = verdict.parsedBody;
      return CONTINUE;
    }
    if (verdict.kind === 'block') {
      metrics.wafBlocks.inc({ category: verdict.category });
      return reject(requestBlocked(verdict.category, verdict.matches), verdict.category);
    }
    const { violation } = verdict;
    // The unread rest of an oversized body would be parsed as the next request; close instead.
    const headers =
      violation.status === 413 ? ([['Connection', 'close']] as const) : violation.headers;
    return reject(limitProblem(violation), violation.reason, headers);
  };

  const inspectBody = async (state: EdgeState, sheet: ScoreSheet): Promise<StageDecision> => {
    const read = await state.readBody(engine.limits.maxBodyBytes);
    if (read.kind === 'aborted') return reject(bodyIncomplete(), 'body_incomplete');
    if (read.kind === 'too-large') {
      return toDecision(
        { kind: 'limit', violation: bodyTooLarge(engine.limits.maxBodyBytes) },
        state,
      );
    }
    return toDecision(engine.scoreBody(read.bytes, sheet), state);
  };

  return {
    name: 'waf',
    timingName: 'waf',
    warmUp: () => engine.warmUp(),
    run(view: RequestView, state: EdgeState) {
      if (!hasRequestBody(view)) return toDecision(engine.inspectEnvelope(view), state);
      const violation = engine.checkLimits(view);
      if (violation !== undefined) return toDecision({ kind: 'limit', violation }, state);
      const sheet = engine.scoreEnvelope(view);
      const envelope = engine.decide(sheet);
      if (envelope.kind === 'block') return toDecision(envelope, state);
      return inspectBody(state, sheet);
    },
  };
}

function bodyIncomplete(): HttpProblem {
  return new HttpProblem({
    status: 400,
    code: 'BODY_INCOMPLETE',
    title: 'Request body incomplete',
    detail: 'The connection ended before the whole body arrived; send the request again',
  });
}
