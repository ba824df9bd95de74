import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer, type Server, validateHeaderName, validateHeaderValue } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '@scholarships/logger';
import { PROBLEM_CONTENT_TYPE } from './problem';

export interface ServerOptions {
  port: number;
  host: string;
  logger: Logger;
  /** Releases resources (pools, clients) after the server stops accepting requests. */
  onShutdown?: () => Promise<void>;
  /** Longest wait for in-flight requests on shutdown, in milliseconds; default 10000. */
  shutdownTimeoutMs?: number;
  /**
   * Maximum time from a request's first byte to the end of its headers, in milliseconds; default
   * 66000. A request that takes longer gets 408 and its connection is closed.
   */
  headersTimeoutMs?: number;
  /**
   * Maximum time from a request's first byte to the end of its body, in milliseconds; default
   * Node's 300000. At least `headersTimeoutMs`.
   */
  requestTimeoutMs?: number;
  /**
   * Extra header fields for the responses Node.js sends before any handler runs (400, 408, 431),
   * e.g. the gateway's security headers.
   */
  clientErrorHeaders?: readonly (readonly [string, string])[];
  /**
   * The IPC channel to the parent process, whose closing shuts the server down; entry points pass
   * `watchParent(process)`. Left out in tests, whose Jest workers have a channel of their own.
   */
  parent?: ParentChannel | undefined;
}

/** How often the server compares open requests with their deadlines, in milliseconds. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

interface ClientErrorProblem {
  status: number;
  reason: string;
  code: string;
  detail: string;
}

/** Problems of requests that Node rejects before any handler runs, by Node's error code. */
const CLIENT_ERROR_PROBLEMS: Record<string, ClientErrorProblem> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'HEADERS_TOO_LARGE',
    detail: 'The request line and headers are over 16 KiB; shorten the path, query or headers',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'REQUEST_TIMEOUT',
    detail: 'The request did not arrive in time; send it again',
  },
};

/**
 * Most header lines a request may have; 100 is also Apache httpd's default `LimitRequestFields`.
 * Node.js keeps only the first `maxHeadersCount` (2000) lines in `req.headers`, yet frames the
 * body by all of them. A Content-Length or Transfer-Encoding after line 2000 would frame a body
 * that no handler finds declared: a proxy would forward those bytes unframed, and the next hop
 * would read them as a request of its own.
 */
export const MAX_HEADER_LINES = 100;

const TOO_MANY_HEADER_LINES: ClientErrorProblem = {
  status: 431,
  reason: 'Request Header Fields Too Large',
  code: 'TOO_MANY_HEADER_LINES',
  detail: `The request has more than ${MAX_HEADER_LINES} header lines; send fewer`,
};

/** RFC 9112 §3.2: a request with more than one Host line gets 400. */
const DUPLICATE_HOST: ClientErrorProblem = {
  status: 400,
  reason: 'Bad Request',
  code: 'DUPLICATE_HOST',
  detail: 'The request has more than one Host header line; send one',
};

/**
 * A request target with `#` anywhere, or `\` before the query. Neither belongs in a target (RFC
 * 9112 §3.2, RFC 3986), and browsers send neither there. Node.js accepts both, but its URL parser,
 * which Express and http-proxy use, drops `#` and what follows and turns `\` into `/`, while the
 * gateway's stages read the target as sent. One request would then be judged as one path and
 * served as another.
 */
const INVALID_TARGET: ClientErrorProblem = {
  status: 400,
  reason: 'Bad Request',
  code: 'INVALID_REQUEST_TARGET',
  detail:
    'The request target contains "#", or "\\" before the query; percent-encode them (%23, %5C)',
};

const MALFORMED_REQUEST: ClientErrorProblem = {
  status: 400,
  reason: 'Bad Request',
  code: 'BAD_REQUEST',
  detail: 'The request is not valid HTTP/1.1',
};

/**
 * Responds to a request that Node rejected before any handler ran (malformed, headers over the size
 * limit, too slow) with a problem document like every other error, then closes the connection.
 */
