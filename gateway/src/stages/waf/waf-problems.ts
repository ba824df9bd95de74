import { HttpProblem, problems } from '@scholarships/service-kit';
import type { LimitViolation, RuleMatch } from './waf-engine';
import type { WafCategory } from './waf-rule';

/** 403 naming every matched rule, with one `errors` entry per rule and where it matched. */
export function requestBlocked(category: WafCategory, matches: readonly RuleMatch[]): HttpProblem {
  const ids = matches.map((match) => match.rule.id).join(', ');
  return new HttpProblem({
    status: 403,
    code: 'REQUEST_BLOCKED',
    title: 'Request blocked',
    detail:
      `The request matched the firewall rules ${ids} (category ${category}); remove that ` +
      'content, or quote the request id if the block is wrong',
    errors: matches.map((match) => ({
      field: match.location,
      message: `matched ${match.rule.id} (${match.rule.category}): ${match.rule.description}`,
    })),
  });
}

const LIMIT_PROBLEMS: Record<
  Exclude<LimitViolation['status'], 400 | 413>,
  { code: string; title: string; advice: string }
> = {
  414: {
    code: 'URI_TOO_LONG',
    title: 'Request URI too long',
    advice: 'shorten the path and query',
  },
  // Each 415 detail names what to send instead: a JSON media type, or an uncompressed body.
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    title: 'Unsupported media type',
    advice: '',
  },
  431: {
    code: 'HEADERS_TOO_LARGE',
    title: 'Request header fields too large',
    advice: 'send fewer or shorter headers, e.g. fewer cookies',
  },
};

export function limitProblem(violation: LimitViolation): HttpProblem {
  if (violation.reason === 'unexpected_body') {
    return new HttpProblem({
      status: 400,
      code: 'UNEXPECTED_BODY',
      title: 'Body not expected',
      detail: violation.detail,
    });
  }
  if (violation.status === 400) return problems.invalidJson(violation.detail);
  if (violation.status === 413) return problems.payloadTooLarge(`${violation.limitBytes} bytes`);
  const entry = LIMIT_PROBLEMS[violation.status];
  return new HttpProblem({
    status: violation.status,
    code: entry.code,
    title: entry.title,
    detail: entry.advice === '' ? violation.detail : `${violation.detail}; ${entry.advice}`,
  });
}
