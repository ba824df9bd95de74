import {
  type Agent,
  type ClientRequest,
  request as httpRequest,
  type OutgoingHttpHeaders,
} from 'node:http';
import { identityHeaders } from '@scholarships/service-kit';
import { DeadlineExceededError } from '../../network-failure';
import { type CacheRequest, requestTarget } from '../request/cache-request';
import type { FetchOrigin, OriginResponse } from './origin-response';

export interface HttpOriginOptions {
  /** Origin of the service, e.g. `http://127.0.0.1:8081`. */
  origin: string;
  /** Keep-alive pool to the service. */
  agent: Agent;
  /** Deadline in milliseconds from sending the request until the last byte of the response. */
  timeoutMs: number;
  /** Maximum response body read into memory, in bytes; a longer one fails the fetch. */
  maxBodyBytes: number;
  /** Secret that signs the identity headers (`INTERNAL_IDENTITY_SECRET`); unsigned without it. */
  identitySecret?: string;
  /** Further headers for each request, e.g. trace context and X-Forwarded-* set by the proxy. */
  extraHeaders?: (request: CacheRequest) => OutgoingHttpHeaders;
}

/**
 * Raised when an origin response body is longer than `maxBodyBytes`. `status` is the status of
 * that response. A 4xx status keeps the service's breaker closed (`isClientError`), because a
 * request can make a healthy service reject it at length.
 */
export class OriginBodyTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    readonly status: number,
  ) {
    super(`origin response body of status ${status} exceeds ${limitBytes} bytes`);
    this.name = 'OriginBodyTooLargeError';
  }
}

/**
 * Creates a FetchOrigin that sends each request with `http.request` over `agent` and buffers the
 * response. Identity goes to the service in the internal identity headers.
 */
export function createHttpOrigin(options: HttpOriginOptions): FetchOrigin {
  const base = new URL(options.origin);
  // URL keeps an IPv6 literal in brackets, which http.request would look up as a host name.
  const hostname = base.hostname.replace(/^\[(.*)\]$/, '$1');
  return function fetchFromOrigin(request) {
    const outgoing = httpRequest({
      protocol: base.protocol,
      hostname,
      port: base.port,
      method: request.method,
      path: requestTarget(request),
      headers: originRequestHeaders(request, options),
      agent: options.agent,
    });
    const response = bufferResponse(outgoing, options);
    const { chargeOrigin } = request;
    if (chargeOrigin !== undefined) chargeOnSettle(outgoing, response, chargeOrigin);
    outgoing.end(request.body);
    return response;
  };
}

/**
 * Charges the client for the time from getting a socket of the pool until the response headers,
 * or until the request failed without them. Time spent waiting for a free socket is the other
 * clients' doing, and a request that never got one cost the service nothing.
 */
function chargeOnSettle(
  outgoing: ClientRequest,
  response: Promise<OriginResponse>,
  chargeOrigin: (originMs: number) => void,
): void {
  let connectedAt: number | undefined;
  let answeredAt: number | undefined;
  outgoing.once('socket', () => {
    connectedAt = performance.now();
  });
  outgoing.once('response', () => {
    answeredAt = performance.now();
  });
  const charge = () => {
    if (connectedAt !== undefined) chargeOrigin((answeredAt ?? performance.now()) - connectedAt);
  };
  response.then(charge, charge);
}

/** Reads the whole response of `outgoing` within the deadline and the body limit. */
function bufferResponse(
  outgoing: ClientRequest,
  options: HttpOriginOptions,
): Promise<OriginResponse> {
  return new Promise((resolve, reject) => {
    // The reason the gateway aborted, reported instead of the socket error the abort causes.
    let abortReason: Error | undefined;
    const abort = (reason: Error) => {
      abortReason ??= reason;
      outgoing.destroy(reason);
    };
    const deadline = setTimeout(() => {
      abort(new DeadlineExceededError('origin response', options.timeoutMs));
    }, options.timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(deadline);
      reject(abortReason ?? error);
    };
    outgoing.once('error', fail);
    outgoing.once('response', (response) => {
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length > options.maxBodyBytes) {
          abort(new OriginBodyTooLargeError(options.maxBodyBytes, response.statusCode ?? 502));
        } else {
          chunks.push(chunk);
        }
      });
      response.once('error', fail);
      response.once('end', () => {
        // A response whose last chunk goes over the limit can still end after the abort, because
        // the parser had read it whole. Resolving would pass on an empty or zero-filled body.
        if (abortReason !== undefined) {
          fail(abortReason);
          return;
        }
        clearTimeout(deadline);
        const status = response.statusCode ?? 502;
        resolve({ status, headers: response.headers, body: Buffer.concat(chunks, length) });
      });
    });
  });
}

function originRequestHeaders(
  request: CacheRequest,
  options: HttpOriginOptions,
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ...request.headers };
  if (request.body !== undefined) headers['content-length'] = request.body.length;
  if (request.requestId !== undefined) headers['x-request-id'] = request.requestId;
  if (request.identity !== undefined) {
    Object.assign(
      headers,
      identityHeaders(request.identity, options.identitySecret, request.method),
    );
  }
  return { ...headers, ...options.extraHeaders?.(request) };
}