function clientErrorAnswer(
  extraHeaders: readonly (readonly [string, string])[],
): (error: NodeJS.ErrnoException, socket: Duplex) => void {
  const extraLines = extraHeaders.map(([name, value]) => headerLine(name, value)).join('');
  return function answerClientError(error, socket) {
    if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) {
      socket.destroy();
      return;
    }
    const problem = CLIENT_ERROR_PROBLEMS[error.code ?? ''] ?? MALFORMED_REQUEST;
    const body = problemDocument(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${problem.reason}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        extraLines +
        'Connection: close\r\n\r\n' +
        body,
    );
  };
}

/** Returns the problem document (RFC 9457) of a request rejected before any handler ran. */
function problemDocument(problem: ClientErrorProblem): string {
  return JSON.stringify({
    type: 'about:blank',
    title: problem.reason,
    status: problem.status,
    code: problem.code,
    detail: problem.detail,
  });
}

/** Returns the problem of a request whose target reads differently to different parsers, if any. */
function targetProblem(target: string | undefined): ClientErrorProblem | undefined {
  if (target === undefined) return undefined;
  if (target.includes('#')) return INVALID_TARGET;
  const queryStart = target.indexOf('?');
  const path = queryStart === -1 ? target : target.slice(0, queryStart);
  return path.includes('\\') ? INVALID_TARGET : undefined;
}

/** Returns the problem of a request whose header lines no handler may rely on, if any. */
function headerLinesProblem(rawHeaders: readonly string[]): ClientErrorProblem | undefined {
  if (rawHeaders.length / 2 > MAX_HEADER_LINES) return TOO_MANY_HEADER_LINES;
  let hosts = 0;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === 'host') hosts += 1;
  }
  return hosts > 1 ? DUPLICATE_HOST : undefined;
}

/**
 * Wraps `handler` so that a request with a target that parsers read differently, too many header
 * lines or more than one Host gets a problem document and a closed connection, before any
 * handler reads it.
 */
function guardRequestHead(
  handler: RequestListener,
  extraHeaders: readonly (readonly [string, string])[],
): RequestListener {
  return function checkRequestHead(req, res) {
    const problem = targetProblem(req.url) ?? headerLinesProblem(req.rawHeaders);
    if (problem === undefined) {
      handler(req, res);
      return;
    }
    const body = problemDocument(problem);
    res.shouldKeepAlive = false;
    const fields = [
      ['Content-Type', PROBLEM_CONTENT_TYPE],
      ['Content-Length', String(Buffer.byteLength(body))],
      ...extraHeaders,
    ];
    res.writeHead(problem.status, fields.flat());
    res.end(body);
  };
}

/**
 * Returns whether a response on this connection has begun, e.g. a proxied stream, so that a
 * problem written now would land inside its body. Node's own handler checks the socket's current
 * response in the same way before it writes its 400.
 */
function responseStarted(socket: Duplex): boolean {
  const current = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return current?.headersSent === true;
}

/**
 * Formats a raw header line, and throws for a name or value that Node.js would reject in a
 * response, such as a line break that would end the line early.
 */
function headerLine(name: string, value: string): string {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RangeError(`invalid client error header ${JSON.stringify(name)}: ${reason}`, {
      cause: error,
    });
  }
  return `${name}: ${value}\r\n`;
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * Listens with keep-alive timeouts longer than the gateway's idle timeout, so
 * the gateway, not the service, closes idle upstream connections, and shuts
 * down gracefully on SIGTERM and SIGINT.
 */
export async function startServer(
  handler: RequestListener,
  options: ServerOptions,
): Promise<RunningServer> {
  const server = createServer(
    { connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS },
    guardRequestHead(handler, options.clientErrorHeaders ?? []),
  );
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = options.headersTimeoutMs ?? 66_000;
  if (options.requestTimeoutMs !== undefined) server.requestTimeout = options.requestTimeoutMs;
  server.on('clientError', clientErrorAnswer(options.clientErrorHeaders ?? []));
  const connections = trackConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ host: options.host, port }, 'listening');

  const close = once(() => shutDown(server, connections, options));
  const shutDownAndExit = (cause: Record<string, string>) => {
    options.logger.info(cause, 'shutting down');
    close().then(
      () => flushLogs(options.logger).then(() => process.exit(0)),
      (error: unknown) => {
        options.logger.error({ err: error }, 'shutdown failed');
        return flushLogs(options.logger).then(() => process.exit(1));
      },
    );
  };
  process.once('SIGTERM', (signal) => shutDownAndExit({ signal }));
  process.once('SIGINT', (signal) => shutDownAndExit({ signal }));
  if (options.parent !== undefined) {
    exitWithParent(options.parent, () => shutDownAndExit({ cause: 'parent exited' }));
  }
  return { server, port, close };
}

