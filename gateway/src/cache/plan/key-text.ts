import { normalizeScholarshipId } from '../keys/catalog-rules';
import { hashKeyText } from '../keys/key-hash';
import type { RoutePolicy } from '../policy';
import { ROUTE_POLICIES } from '../policy';

/** The normalized pieces of a request that a policy key is made of. */
export interface PolicyKeyParts {
  path: string;
  query: string;
  body: string;
  /** Context such as `generation:g12`, `day:2026-03-01`, `user:...`. */
  context: readonly string[];
}

/**
 * Key text of a policy route: one line per part, so no part can run into the next. Invalidation
 * rebuilds the key of a scholarship with the same function.
 */
export function policyKeyText(policy: RoutePolicy, parts: PolicyKeyParts): string {
  return [
    `${policy.method} ${policy.route}`,
    `path:${parts.path}`,
    `query:${parts.query}`,
    `body:${parts.body}`,
    ...parts.context,
  ].join('\n');
}

/** Key text of a route without a policy: the exact request target (RFC 9111 §4.1). */
export function rfcKeyText(path: string, query: string): string {
  return `GET rfc\n${path}\n${query}`;
}

const SCHOLARSHIP_POLICY = findPolicy('/api/v1/scholarships/:id');

/** Hash of the stored `GET /api/v1/scholarships/:id` response for one scholarship. */
export function scholarshipEntryHash(scholarshipId: string): string {
  return hashKeyText(
    policyKeyText(SCHOLARSHIP_POLICY, {
      path: normalizeScholarshipId(scholarshipId),
      query: '',
      body: '',
      context: [],
    }),
  );
}

function findPolicy(route: string): RoutePolicy {
  const policy = ROUTE_POLICIES.find((candidate) => candidate.route === route);
  if (policy === undefined) throw new Error(`route policy ${route} is missing from ROUTE_POLICIES`);
  return policy;
}
