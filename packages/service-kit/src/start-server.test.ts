import { EventEmitter, once } from 'node:events';
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  RequestListener,
  ServerResponse,
} from 'node:http';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { createLogger } from '@scholarships/logger';
import { type ParentChannel, type RunningServer, startServer, watchParent } from './start-server';

const logger = createLogger({ service: 'test', level: 'silent' });
let running: RunningServer | undefined;

/** Responds once the whole body has arrived, as the gateway does after its WAF has read it. */
function answerAfterBody(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  req.on('end', () => res.end('ok'));
}

afterEach(async () => {
  await running?.close();
  running = undefined;
});

/** Writes `text` and never finishes the request; resolves with the server's response bytes. */
function sendUnfinished(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(text);
  });
}

/** Starts a server that notes the method and target of each request its handler gets in `seen`. */
function startRecordingServer(seen: string[]): Promise<RunningServer> {
  return startServer(
    (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      answerAfterBody(req, res);
    },
    { port: 0, host: '127.0.0.1', logger },
  );
}

/** Starts a server whose headers must arrive within 300 ms and whole requests within 600 ms. */
function startWithShortTimeouts(): Promise<RunningServer> {
  return startServer(answerAfterBody, {
    port: 0,
    host: '127.0.0.1',
    logger: createLogger({ service: 'test', level: 'silent' }),
    headersTimeoutMs: 300,
    requestTimeoutMs: 600,
  });
}

/** Sends the head at once, then a piece of the body every 100 ms for a second. */
function streamForOneSecond(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/plain' });
  let pieces = 0;
  const timer = setInterval(() => {
    pieces += 1;
    if (pieces === 10 || res.destroyed) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(`piece ${pieces}\n`);
  }, 100);
}

/** Writes `first`, then `second` once a response head has arrived; resolves with every byte read. */
function sendAfterHead(port: number, first: string, second: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = '';
    socket.on('data', (chunk) => {
      const headArrived = received.includes('\r\n\r\n');
      received += chunk.toString('latin1');
      if (!headArrived && received.includes('\r\n\r\n')) socket.write(second);
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(first);
  });
}

