import type { WafCategory } from '../waf-rule';
import {
  COMMAND_INJECTION_PAYLOADS,
  PATH_TRAVERSAL_PAYLOADS,
  SCANNER_CALLBACKS,
  SCANNER_HEADERS,
  SCANNER_PROBE_PATHS,
  SCANNER_USER_AGENTS,
  SQL_INJECTION_PAYLOADS,
  XSS_PAYLOADS,
} from './attack-payloads';
import { BROWSER_HEADERS, type CorpusRequest } from './corpus-request';

/** Places a payload goes into a request. */
type Injector = (payload: string) => Omit<CorpusRequest, 'name' | 'category'>;

/** Payloads that already carry percent-escapes are sent as they are; others are encoded. */
function queryValue(payload: string): string {
  return /%[0-9a-fA-F]{2}|%u[0-9a-fA-F]{4}/.test(payload) ? payload : encodeURIComponent(payload);
}

const inSearchQuery: Injector = (payload) => ({
  method: 'GET',
  url: `/api/v1/search?q=${queryValue(payload)}&state=TX&limit=20`,
  headers: { ...BROWSER_HEADERS },
});

const inEligibilityBody: Injector = (payload) => ({
  method: 'POST',
  url: '/api/v1/eligibility/check',
  headers: { ...BROWSER_HEADERS, 'content-type': 'application/json' },
  body: JSON.stringify({
    gradeLevel: 'high_school_senior',
    gpa: 3.6,
    state: 'CA',
    citizenship: 'us_citizen',
    fieldsOfStudy: ['nursing'],
    essay: payload,
  }),
});

const inProfileBody: Injector = (payload) => ({
  method: 'PUT',
  url: '/api/v1/me/profile',
  headers: { ...BROWSER_HEADERS, 'content-type': 'application/json' },
  body: JSON.stringify({ displayName: payload, state: 'NY' }),
});

const inIdsParameter: Injector = (payload) => ({
  method: 'GET',
  url: `/api/v1/scholarships?ids=${queryValue(payload)}`,
  headers: { ...BROWSER_HEADERS },
});

const inFileParameter: Injector = (payload) => ({
  method: 'GET',
  url: `/api/v1/search?q=nursing&template=${queryValue(payload)}`,
  headers: { ...BROWSER_HEADERS },
});

/** The payload as raw path segments after a scholarship path, as a traversal probe sends it. */
const inPath: Injector = (payload) => ({
  method: 'GET',
  url: `/api/v1/scholarships/${payload.replace(/ /g, '%20').replace(/#/g, '%23')}`,
  headers: { ...BROWSER_HEADERS },
});

const inReferer: Injector = (payload) => ({
  method: 'GET',
  url: '/api/v1/search?q=biology',
  headers: {
    ...BROWSER_HEADERS,
    referer: `https://app.scholarships.example/search?q=${queryValue(payload)}`,
  },
});

const inHostParameter: Injector = (payload) => ({
  method: 'GET',
  url: `/api/v1/scholarships?ids=abc&host=127.0.0.1${queryValue(payload)}`,
  headers: { ...BROWSER_HEADERS },
});

function inject(
  category: WafCategory,
  payloads: readonly string[],
  injectors: readonly [string, Injector][],
): CorpusRequest[] {
  return injectors.flatMap(([place, injector]) =>
    payloads.map((payload, index) => ({
      name: `${category}:${place}:${index}`,
      category,
      ...injector(payload),
    })),
  );
}

function scannerRequests(): CorpusRequest[] {
  const agents = SCANNER_USER_AGENTS.flatMap((agent, index): CorpusRequest[] => [
    {
      name: `scanner:user-agent:${index}`,
      category: 'scanner' as const,
      method: 'GET',
      url: '/api/v1/search?q=test',
      headers: { ...BROWSER_HEADERS, 'user-agent': agent },
    },
    {
      name: `scanner:user-agent-lookup:${index}`,
      category: 'scanner' as const,
      method: 'GET',
      url: `/api/v1/scholarships/${index + 1}`,
      headers: { host: 'api.scholarships.example', 'user-agent': agent, accept: '*/*' },
    },
  ]);
  const paths = SCANNER_PROBE_PATHS.map((path, index) => ({
    name: `scanner:probe-path:${index}`,
    category: 'scanner' as const,
    method: 'GET',
    url: path,
    headers: { host: 'api.scholarships.example', 'user-agent': 'Mozilla/5.0', accept: '*/*' },
  }));
  const headers = SCANNER_HEADERS.map(([name, value], index) => ({
    name: `scanner:header:${index}`,
    category: 'scanner' as const,
    method: 'GET',
    url: '/api/v1/search?q=engineering',
    headers: { ...BROWSER_HEADERS, [name]: value },
  }));
  const callbacks = SCANNER_CALLBACKS.map((url, index) => ({
    name: `scanner:callback:${index}`,
    category: 'scanner' as const,
    ...inFileParameter(url),
  }));
  return [...agents, ...paths, ...headers, ...callbacks];
}