/** Maximum wait for the last log lines before the process exits anyway. */
const LOG_FLUSH_TIMEOUT_MS = 1000;

/**
 * Writes out the batched log lines before an exit. Pino writes them synchronously on exit too, but
 * sonic-boom's synchronous flush retries a broken pipe forever, e.g. once the launcher that reads
 * the output was killed. An asynchronous write reports the broken pipe, and pino then stops
 * writing, so the exit that follows has nothing left to flush.
 */
function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, LOG_FLUSH_TIMEOUT_MS);
    timer.unref();
    try {
      logger.flush(() => {
        clearTimeout(timer);
        resolve();
      });
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/** The side of an IPC channel to the process that started this one, such as `process`. */
export interface ParentChannel {
  connected?: boolean;
  once(event: 'disconnect', listener: () => void): unknown;
}

/**
 * Starts watching the IPC channel to the parent at once, and returns a channel that also reports
 * a close that happened before anyone listened. A process that prepares for seconds before it
 * listens (the gateway waits for Redis) would otherwise miss a launcher that died meanwhile, and
 * keep running. Returns undefined when there is no channel.
 */
export function watchParent(channel: ParentChannel): ParentChannel | undefined {
  if (channel.connected !== true) return undefined;
  const closed = new EventEmitter();
  let disconnected = false;
  channel.once('disconnect', () => {
    disconnected = true;
    closed.emit('disconnect');
  });
  return {
    connected: true,
    once(event, listener) {
      if (disconnected) setImmediate(listener);
      else closed.once(event, listener);
      return this;
    },
  };
}

/**
 * Shuts down when the parent's IPC channel closes. The launcher starts each process with one, so
 * that a launcher killed outright (SIGKILL), which cannot stop its children, does not leave them
 * holding their ports. Without a channel, as under a container runtime, nothing changes.
 */
function exitWithParent(parent: ParentChannel, shutDown: () => void): void {
  if (parent.connected === true) parent.once('disconnect', shutDown);
}

/** Keeps the set of open connections, so that shutdown can reach their responses in flight. */
function trackConnections(server: Server): Set<Socket> {
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  return connections;
}

/** Returns the response a connection is serving, if any, from the field Node.js keeps on it. */
function responseInFlight(socket: Socket): ServerResponse | undefined {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
}

/**
 * Ends every busy connection once it has no response left to send. `server.close` ends only the
 * connections idle at that moment, and one busy then would go on taking requests until the
 * shutdown timeout. Each connection is ended on its own, after what is still buffered has been
 * sent: closing idle connections server-wide would also cut a response that has ended but still
 * waits for a slow reader. No response is marked `Connection: close`, because requests
 * pipelined behind it have already run and their queued responses would then never be sent.
 */
function drainConnections(server: Server, connections: ReadonlySet<Socket>): void {
  const endOnceAnswered = (socket: Socket): void => {
    const response = responseInFlight(socket);
    if (response !== undefined && !response.writableFinished) {
      // A response finishes before Node hands the socket its next queued response, so look
      // again on the next turn of the event loop.
      response.once('finish', () => setImmediate(() => endOnceAnswered(socket)));
      return;
    }
    // Read no further request, because its response would go to a closed connection. end()
    // sends what is still buffered, and the socket is destroyed once that is written, even if
    // the client keeps its side open.
    socket.pause();
    socket.once('finish', () => socket.destroy());
    socket.end();
  };
  server.prependListener('request', (req: IncomingMessage) => {
    endOnceAnswered(req.socket as Socket);
  });
  for (const socket of connections) {
    if (responseInFlight(socket) !== undefined) endOnceAnswered(socket);
  }
}

async function shutDown(
  server: Server,
  connections: ReadonlySet<Socket>,
  options: ServerOptions,
): Promise<void> {
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  drainConnections(server, connections);
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearTimeout(timer);
  await options.onShutdown?.();
  options.logger.info('stopped');
}

function once<T>(action: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= action();
    return result;
  };
}
