import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendProblem } from '@scholarships/service-kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ClientAddressResolver } from '../client-address';
import type { EdgeStage } from './edge-stage';
import { createEdgeState } from './edge-state';
import { createRequestView } from './request-view';
import {
  type EdgeOutcome,
  formatServerTiming,
  runEdgeStages,
  type StageObserver,
} from './run-edge-stages';

export interface EdgeMiddlewareOptions {
  /** Returns the stages to run for this request, in order. Called per request. */
  selectStages(req: IncomingMessage): readonly EdgeStage[];
  resolveClientAddress: ClientAddressResolver;
  observer: StageObserver;
  /** Runs each stage's `warmUp`; the gateway calls it once before it listens. */
  warmUp?(): void;
}

/**
 * Creates the Express adapter of the edge stages. It builds the request view, runs the stages, and
 * turns the outcome into headers and a problem response, a gateway response or `next()`.
 */
export function edgeMiddleware(options: EdgeMiddlewareOptions): RequestHandler {
  return function runEdgeStagesMiddleware(req: Request, res: Response, next: NextFunction) {
    const earlier = takeEdgeOutcome(req);
    if (earlier !== undefined) {
      applyOutcome(earlier, req, res, next);
      return;
    }
    const clientAddress = options.resolveClientAddress(
      req.socket.remoteAddress,
      req.headers['x-forwarded-for'],
    );
    const state = createEdgeState(req, createRequestView(req, clientAddress));
    const outcome = runEdgeStages(options.selectStages(req), state, options.observer);
    if (outcome instanceof Promise) {
      outcome.then((settled) => {
        reportTotal(settled, options.observer);
        applyOutcome(settled, req, res, next);
      }, next);
      return;
    }
    reportTotal(outcome, options.observer);
    applyOutcome(outcome, req, res, next);
  };
}

/**
 * Key of the outcome of stages that already ran before Express, on the cache-hit path, kept on
 * the request.
 */
const EARLIER_OUTCOME = Symbol('earlier edge outcome');

interface WithEarlierOutcome {
  [EARLIER_OUTCOME]?: EdgeOutcome | undefined;
}

/**
 * Hands the outcome of stages that already ran for `req` to the Express middleware, which then
 * applies it instead of running the stages again, so a rate limit counts each request once.
 */
export function attachEdgeOutcome(req: IncomingMessage, outcome: EdgeOutcome): void {
  (req as WithEarlierOutcome)[EARLIER_OUTCOME] = outcome;
}

function takeEdgeOutcome(req: IncomingMessage): EdgeOutcome | undefined {
  const outcome = (req as WithEarlierOutcome)[EARLIER_OUTCOME];
  if (outcome !== undefined) (req as WithEarlierOutcome)[EARLIER_OUTCOME] = undefined;
  return outcome;
}

/** Reports the summed stage time of one request to the observer. */
export function reportTotal(outcome: EdgeOutcome, observer: StageObserver): void {
  let totalMs = 0;
  for (const timing of outcome.timings) totalMs += timing.durationMs;
  observer.stagesFinished?.(totalMs);
}

function applyOutcome(outcome: EdgeOutcome, req: Request, res: Response, next: NextFunction) {
  // A client that went away while a stage waited, e.g. for Redis, gets no response.
  if (res.destroyed) return;
  setHeaderFields(res, outcome.headers);
  if (outcome.timings.length > 0) {
    res.setHeader('Server-Timing', formatServerTiming(outcome.timings));
  }
  const final = outcome.final;
  if (final === undefined) {
    next();
    return;
  }
  if (final.kind === 'reject') {
    sendProblem(req, res, final.problem);
    return;
  }
  res.status(final.status).end();
}

/** Sets each field once; a name that occurs several times gets its values joined with `, `. */
export function setHeaderFields(
  res: ServerResponse,
  fields: readonly (readonly [string, string])[],
): void {
  for (const [name, value] of joinHeaderFields(fields)) res.setHeader(name, value);
}

/** Joins the values of fields that share a name (in any case) with commas, by lowercase name. */
export function joinHeaderFields(
  fields: readonly (readonly [string, string])[],
): Map<string, string> {
  const joined = new Map<string, string>();
  for (const [name, value] of fields) {
    const key = name.toLowerCase();
    const previous = joined.get(key);
    joined.set(key, previous === undefined ? value : `${previous}, ${value}`);
  }
  return joined;
}
