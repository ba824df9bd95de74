import type { HeaderFields } from '../../edge';
import type { GcraOutcome } from './gcra';
import type { RateLimitPolicy } from './rate-limit-table';

/**
 * `RateLimit-Policy` value of a policy, e.g. `"default";q=600;w=60`: a Structured Fields list of
 * one String item with the quota and window parameters (draft-ietf-httpapi-ratelimit-headers-11
 * §3). The quota counts cost units, so one request may spend more than one.
 */
export function formatPolicyField(policy: RateLimitPolicy): string {
  return `"${policy.name}";q=${policy.quota};w=${policy.windowSeconds}`;
}

/**
 * The RateLimit fields of one response (draft-ietf-httpapi-ratelimit-headers-11 §4): `r` is the
 * available quota and `t` the seconds within which the client can use no more than it. For a
 * rejected request `t` equals Retry-After, because §6 says Retry-After should not point before
 * the end of the effective window.
 */
export function rateLimitFields(
  policyName: string,
  policyField: string,
  outcome: GcraOutcome,
): HeaderFields {
  const seconds = Math.ceil((outcome.allowed ? outcome.resetMs : outcome.retryAfterMs) / 1000);
  const fields: [string, string][] = [
    ['RateLimit-Policy', policyField],
    ['RateLimit', `"${policyName}";r=${outcome.remaining};t=${seconds}`],
  ];
  // RFC 9110 §10.2.3: delay-seconds, at least 1 so that a client never retries at once.
  if (!outcome.allowed) fields.push(['Retry-After', String(Math.max(1, seconds))]);
  return fields;
}
