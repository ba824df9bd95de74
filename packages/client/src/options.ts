export interface ClientOptions {
  /** Origin of the gateway, e.g. `http://127.0.0.1:8080`; a trailing slash is ignored. */
  baseUrl: string;
  /** Bearer token, or a function read before every request so a refreshed token is used. */
  token?: string | (() => string | undefined);
  /** Fetch implementation; default the global `fetch` of browsers and Node.js 18 or newer. */
  fetch?: typeof fetch;
  /** Further attempts after a 429 or 503 response; default 2. */
  maxRetries?: number;
  /** Upper bound of one wait before a retry, in milliseconds; default 5000. */
  maxRetryDelayMs?: number;
}

export interface RequestOptions {
  /** Aborts the request and any wait before a retry. */
  signal?: AbortSignal;
}

/** Options of writes that need the current entity tag. */
export interface ConditionalRequestOptions extends RequestOptions {
  /** `If-Match`: the ETag the change was based on; required by the admin writes. */
  ifMatch?: string;
  /** `If-None-Match`: `*` makes `putProfile` create only. */
  ifNoneMatch?: string;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_DELAY_MS = 5000;
