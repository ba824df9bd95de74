import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** One probed request: where it went, its status (0 for a network error or timeout) and its duration. */
export interface ProbeOutcome {
  target: string;
  status: number;
  ms: number;
}

/** A request the fault tests send repeatedly. */
export interface ProbeTarget {
  name: string;
  send(signal: AbortSignal): Promise<Response>;
}

/** Maximum wait for one probed response in milliseconds; a slower request counts as hung (status 0). */
export const PROBE_TIMEOUT_MS = 3000;

/** Listens on an ephemeral port of 127.0.0.1 and returns the base URL and a close function. */
export async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends every target once, at the same time. */
export async function probeAll(targets: readonly ProbeTarget[]): Promise<ProbeOutcome[]> {
  return Promise.all(targets.map(probeOnce));
}

async function probeOnce(target: ProbeTarget): Promise<ProbeOutcome> {
  const startedAt = Date.now();
  try {
    const response = await target.send(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    await response.arrayBuffer();
    return { target: target.name, status: response.status, ms: Date.now() - startedAt };
  } catch {
    return { target: target.name, status: 0, ms: Date.now() - startedAt };
  }
}

/** Returns whether a probed response succeeded, i.e. had a 2xx status. */
export function succeeded(outcome: ProbeOutcome): boolean {
  return outcome.status >= 200 && outcome.status < 300;
}

/**
 * Probes every target every `intervalMs` until one round all succeeds or
 * `timeoutMs` passes. Returns every outcome and the time of the first
 * successful round in milliseconds, or undefined when none came.
 */
export async function probeUntilHealthy(
  targets: readonly ProbeTarget[],
  timeoutMs: number,
  intervalMs = 50,
): Promise<{ outcomes: ProbeOutcome[]; healthyAfterMs: number | undefined }> {
  const startedAt = Date.now();
  const outcomes: ProbeOutcome[] = [];
  while (Date.now() - startedAt < timeoutMs) {
    const round = await probeAll(targets);
    outcomes.push(...round);
    if (round.every(succeeded)) {
      return { outcomes, healthyAfterMs: Date.now() - startedAt };
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return { outcomes, healthyAfterMs: undefined };
}

/** Probes every target for `durationMs`, e.g. while the database is down. */
export async function probeFor(
  targets: readonly ProbeTarget[],
  durationMs: number,
  intervalMs = 50,
): Promise<ProbeOutcome[]> {
  const startedAt = Date.now();
  const outcomes: ProbeOutcome[] = [];
  while (Date.now() - startedAt < durationMs) {
    outcomes.push(...(await probeAll(targets)));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return outcomes;
}
