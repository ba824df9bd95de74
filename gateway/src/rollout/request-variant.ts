import type { IncomingMessage } from 'node:http';
import type { Variant } from './assignment';

/**
 * Key of the arm, kept on the request itself. A WeakMap entry per request costs the garbage
 * collector more than a property, and the request is the only owner either way.
 */
const VARIANT = Symbol('rollout variant');

interface WithVariant {
  [VARIANT]?: Variant;
}

/** Remembers the arm of `req`, so the cache stage and the metrics read the one the order used. */
export function rememberVariant(req: IncomingMessage, variant: Variant): void {
  (req as WithVariant)[VARIANT] = variant;
}

/** Returns the arm of `req`, or undefined when no edge stage ran for it (e.g. health routes). */
export function variantOf(req: IncomingMessage): Variant | undefined {
  return (req as WithVariant)[VARIANT];
}

/** Returns whether `req` is on the baseline arm, which never reads or fills the response cache. */
export function isBaselineRequest(req: IncomingMessage): boolean {
  return (req as WithVariant)[VARIANT] === 'baseline';
}