/** Requests that abuse HTTP itself: methods, framing, header injection, NUL bytes, sizes. */
function protocolRequests(): CorpusRequest[] {
  const requests: Omit<CorpusRequest, 'name' | 'category'>[] = [];
  const base = { ...BROWSER_HEADERS };
  const methods = ['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE'];
  const moreMethods = ['LOCK', 'UNLOCK', 'DEBUG', 'SEARCH', 'PURGE', 'REPORT', 'FOO'];
  for (const method of [...methods, ...moreMethods]) {
    requests.push({ method, url: '/api/v1/search?q=law', headers: base });
    requests.push({ method, url: '/', headers: base });
  }
  const smuggling: Record<string, string>[] = [
    { 'content-length': '4', 'transfer-encoding': 'chunked' },
    { 'content-length': '0', 'transfer-encoding': 'chunked' },
    { 'content-length': '11', 'transfer-encoding': 'chunked, identity' },
    { 'transfer-encoding': 'gzip, chunked' },
    { 'transfer-encoding': 'xchunked' },
    { 'transfer-encoding': 'chunked, chunked' },
    { 'transfer-encoding': 'identity' },
    { 'transfer-encoding': 'cow' },
    { 'content-length': '10, 12' },
    { 'content-length': '+10' },
    { 'content-length': '-1' },
    { 'content-length': '0x10' },
    { 'content-length': '1e3' },
  ];
  for (const framing of smuggling) {
    requests.push({
      method: 'POST',
      url: '/api/v1/eligibility/check',
      headers: { ...base, 'content-type': 'application/json', ...framing },
    });
  }
  const injectedUrls = [
    '/api/v1/search?q=x%0d%0aSet-Cookie:%20session=admin',
    '/api/v1/search?q=x%0d%0aLocation:%20http://evil.example',
    '/api/v1/search%0d%0aX-Injected:%201',
    '/api/v1/scholarships/1%0aHTTP/1.1%20200%20OK',
    '/api/v1/search?q=%0d%0aContent-Length:%200%0d%0a%0d%0aHTTP/1.1%20200%20OK',
    '/api/v1/scholarships/abc%0d%0a',
    '/api/v1/scholarships/1%00',
    '/api/v1/search?q=nursing%00',
    '/api/v1/search?q=law&state=TX%00.json',
    '/api/v1/search?q=%2527%2520OR%25201%253D1',
    '/api/v1/search?q=%253Cscript%253Ealert(1)%253C%252Fscript%253E',
    '/api/v1/scholarships/%252e%252e%252fadmin',
    '/api/v1/search?q=%25%32%37%20OR%201=1',
    '/api/v1/search?q=test%250d%250aSet-Cookie:x=1',
    `/api/v1/search?q=${'a'.repeat(4200)}`,
    `/api/v1/scholarships?ids=${'7f0c2a4e,'.repeat(500)}`,
  ];
  for (const url of injectedUrls) requests.push({ method: 'GET', url, headers: base });
  const badHeaders: Record<string, string>[] = [
    { 'user-agent': 'Mozilla/5.0\r\nX-Injected: 1' },
    { referer: 'https://app.example/\nSet-Cookie: a=b' },
    { 'x-request-id': 'abc\u0000def' },
    { 'x-forwarded-host': 'evil.example\r\nX-Admin: true' },
    { expect: '200-ok' },
    { expect: '100-continue, foo' },
    { cookie: `session=${'x'.repeat(9000)}` },
    { 'x-padding': 'y'.repeat(8500) },
  ];
  for (const headers of badHeaders) {
    requests.push({ method: 'GET', url: '/api/v1/search?q=art', headers: { ...base, ...headers } });
  }
  requests.push({
    method: 'POST',
    url: '/api/v1/eligibility/check',
    headers: { ...base, 'content-type': 'application/json' },
    body: '{"gradeLevel":"high_school_senior","essay":"a\\u0000b"}',
  });
  return requests.map((request, index) => ({
    name: `protocol:${index}`,
    category: 'protocol' as const,
    ...request,
  }));
}

/** Builds every attack request of the corpus, at least 500, in a fixed order. */
export function buildAttackCorpus(): CorpusRequest[] {
  return [
    ...inject('sql-injection', SQL_INJECTION_PAYLOADS, [
      ['query.q', inSearchQuery],
      ['body.essay', inEligibilityBody],
    ]),
    ...inject('sql-injection', SQL_INJECTION_PAYLOADS.slice(0, 24), [
      ['query.ids', inIdsParameter],
    ]),
    ...inject('xss', XSS_PAYLOADS, [
      ['query.q', inSearchQuery],
      ['body.displayName', inProfileBody],
    ]),
    ...inject('xss', XSS_PAYLOADS.slice(0, 12), [['header.referer', inReferer]]),
    ...inject('path-traversal', PATH_TRAVERSAL_PAYLOADS, [
      ['path', inPath],
      ['query.template', inFileParameter],
      ['body.essay', inEligibilityBody],
    ]),
    ...inject('command-injection', COMMAND_INJECTION_PAYLOADS, [
      ['query.q', inSearchQuery],
      ['body.essay', inEligibilityBody],
    ]),
    ...inject('command-injection', COMMAND_INJECTION_PAYLOADS.slice(0, 16), [
      ['query.host', inHostParameter],
    ]),
    ...scannerRequests(),
    ...protocolRequests(),
  ];
}
