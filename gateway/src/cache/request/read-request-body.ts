import type { IncomingMessage } from 'node:http';

/** Raised when a request body is longer than the limit the caller set. */
export class RequestBodyTooLargeError extends Error {
  readonly status = 413;

  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'RequestBodyTooLargeError';
  }
}

/**
 * Reads a whole request body into memory, so a POST to a cached computation can be keyed by it
 * and forwarded from the buffer. Rejects with RequestBodyTooLargeError past `limitBytes`.
 */
export function readRequestBody(message: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limitBytes) {
        message.off('data', onData);
        message.resume();
        reject(new RequestBodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    message.on('data', onData);
    message.once('error', reject);
    message.once('end', () => resolve(Buffer.concat(chunks, length)));
  });
}
