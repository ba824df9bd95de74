import { problems } from '@scholarships/service-kit';
import type { Request } from 'express';
import { findEdgeState } from '../edge';

/**
 * Returns the JSON body the WAF buffered and parsed, for the gateway's own admin routes, because
 * the request stream is already consumed. Throws a 400 problem when the bytes are not JSON.
 */
export function readBufferedJsonBody(req: Request): unknown {
  const state = findEdgeState(req);
  if (state?.parsedBody !== undefined) return state.parsedBody;
  const bytes = state?.view.body;
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw problems.invalidJson((error as Error).message);
  }
}
