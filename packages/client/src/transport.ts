import { ApiNetworkError, ApiProblemError } from './errors';
import {
  type ClientOptions,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RETRY_DELAY_MS,
  type RequestOptions,
} from './options';
import { parseRetryAfter } from './retry-after';
import type { ProblemDetails } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest extends RequestOptions {
  method: HttpMethod;
  /** Path and query string, e.g. `/api/v1/search?q=nursing`. */
  path: string;
  body?: unknown;
  /** Media type of the JSON body; default `application/json`. */
  contentType?: string;
  headers?: Readonly<Record<string, string | undefined>>;
}

/** Sends one API request, with retries, and returns the parsed JSON body. */
export type Send = <Body>(request: ApiRequest) => Promise<Body>;

/** Statuses after which the request was not processed and may be repeated once the wait passes. */
const RETRYABLE_STATUSES = new Set([429, 503]);
/** First wait when a retryable response carries no Retry-After, doubled per attempt. */
const FALLBACK_DELAY_MS = 250;
const ACCEPT = 'application/json, application/problem+json';

/** Builds the function that sends every request of one client. */
export function createSend(options: ClientOptions): Send {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxDelayMs = options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS;

  return async function send<Body>(request: ApiRequest): Promise<Body> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetchOnce(fetchImpl, `${baseUrl}${request.path}`, {
        method: request.method,
        headers: requestHeaders(request, readToken(options.token)),
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
      if (response.ok) return (await readBody(response)) as Body;

      const retryAfter = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const problem = await readProblem(response, request.path);
      if (!RETRYABLE_STATUSES.has(response.status) || attempt >= maxRetries) {
        throw new ApiProblemError(problem, retryAfter);
      }
      const delayMs =
        retryAfter === undefined ? FALLBACK_DELAY_MS * 2 ** attempt : retryAfter * 1000;
      await sleep(Math.min(delayMs, maxDelayMs), request.signal);
    }
  };
}

function readToken(token: ClientOptions['token']): string | undefined {
  return typeof token === 'function' ? token() : token;
}

function requestHeaders(request: ApiRequest, token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { accept: ACCEPT };
  if (request.body !== undefined)
    headers['content-type'] = request.contentType ?? 'application/json';
  if (token !== undefined && token !== '') headers.authorization = `Bearer ${token}`;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

async function fetchOnce(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (error) {
    const aborted = init.signal?.aborted ?? false;
    const reason = aborted ? 'was aborted' : `failed: ${messageOf(error)}`;
    throw new ApiNetworkError(`${init.method} ${url} ${reason}`, { cause: error, aborted });
  }
}

/** Parses a success body: JSON, or undefined for 204 and other empty bodies. */
async function readBody(response: Response): Promise<unknown> {
  const text = await readText(response);
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiNetworkError(`${response.url} returned a body that is not JSON`, {
      cause: error,
    });
  }
}

/**
 * Reads a problem details body. A response that carries none, such as an
 * error page of a proxy in front of the gateway, gets problem details made
 * from its status, with the code `HTTP_<status>`.
 */
async function readProblem(response: Response, path: string): Promise<ProblemDetails> {
  const text = await readText(response);
  const parsed = parseJson(text);
  if (isProblemDetails(parsed)) return parsed;
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    code: `HTTP_${response.status}`,
    ...(text === '' ? {} : { detail: text.slice(0, 500) }),
    instance: path,
    requestId: response.headers.get('x-request-id') ?? '',
  };
}

async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw new ApiNetworkError(`reading the response of ${response.url} failed`, { cause: error });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isProblemDetails(value: unknown): value is ProblemDetails {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof ProblemDetails, unknown>>;
  return (
    typeof candidate.status === 'number' &&
    typeof candidate.code === 'string' &&
    typeof candidate.title === 'string'
  );
}

/** Waits `ms`, or rejects with ApiNetworkError as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(
        new ApiNetworkError('the request was aborted', { cause: signal.reason, aborted: true }),
      );
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(
        new ApiNetworkError('the request was aborted', { cause: signal?.reason, aborted: true }),
      );
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