describe('startServer', () => {
  it('answers 408 to a body that stops arriving', async () => {
    running = await startWithShortTimeouts();
    const startedAt = performance.now();
    const reply = await sendUnfinished(
      running.port,
      'POST /check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"gpa":',
    );

    expect(reply.startsWith('HTTP/1.1 408')).toBe(true);
    expect(performance.now() - startedAt).toBeLessThan(3000);
  });

  it('answers 408 to headers that stop arriving', async () => {
    running = await startWithShortTimeouts();
    const reply = await sendUnfinished(running.port, 'GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');

    expect(reply.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('answers oversized headers with a problem document', async () => {
    running = await startWithShortTimeouts();
    const reply = await sendUnfinished(
      running.port,
      `GET /search?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );

    expect(reply.startsWith('HTTP/1.1 431')).toBe(true);
    expect(reply).toContain('Content-Type: application/problem+json');
    expect(reply).toContain('"code":"HEADERS_TOO_LARGE"');
  });

  it('answers a body framed after line 2000 with 431', async () => {
    const seen: string[] = [];
    running = await startRecordingServer(seen);
    // Node.js keeps 2000 lines in req.headers but frames the body by the chunked line after them.
    const inner = 'POST /admin HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n';
    const reply = await sendUnfinished(
      running.port,
      `GET /open HTTP/1.1\r\nHost: x\r\n${'a:\r\n'.repeat(2000)}Transfer-Encoding: chunked\r\n\r\n` +
        `${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n`,
    );

    expect(reply.startsWith('HTTP/1.1 431')).toBe(true);
    expect(reply).toContain('"code":"TOO_MANY_HEADER_LINES"');
    expect(reply).toContain('Connection: close');
    expect(seen).toEqual([]);
  });

  it('accepts 100 header lines and rejects 101', async () => {
    running = await startServer(answerAfterBody, { port: 0, host: '127.0.0.1', logger });
    const withLines = (count: number) =>
      sendUnfinished(
        running?.port ?? 0,
        `GET / HTTP/1.1\r\nHost: x\r\n${'a: b\r\n'.repeat(count - 2)}Connection: close\r\n\r\n`,
      );

    expect((await withLines(100)).startsWith('HTTP/1.1 200')).toBe(true);
    expect((await withLines(101)).startsWith('HTTP/1.1 431')).toBe(true);
  });

  it('answers two Host lines with 400', async () => {
    running = await startServer(answerAfterBody, {
      port: 0,
      host: '127.0.0.1',
      logger,
      clientErrorHeaders: [['X-Content-Type-Options', 'nosniff']],
    });
    const reply = await sendUnfinished(
      running.port,
      'GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n',
    );

    expect(reply.startsWith('HTTP/1.1 400')).toBe(true);
    expect(reply).toContain('"code":"DUPLICATE_HOST"');
    expect(reply).toContain('X-Content-Type-Options: nosniff');
  });

  it.each([
    ['a "#" in the query', 'GET /search?q=C#&limit=2 HTTP/1.1'],
    ['a "#" in the path', 'PUT /admin/switch#/../../x HTTP/1.1'],
    ['a "\\" in the path', 'POST /api\\v1\\check HTTP/1.1'],
  ])('answers a target with %s with 400', async (_case, requestLine) => {
    const seen: string[] = [];
    running = await startRecordingServer(seen);
    const reply = await sendUnfinished(running.port, `${requestLine}\r\nHost: x\r\n\r\n`);

    expect(reply.startsWith('HTTP/1.1 400')).toBe(true);
    expect(reply).toContain('"code":"INVALID_REQUEST_TARGET"');
    expect(seen).toEqual([]);
  });

  it('accepts a "\\" in the query', async () => {
    running = await startServer(answerAfterBody, { port: 0, host: '127.0.0.1', logger });
    const reply = await sendUnfinished(
      running.port,
      'GET /search?q=a\\b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );

    expect(reply.startsWith('HTTP/1.1 200')).toBe(true);
  });

  it('answers a malformed request line with 400', async () => {
    running = await startWithShortTimeouts();
    const reply = await sendUnfinished(running.port, 'GARBAGE\r\n\r\n');

    expect(reply.startsWith('HTTP/1.1 400')).toBe(true);
    expect(reply).toContain('"code":"BAD_REQUEST"');
  });

  it('adds configured headers to rejections', async () => {
    running = await startServer(answerAfterBody, {
      port: 0,
      host: '127.0.0.1',
      logger,
      clientErrorHeaders: [
        ['X-Content-Type-Options', 'nosniff'],
        ['Content-Security-Policy', "default-src 'none'"],
      ],
    });
    const reply = await sendUnfinished(running.port, 'GARBAGE\r\n\r\n');
    const head = reply.slice(0, reply.indexOf('\r\n\r\n'));

    expect(head.startsWith('HTTP/1.1 400')).toBe(true);
    expect(head).toContain('\r\nX-Content-Type-Options: nosniff\r\n');
    expect(head).toContain("\r\nContent-Security-Policy: default-src 'none'\r\n");
  });

  it('rejects a header that splits lines', async () => {
    await expect(
      startServer(answerAfterBody, {
        port: 0,
        host: '127.0.0.1',
        logger,
        clientErrorHeaders: [['X-Note', 'a\r\nSet-Cookie: b=c']],
      }),
    ).rejects.toThrow('invalid client error header');
  });

  it('writes nothing into a started response', async () => {
    running = await startServer(streamForOneSecond, {
      port: 0,
      host: '127.0.0.1',
      logger,
    });
    const reply = await sendAfterHead(
      running.port,
      'GET /stream HTTP/1.1\r\nHost: x\r\n\r\n',
      'GARBAGE\r\n\r\n',
    );

    expect(reply.startsWith('HTTP/1.1 200')).toBe(true);
    expect(reply.match(/HTTP\/1\.1 /g)).toHaveLength(1);
  });

  it('answers requests pipelined behind a busy one', async () => {
    const server = await startServer(
      (req, res) => {
        const delayMs = req.url === '/slow' ? 300 : 0;
        setTimeout(() => res.end(`done ${req.url}`), delayMs);
      },
      { port: 0, host: '127.0.0.1', logger, shutdownTimeoutMs: 5_000 },
    );
    const pipelined =
      'GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n';
    const received = sendUnfinished(server.port, pipelined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = performance.now();
    const closed = server.close();
    const text = await received;
    await closed;

    expect(text).toContain('done /slow');
    expect(text).toContain('done /second');
    expect(performance.now() - startedAt).toBeLessThan(2_500);
  });

  it('closes a streaming keep-alive connection once it ends', async () => {
    const { body, closeMs } = await closeDuringRequest(streamForOneSecond, 150);

    expect(body).toContain('piece 9');
    expect(closeMs).toBeLessThan(2_500);
  });

  it('closes a busy keep-alive connection after its response', async () => {
    const answerLate = (_req: IncomingMessage, res: ServerResponse) => {
      setTimeout(() => res.end('done'), 300);
    };
    const { body, closeMs } = await closeDuringRequest(answerLate, 100);

    expect(body).toBe('done');
    // The drain, not the 5 s shutdown timeout, ended the connection.
    expect(closeMs).toBeLessThan(2_500);
  });

  it('shuts down at once when the parent left before it listened', async () => {
    const channel = Object.assign(new EventEmitter(), { connected: true });
    const parent = watchParent(channel);
    channel.emit('disconnect');

    const { listening, exitCodes } = await startAndAwaitExit(parent, () => undefined);

    expect(listening).toBe(false);
    expect(exitCodes).toEqual([0]);
  });

  it('shuts down when the parent channel closes', async () => {
    const parent = Object.assign(new EventEmitter(), { connected: true });

    const { listening, exitCodes } = await startAndAwaitExit(parent, () => {
      parent.emit('disconnect');
    });

    expect(listening).toBe(false);
    expect(exitCodes).toEqual([0]);
  });

  it('sends a large response whole while other connections finish', async () => {
    const size = 8 * 1024 * 1024;
    const server = await startServer(
      (req, res) => {
        if (req.url === '/large') setTimeout(() => res.end(Buffer.alloc(size, 120)), 200);
        else setTimeout(() => res.end('small'), 400);
      },
      { port: 0, host: '127.0.0.1', logger, shutdownTimeoutMs: 5_000 },
    );
    const slow = connect({ host: '127.0.0.1', port: server.port });
    let received = 0;
    slow.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    const slowClosed = once(slow, 'close');
    slow.pause();
    slow.write('GET /large HTTP/1.1\r\nHost: x\r\n\r\n');
    const other = sendUnfinished(server.port, 'GET /small HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = server.close();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    slow.resume();
    await slowClosed;
    await closed;

    expect(await other).toContain('small');
    expect(received).toBeGreaterThan(size);
  });

  it('ends a connection whose response preceded its body', async () => {
    const server = await startServer(
      (_req, res) => {
        setTimeout(() => {
          res.statusCode = 401;
          res.end('no token');
        }, 200);
      },
      { port: 0, host: '127.0.0.1', logger, shutdownTimeoutMs: 5_000 },
    );
    const socket = connect({ host: '127.0.0.1', port: server.port });
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.write('POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n');
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent < 1000 && socket.writable) socket.write('a'.repeat(50));
      sent += 50;
    }, 50);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = performance.now();
      await server.close();

      // The response is sent at 200 ms; the body would take a second to arrive.
      expect(performance.now() - startedAt).toBeLessThan(2_500);
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
  });

  it('runs no request that arrives after the drain ended its connection', async () => {
    const handled: string[] = [];
    const server = await startServer(
      (req, res) => {
        handled.push(req.url ?? '');
        req.resume();
        const delayMs = req.url === '/slow' ? 300 : 0;
        setTimeout(() => res.end(`done ${req.url}`), delayMs);
      },
      { port: 0, host: '127.0.0.1', logger, shutdownTimeoutMs: 5_000 },
    );
    const socket = connect({ host: '127.0.0.1', port: server.port });
    let received = '';
    let sentNext = false;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!sentNext && received.includes('done /slow')) {
        sentNext = true;
        socket.write('POST /apply HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}');
      }
    });
    socket.on('error', () => undefined);
    const socketClosed = once(socket, 'close');
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.close();
    await socketClosed;

    // Either the later request ran and got its response, or it never ran.
    expect(handled.includes('/apply')).toBe(received.includes('done /apply'));
  });

  it('closes a connection whose client keeps its side open', async () => {
    const server = await startServer(
      (_req, res) => {
        setTimeout(() => res.end('done'), 200);
      },
      { port: 0, host: '127.0.0.1', logger, shutdownTimeoutMs: 5_000 },
    );
    const socket = connect({ host: '127.0.0.1', port: server.port, allowHalfOpen: true });
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const startedAt = performance.now();
    await server.close();
    socket.destroy();

    expect(performance.now() - startedAt).toBeLessThan(2_500);
  });
});

function fetchText(
  agent: Agent,
  port: number,
): Promise<{ headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ headers: response.headers, body }));
    });
    sent.on('error', reject);
    sent.end();
  });
}

/**
 * Starts a server with `handler`, sends one keep-alive request, starts shutdown `afterMs` later,
 * and returns the response body and how long shutdown took.
 */
async function closeDuringRequest(
  handler: RequestListener,
  afterMs: number,
): Promise<{ body: string; closeMs: number }> {
  const server = await startServer(handler, {
    port: 0,
    host: '127.0.0.1',
    logger,
    shutdownTimeoutMs: 5_000,
  });
  const agent = new Agent({ keepAlive: true });
  try {
    const response = fetchText(agent, server.port);
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    const startedAt = performance.now();
    const closed = server.close();
    const { body } = await response;
    await closed;
    return { body, closeMs: performance.now() - startedAt };
  } finally {
    agent.destroy();
  }
}

/**
 * Starts a server with `parent` as its parent channel, runs `afterStart`, and waits up to a second
 * for the server to call process.exit, which is stubbed meanwhile.
 */
async function startAndAwaitExit(
  parent: ParentChannel | undefined,
  afterStart: () => void,
): Promise<{ listening: boolean; exitCodes: unknown[] }> {
  const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
  try {
    const server = await startServer(answerAfterBody, {
      port: 0,
      host: '127.0.0.1',
      logger,
      parent,
    });
    afterStart();
    for (let attempt = 0; attempt < 50 && exit.mock.calls.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { listening: server.server.listening, exitCodes: exit.mock.calls.map(([code]) => code) };
  } finally {
    exit.mockRestore();
  }
}
