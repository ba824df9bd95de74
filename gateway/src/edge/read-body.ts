import type { IncomingMessage } from 'node:http';

export type BodyReadResult =
  | { kind: 'read'; bytes: Buffer }
  /** The body exceeded the limit; reading stopped and the connection must close after the reply. */
  | { kind: 'too-large' }
  /** The client aborted the request or its connection failed before the body ended. */
  | { kind: 'aborted' };

/**
 * Reads the whole request body into memory, up to `limitBytes`. A declared Content-Length above
 * the limit is rejected before any byte is read. Resolves, never rejects.
 */
export function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<BodyReadResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.resolve({ kind: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyReadResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.pause();
        finish({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: 'read', bytes: Buffer.concat(chunks, size) });
    const onError = () => finish({ kind: 'aborted' });
    const onClose = () => {
      if (!req.complete) finish({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
