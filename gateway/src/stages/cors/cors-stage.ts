import { HttpProblem } from '@scholarships/service-kit';
import {
  CONTINUE,
  type EdgeStage,
  type HeaderFields,
  isPreflight,
  type RequestView,
  reject,
  type StageDecision,
} from '../../edge';
import { compileOriginAllowList } from './origin-allow-list';

export interface CorsOptions {
  /** Exact origins and patterns, see compileOriginAllowList. */
  origins: readonly string[];
  /** Whether browsers may send cookies and read responses to credentialed requests. */
  credentials: boolean;
  /** How long a browser may cache a preflight result, in seconds. */
  maxAgeSeconds: number;
}

/** Methods the API serves; a preflight lists them all. */
const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Request headers a frontend may send cross-origin besides the CORS-safelisted ones. */
const ALLOWED_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'If-Match',
  'If-None-Match',
  'X-Request-Id',
  'traceparent',
  'tracestate',
];

/** Response headers a frontend may read besides the CORS-safelisted ones (Fetch §3.2.4). */
const EXPOSED_RESPONSE_HEADERS = [
  'RateLimit',
  'RateLimit-Policy',
  'Retry-After',
  'X-Request-Id',
  'ETag',
  'X-Cache',
  'Cache-Status',
  'Allow',
  // The address of a scholarship an admin just created (201).
  'Location',
  // The reason a token was refused (401) or lacked a role (403).
  'WWW-Authenticate',
];

const VARY_ORIGIN: HeaderFields = [['Vary', 'Origin']];

/**
 * Builds the CORS stage. It replies to preflights itself with 204 and never forwards them, rejects
 * requests from an origin outside the allow-list with 403, and lets same-origin requests and
 * requests without `Origin` through. `Vary: Origin` goes on every response, because the CORS
 * headers of a response depend on the request's Origin and a shared cache must key on it.
 */
export function createCorsStage(options: CorsOptions): EdgeStage {
  const isAllowed = compileOriginAllowList(options.origins);
  const sharedAllowHeaders: [string, string][] = [
    ['Access-Control-Expose-Headers', EXPOSED_RESPONSE_HEADERS.join(', ')],
  ];
  if (options.credentials) sharedAllowHeaders.push(['Access-Control-Allow-Credentials', 'true']);
  const preflightHeaders: HeaderFields = [
    ['Access-Control-Allow-Methods', ALLOWED_METHODS.join(', ')],
    ['Access-Control-Allow-Headers', ALLOWED_REQUEST_HEADERS.join(', ')],
    ['Access-Control-Max-Age', String(options.maxAgeSeconds)],
  ];
  const preflightResponse: StageDecision = {
    kind: 'respond',
    status: 204,
    headers: preflightHeaders,
  };

  return {
    name: 'cors',
    timingName: 'cors',
    alwaysHeaders(view: RequestView): HeaderFields {
      const origin = view.headers.origin;
      if (origin === undefined || !isAllowed(origin)) return VARY_ORIGIN;
      // The allowed origin is echoed, never `*`, so credentialed requests work (Fetch §3.2.5).
      return [...VARY_ORIGIN, ['Access-Control-Allow-Origin', origin], ...sharedAllowHeaders];
    },
    run(view: RequestView): StageDecision {
      const origin = view.headers.origin;
      if (origin === undefined) return CONTINUE;
      if (isAllowed(origin)) return isPreflight(view) ? preflightResponse : CONTINUE;
      if (!isPreflight(view) && isSameOrigin(origin, view.headers.host)) return CONTINUE;
      return reject(originNotAllowed(origin), 'origin_not_allowed');
    },
  };
}

/**
 * Browsers send Origin on same-origin POST requests too (Fetch §3.1), so a page served from the
 * gateway's own host must not need an allow-list entry. Only the host is compared: the gateway
 * may sit behind a TLS terminator and cannot see the scheme the browser used.
 */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  const schemeEnd = origin.indexOf('://');
  return schemeEnd > 0 && origin.slice(schemeEnd + 3) === host.toLowerCase();
}

function originNotAllowed(origin: string): HttpProblem {
  return new HttpProblem({
    status: 403,
    code: 'CORS_ORIGIN_NOT_ALLOWED',
    title: 'Origin not allowed',
    detail: `Origin ${origin.slice(0, 200)} is not in the gateway CORS allow-list (CORS_ORIGINS); call the API from an allowed origin`,
  });
}
