import type { IncomingMessage } from 'node:http';
import type { Variant } from './assignment';

const variants = new WeakMap<IncomingMessage, Variant>();

/** Remembers the arm of `req`, so the cache stage and the metrics read the one the order used. */
export function rememberVariant(req: IncomingMessage, variant: Variant): void {
  variants.set(req, variant);
}

/** Returns the arm of `req`, or undefined when no edge stage ran for it (e.g. health routes). */
export function variantOf(req: IncomingMessage): Variant | undefined {
  return variants.get(req);
}

/** Returns whether `req` is on the baseline arm, which never reads or fills the response cache. */
export function isBaselineRequest(req: IncomingMessage): boolean {
  return variants.get(req) === 'baseline';
}
