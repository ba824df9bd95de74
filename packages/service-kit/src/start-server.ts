import type { RequestListener } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@scholarships/logger';

export interface ServerOptions {
  port: number;
  host: string;
  logger: Logger;
  /** Releases resources (pools, clients) after the server stops accepting requests. */
  onShutdown?: () => Promise<void>;
  /** Longest wait for in-flight requests on shutdown, in milliseconds; default 10000. */
  shutdownTimeoutMs?: number;
  /**
   * Longest time from a request's first byte to the end of its headers, in milliseconds; default
   * 66000. A request that takes longer gets 408 and its connection is closed.
   */
  headersTimeoutMs?: number;
  /**
   * Longest time from a request's first byte to the end of its body, in milliseconds; default
   * Node's 300000. At least `headersTimeoutMs`.
   */
  requestTimeoutMs?: number;
}

/** How often the server compares open requests with their deadlines, in milliseconds. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

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
  const server = createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS }, handler);
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = options.headersTimeoutMs ?? 66_000;
  if (options.requestTimeoutMs !== undefined) server.requestTimeout = options.requestTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ host: options.host, port }, 'listening');

  const close = once(() => shutDown(server, options));
  const onSignal = (signal: NodeJS.Signals) => {
    options.logger.info({ signal }, 'shutting down');
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        options.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return { server, port, close };
}

async function shutDown(server: Server, options: ServerOptions): Promise<void> {
  const timeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
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
