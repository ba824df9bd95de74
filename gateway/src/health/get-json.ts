import { type Agent, get } from 'node:http';
import { DeadlineExceededError } from '../network-failure';

export interface JsonResponse {
  statusCode: number;
  /** The parsed body, or undefined when it is not JSON. */
  body: unknown;
}

/** Maximum body size read, in bytes. Readiness bodies are well under 1 KiB. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Sends `GET url` through `agent` and reads the JSON body. Rejects on connection errors, on a
 * body larger than 64 KiB, and with DeadlineExceededError when the whole exchange takes longer
 * than `timeoutMs`.
 */
export function getJson(url: string, agent: Agent, timeoutMs: number): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent, headers: { accept: 'application/json' } });
    const timer = setTimeout(() => {
      request.destroy(new DeadlineExceededError(`GET ${url}`, timeoutMs));
    }, timeoutMs);

    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    request.on('error', fail);
    request.on('response', (response) => {
      response.on('error', fail);
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          request.destroy(new Error(`GET ${url} returned a body over ${MAX_BODY_BYTES} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ statusCode: response.statusCode ?? 0, body: parseJson(Buffer.concat(chunks)) });
      });
    });
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
