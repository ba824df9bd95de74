import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stand-in service whose responses can be delayed, to push the gateway's latency up. */
export interface SlowUpstream {
  /** Origin for the gateway's service URLs, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Delay of every later response except to `/readyz`, in milliseconds. */
  setDelay(milliseconds: number): void;
  /** Responses sent so far, `/readyz` excluded. */
  requestCount(): number;
  close(): Promise<void>;
}

/**
 * Starts a service on 127.0.0.1 and an ephemeral port that responds to every request with a
 * small JSON body after the current delay, and to `/readyz` at once with a passing database
 * check.
 */
export async function startSlowUpstream(initialDelayMs = 0): Promise<SlowUpstream> {
  let delayMs = initialDelayMs;
  let answered = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/readyz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ready', checks: { database: 'ok' } }));
      return;
    }
    const body = JSON.stringify({ path: req.url, results: [] });
    const timer = setTimeout(() => {
      timers.delete(timer);
      answered += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    }, delayMs);
    timers.add(timer);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    setDelay(milliseconds) {
      delayMs = milliseconds;
    },
    requestCount: () => answered,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
