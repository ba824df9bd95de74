import { Agent, type IncomingHttpHeaders, request } from 'node:http';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

/** One request to send; `path` includes the query string. */
export interface OutgoingRequest {
  method: HttpMethod;
  path: string;
  headers?: Readonly<Record<string, string>>;
  /** JSON text; sent with Content-Type: application/json. */
  body?: string;
}

export interface ExchangeResult {
  status: number;
  headers: IncomingHttpHeaders;
  /** The response body as text, or '' when the caller did not ask for it. */
  body: string;
}

/** The request did not finish within the client's timeout. */
export class RequestTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export interface HttpClientOptions {
  /** Keep-alive sockets to the server; requests beyond them wait in the agent's queue. */
  connections: number;
  timeoutMs: number;
}

/** A keep-alive HTTP/1.1 client of one origin, with a bounded number of sockets. */
export class HttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    origin: string,
    private readonly options: HttpClientOptions,
  ) {
    this.url = new URL(origin);
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.connections,
      maxFreeSockets: options.connections,
      scheduling: 'lifo',
    });
  }

  /** Sends `outgoing`; reads the body only when `readBody` is set, and drains it otherwise. */
  send(outgoing: OutgoingRequest, readBody: boolean): Promise<ExchangeResult> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...outgoing.headers };
      if (outgoing.body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(outgoing.body));
      }
      const sent = request(
        {
          host: this.url.hostname,
          port: this.url.port,
          method: outgoing.method,
          path: outgoing.path,
          headers,
          agent: this.agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          if (readBody) response.on('data', (chunk: Buffer) => chunks.push(chunk));
          else response.resume();
          response.once('end', () => {
            clearTimeout(timer);
            const body = readBody ? Buffer.concat(chunks).toString('utf8') : '';
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
          });
          response.once('error', reject);
        },
      );
      const timer = setTimeout(
        () => sent.destroy(new RequestTimeoutError(this.options.timeoutMs)),
        this.options.timeoutMs,
      );
      sent.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      sent.end(outgoing.body);
    });
  }

  /** Closes every socket; requests still in flight fail. */
  close(): void {
    this.agent.destroy();
  }
}
