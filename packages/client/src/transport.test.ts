import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from './create-client';
import { ApiNetworkError, ApiProblemError } from './errors';

type Reply = (req: IncomingMessage, res: ServerResponse) => void;

const PROBLEM_TYPE = 'application/problem+json';

function problemReply(status: number, headers: Record<string, string> = {}): Reply {
  return (req, res) => {
    res.writeHead(status, { 'content-type': PROBLEM_TYPE, ...headers });
    res.end(
      JSON.stringify({
        type: 'about:blank',
        title: 'Unavailable',
        status,
        code: status === 429 ? 'RATE_LIMITED' : 'UPSTREAM_UNAVAILABLE',
        instance: req.url,
        requestId: 'test-request',
      }),
    );
  };
}

function jsonReply(body: unknown): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

/** A 127.0.0.1 server that sends the n-th reply to the n-th request, and the last reply to every later one. */
class ScriptedServer {
  readonly requests: IncomingMessage[] = [];
  private readonly server: Server;

  constructor(private readonly replies: Reply[]) {
    this.server = createServer((req, res) => {
      this.requests.push(req);
      const reply = this.replies[Math.min(this.requests.length, this.replies.length) - 1];
      reply?.(req, res);
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe('client transport against a local server', () => {
  let server: ScriptedServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(replies: Reply[]): Promise<string> {
    server = new ScriptedServer(replies);
    return server.start();
  }

  it('retries a 503 after Retry-After and returns the next success', async () => {
    const url = await start([problemReply(503, { 'Retry-After': '0' }), jsonReply({ terms: [] })]);
    const client = createClient({ baseUrl: url });

    const result = await client.suggest({ q: 'nur' });

    expect(result).toEqual({ terms: [] });
    expect(server?.requests).toHaveLength(2);
  });

  it('honours an HTTP-date Retry-After on 429', async () => {
    const past = new Date(Date.now() - 60_000).toUTCString();
    const url = await start([problemReply(429, { 'Retry-After': past }), jsonReply({ ok: 1 })]);
    const client = createClient({ baseUrl: url });

    await client.getScholarships(['a']);

    expect(server?.requests).toHaveLength(2);
  });

  it('stops after maxRetries and reports the Retry-After seconds', async () => {
    const url = await start([problemReply(429, { 'Retry-After': '120' })]);
    const client = createClient({ baseUrl: url, maxRetries: 1, maxRetryDelayMs: 5 });

    const error = await client.search({ q: 'law' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).status).toBe(429);
    expect((error as ApiProblemError).retryAfterSeconds).toBe(120);
    expect(server?.requests).toHaveLength(2);
  });

  it('does not retry other problems', async () => {
    const url = await start([problemReply(404), jsonReply({})]);
    const client = createClient({ baseUrl: url });

    const error = await client.getScholarship('x').catch((caught: unknown) => caught);

    expect((error as ApiProblemError).status).toBe(404);
    expect(server?.requests).toHaveLength(1);
  });

  it('makes problem details for an error without them', async () => {
    const url = await start([
      (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'proxy-1' });
        res.end('<h1>Bad gateway</h1>');
      },
    ]);
    const client = createClient({ baseUrl: url });

    const error = (await client.getProfile().catch((caught: unknown) => caught)) as ApiProblemError;

    expect(error.problem).toEqual(
      expect.objectContaining({ status: 502, code: 'HTTP_502', requestId: 'proxy-1' }),
    );
  });

  it('aborts the wait before a retry', async () => {
    const controller = new AbortController();
    const url = await start([
      (req, res) => {
        problemReply(503, { 'Retry-After': '60' })(req, res);
        res.on('finish', () => controller.abort());
      },
    ]);
    const client = createClient({ baseUrl: url });

    const error = await client
      .search({ q: 'law' }, { signal: controller.signal })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiNetworkError);
    expect((error as ApiNetworkError).aborted).toBe(true);
    expect(server?.requests).toHaveLength(1);
  });

  it('sends the token, body and conditions of a write', async () => {
    const url = await start([(_req, res) => res.writeHead(204).end()]);
    let token = 'first';
    const client = createClient({ baseUrl: url, token: () => token });
    token = 'second';

    await client.deleteScholarship('id/1', { ifMatch: 'W/"id-1"' });
    const request = server?.requests[0];

    expect(request?.method).toBe('DELETE');
    expect(request?.url).toBe('/api/v1/admin/scholarships/id%2F1');
    expect(request?.headers.authorization).toBe('Bearer second');
    expect(request?.headers['if-match']).toBe('W/"id-1"');
  });

  it('sends a merge patch with its media type', async () => {
    const url = await start([jsonReply({ id: 'x' })]);
    const client = createClient({ baseUrl: url, token: 'admin' });

    await client.patchScholarship('x', { name: 'New name' }, { ifMatch: '*' });

    expect(server?.requests[0]?.headers['content-type']).toBe('application/merge-patch+json');
  });
});
