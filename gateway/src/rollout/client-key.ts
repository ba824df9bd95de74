import { clientNetworkKey } from '../client-address';
import type { RequestView } from '../edge';

/**
 * Returns the key that keeps a client on one arm: its address after the trusted proxies (an IPv6
 * client's /64), the same key the rate limit counts by.
 *
 * The arm is chosen before any edge stage runs, so nothing the request claims about itself can be
 * trusted yet. An unverified token subject would let a client pick its arm, and with it the
 * legacy order, where the rate limit runs last.
 */
export function clientKeyOf(view: RequestView): string {
  return `ip:${clientNetworkKey(view.clientAddress)}`;
}
