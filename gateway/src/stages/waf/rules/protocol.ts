import type { RequestView } from '../../../edge';
import type { InspectedField } from '../inspected-field';
import type { PatternRule, PredicateRule, WafRule } from '../waf-rule';

/** Methods the API serves; TRACE, CONNECT and WebDAV methods are probes. */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function predicate(
  id: string,
  score: number,
  description: string,
  test: (view: RequestView, fields: readonly InspectedField[]) => string | undefined,
): PredicateRule {
  return { id, category: 'protocol', score, description, test };
}

function anyHeaderValue(view: RequestView, pattern: RegExp): string | undefined {
  for (const [name, value] of Object.entries(view.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.some((item) => pattern.test(item))) return `header.${name}`;
  }
  return undefined;
}

const PROTOCOL_PREDICATES: readonly PredicateRule[] = [
  predicate('proto-method', 5, 'a method the API does not serve', (view) =>
    ALLOWED_METHODS.has(view.method) ? undefined : 'method',
  ),
  // RFC 9112 §6.1: a request with both fields is a request-smuggling attempt.
  predicate('proto-length-and-chunked', 5, 'both Content-Length and Transfer-Encoding', (view) =>
    view.headers['content-length'] !== undefined && view.headers['transfer-encoding'] !== undefined
      ? 'header.transfer-encoding'
      : undefined,
  ),
  predicate('proto-transfer-coding', 5, 'a Transfer-Encoding other than chunked', (view) => {
    const coding = view.headers['transfer-encoding'];
    return coding === undefined || coding.trim().toLowerCase() === 'chunked'
      ? undefined
      : 'header.transfer-encoding';
  }),
  predicate(
    'proto-content-length',
    5,
    'a Content-Length that is not one decimal number',
    (view) => {
      const length = view.headers['content-length'];
      return length === undefined || /^\d{1,15}$/.test(length)
        ? undefined
        : 'header.content-length';
    },
  ),
  predicate('proto-header-control', 5, 'CR, LF or NUL inside a header value', (view) =>
    anyHeaderValue(view, /[\r\n\0]/),
  ),
  predicate('proto-shellshock', 5, 'a Bash function definition in a header', (view) =>
    anyHeaderValue(view, /\(\s*\)\s*\{[^}]{0,20}\}\s*;/),
  ),
  predicate(
    'proto-malformed-encoding',
    2,
    'malformed percent-encoding or invalid UTF-8',
    (_view, fields) => fields.find((field) => field.malformed && field.target !== 'body')?.location,
  ),
  // RFC 9110 §10.1.1 defines only 100-continue, and Node.js replies 417 to other values itself.
  predicate('proto-expect', 5, 'an Expect value other than 100-continue', (view) => {
    const expect = view.headers.expect;
    return expect === undefined || expect.toLowerCase() === '100-continue'
      ? undefined
      : 'header.expect';
  }),
];

const PROTOCOL_PATTERNS: readonly PatternRule[] = [
  {
    id: 'proto-header-injection',
    category: 'protocol',
    score: 5,
    description: 'CR or LF followed by a header line (response splitting)',
    targets: ['path', 'query', 'header'],
    // One line break, then white space without line breaks, because a match across several
    // breaks also starts at the last one. `[\r\n]+\s*` tried every split of a long run (cubic).
    pattern: /[\r\n][^\S\r\n]*(?:[\w-]+\s*:|HTTP\/\d)/i,
  },
  {
    id: 'proto-newline-in-path',
    category: 'protocol',
    score: 5,
    description: 'CR or LF in the path',
    targets: ['path'],
    pattern: /[\r\n]/,
  },
  {
    id: 'proto-newline-in-query',
    category: 'protocol',
    score: 2,
    description: 'CR or LF in a query value',
    targets: ['query'],
    pattern: /[\r\n]/,
  },
  {
    id: 'proto-null-byte',
    category: 'protocol',
    score: 5,
    description: 'a NUL character, used to truncate strings in C-based code',
    targets: ['path', 'query', 'body', 'header'],
    pattern: /\0/,
  },
  {
    id: 'proto-double-encoding',
    category: 'protocol',
    score: 3,
    description: 'a percent-encoded escape of a character that changes meaning when decoded twice',
    targets: ['path', 'query'],
    form: 'raw',
    pattern: /%25(?:2e|2f|5c|3c|3e|22|27|00|0d|0a|3b|7c|60|24|28|29|25)/i,
  },
];

/** Protocol abuse: smuggling, header injection, NUL bytes, unusual methods and encodings. */
export const PROTOCOL_RULES: readonly WafRule[] = [...PROTOCOL_PREDICATES, ...PROTOCOL_PATTERNS];
