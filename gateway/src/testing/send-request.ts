import { type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';

export interface RawRequest {
  method?: string;
  path: string;
  headers?: OutgoingHttpHeaders;
  /** Written one chunk at a time; without a Content-Length header Node frames them as chunked. */
  bodyChunks?: readonly (string | Buffer)[];
}

export interface RawResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * Sends one request on a new connection with exactly the given headers, for cases supertest
 * cannot express: hop-by-hop request headers, Connection: close and chunked bodies.
 */
export function sendRequest(origin: string, raw: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(new URL(raw.path, origin), {
      method: raw.method ?? 'GET',
      headers: raw.headers ?? {},
      agent: false,
    });
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        resolve({
          statusCode: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    for (const chunk of raw.bodyChunks ?? []) outgoing.write(chunk);
    outgoing.end();
  });
}
