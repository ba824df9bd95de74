import { ROUTE_POLICIES, type RoutePolicy } from './policy';

export interface PolicyMatch {
  policy: RoutePolicy;
  /** Raw, still percent-encoded path parameters by name. */
  parameters: Record<string, string>;
}

interface CompiledPolicy {
  policy: RoutePolicy;
  segments: readonly string[];
}

const COMPILED: readonly CompiledPolicy[] = ROUTE_POLICIES.map((policy) => ({
  policy,
  segments: policy.route.split('/'),
}));

/**
 * Finds the policy of a request. HEAD matches GET policies, because a HEAD response is the GET
 * response without its body. Matching is case-sensitive like the gateway's routing, and one
 * trailing slash is ignored, as Express routes do by default.
 */
export function matchPolicy(method: string, path: string): PolicyMatch | undefined {
  const policyMethod = method === 'HEAD' ? 'GET' : method;
  const segments = withoutTrailingSlash(path).split('/');
  for (const compiled of COMPILED) {
    if (compiled.policy.method !== policyMethod) continue;
    const parameters = matchSegments(compiled.segments, segments);
    if (parameters !== undefined) return { policy: compiled.policy, parameters };
  }
  return undefined;
}

function matchSegments(
  template: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const parameters: Record<string, string> = {};
  for (let index = 0; index < template.length; index += 1) {
    const expected = template[index] ?? '';
    const segment = actual[index] ?? '';
    if (expected.startsWith(':')) {
      if (segment === '') return undefined;
      parameters[expected.slice(1)] = segment;
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return parameters;
}

function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
