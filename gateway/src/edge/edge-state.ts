import type { IncomingMessage } from 'node:http';
import { type BodyReadResult, readRequestBody } from './read-body';
import type { RequestView } from './request-view';
import type { Identity } from './stage-decision';

/** Facts the edge stages learned about one request, kept for the stages after them. */
export interface EdgeState {
  readonly view: RequestView;
  /** The verified caller; undefined for anonymous requests. */
  identity?: Identity;
  /**
   * Set by the rate-limit stage when it admits the request: charges the client's bucket for the
   * milliseconds a service spent on the request (see `RATE_LIMIT_ORIGIN_MS_PER_UNIT`).
   */
  chargeOrigin?: (originMs: number) => void;
  /** The body parsed as JSON by the WAF, kept so later stages do not parse it again. */
  parsedBody?: unknown;
  /**
   * Reads the body once, up to `limitBytes`; later calls return the first result. On success the
   * bytes are also stored in `view.body`, and the proxy forwards exactly those bytes.
   */
  readBody(limitBytes: number): Promise<BodyReadResult>;
}

/** Key of the edge state, kept on the request as a property: cheaper than a WeakMap entry. */
const EDGE_STATE = Symbol('edge state');

interface WithEdgeState {
  [EDGE_STATE]?: EdgeState;
}

/** Creates the state of `req` and attaches it, so the proxy can find it by the request. */
export function createEdgeState(req: IncomingMessage, view: RequestView): EdgeState {
  let reading: Promise<BodyReadResult> | undefined;
  const state: EdgeState = {
    view,
    readBody(limitBytes) {
      reading ??= readRequestBody(req, limitBytes).then((result) => {
        if (result.kind === 'read') view.body = result.bytes;
        return result;
      });
      return reading;
    },
  };
  (req as WithEdgeState)[EDGE_STATE] = state;
  return state;
}

/** Returns the edge state of `req`, or undefined when no edge stage ran (e.g. health routes). */
export function findEdgeState(req: IncomingMessage): EdgeState | undefined {
  return (req as WithEdgeState)[EDGE_STATE];
}

/** Returns the user id of the request's verified caller, or undefined for an anonymous one. */
export function callerOf(req: IncomingMessage): string | undefined {
  return findEdgeState(req)?.identity?.userId;
}
