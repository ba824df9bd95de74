import { connect } from 'node:net';

/**
 * Sends one Redis command without arguments (e.g. FLUSHALL) in RESP and resolves with the
 * first reply line. Used between arms so that no arm starts with entries another arm cached.
 */
export function sendRedisCommand(port: number, command: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    socket.setTimeout(timeoutMs, () => {
      socket.destroy(
        new Error(`Redis on port ${port} did not respond to ${command} within ${timeoutMs} ms`),
      );
    });
    socket.once('connect', () => socket.write(`*1\r\n$${command.length}\r\n${command}\r\n`));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      const end = reply.indexOf('\r\n');
      if (end < 0) return;
      socket.end();
      const line = reply.slice(0, end);
      if (line.startsWith('-')) reject(new Error(`Redis ${command} failed: ${line.slice(1)}`));
      else resolve(line);
    });
    socket.once('error', reject);
  });
}
