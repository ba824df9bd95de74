import type { RequestView } from '../edge';
import { DEFAULT_WAF_RULES } from '../stages/waf/rules';
import { isPatternRule } from '../stages/waf/waf-rule';

/** Builds a GET of the search path from a local client, with `parts` replacing the defaults. */
export function searchView(parts: Partial<RequestView> = {}): RequestView {
  return {
    method: 'GET',
    path: '/api/v1/search',
    rawQuery: '',
    headers: {},
    clientAddress: '127.0.0.1',
    ...parts,
  };
}

/** Builds a request from a local client whose JSON body is `{ [field]: value }`. */
export function jsonBodyView(
  request: { method: string; path: string },
  field: string,
  value: unknown,
): RequestView {
  const body = Buffer.from(JSON.stringify({ [field]: value }));
  return searchView({
    ...request,
    headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    body,
  });
}

/** Builds an eligibility check, which needs no token, whose body has one field, `note`. */
export function eligibilityCheckView(value: unknown): RequestView {
  return jsonBodyView({ method: 'POST', path: '/api/v1/eligibility/check' }, 'note', value);
}

/** Returns the pattern of the default WAF rule `id`, and throws when no pattern rule has it. */
export function wafPatternOf(id: string): RegExp {
  const found = DEFAULT_WAF_RULES.filter(isPatternRule).find((rule) => rule.id === id);
  if (found === undefined) throw new Error(`pattern rule ${id} not found`);
  return found.pattern;
}
