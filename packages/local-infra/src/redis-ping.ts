import { connect } from 'node:net';

/** Options of `pingRedis`. */
export interface PingRedisOptions {
  /** Server address. Default: `127.0.0.1`. */
  host?: string;
  /** Maximum time in ms for connecting and receiving the reply. Default: 1000. */
  timeoutMs?: number;
}

/**
 * Sends PING over a new connection and resolves when the server replies `+PONG`.
 * Rejects when the connection fails, the reply differs or `timeoutMs` passes, which is what
 * happens while the server process is stopped with SIGSTOP.
 */
export function pingRedis(port: number, options: PingRedisOptions = {}): Promise<void> {
  const host = options.host ?? '127.0.0.1';
  const timeoutMs = options.timeoutMs ?? 1_000;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let reply = '';
    const finish = (error?: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) {
        reject(error);
      } else {
        resolve();
      }
    };
    const timer = setTimeout(() => {
      finish(new Error(`Redis at ${host}:${port} did not reply to PING within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('error', (error) => {
      finish(
        new Error(`PING to Redis at ${host}:${port} failed: ${error.message}`, { cause: error }),
      );
    });
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (end === -1) {
        return;
      }
      const line = reply.slice(0, end);
      finish(
        line === '+PONG'
          ? undefined
          : new Error(`Redis at ${host}:${port} replied "${line}" to PING instead of +PONG`),
      );
    });
    socket.write('*1\r\n$4\r\nPING\r\n');
  });
}
