import { connect } from 'node:net';

/**
 * Writes `text` as it is to the host and port of `url` on a new connection, ends the writing side,
 * and resolves with every byte read (as latin1) once the server closes the connection. Tests use
 * it for requests that an HTTP client would refuse to send or would normalize first.
 */
export function sendRawHttp(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.end(text);
  });
}
