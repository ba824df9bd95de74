import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type SlowUpstream, startSlowUpstream } from '../rollout/testing/slow-upstream';
import {
  issueAdminToken,
  metricLines,
  metricSum,
  readRollout,
  setRolloutPercent,
} from './rollback-drill/admin-client';
import { type GatewayProcess, startGatewayProcess } from './rollback-drill/gateway-process';
import { startLoad } from './rollback-drill/load';

/**
 * Rollback drill, run after `npm run build`:
 *
 *   node gateway/dist/tools/rollback-drill.js
 *
 * It starts a slow upstream in this process and a real gateway process on 127.0.0.1 ephemeral
 * ports, and drives bounded load until the rollback guard turns the optimized path off. Then it
 * turns the path back on through the admin switch with a development token, and checks that
 * traffic takes the optimized path again. It exits 0 on that sequence and 1 otherwise, and stops what it started.
 * The gateway runs without Redis even when REDIS_URL is set, because a trip would otherwise set
 * the shared switches of every gateway using that Redis.
 */

/** Upstream delay while slowed, above the guard's 200 ms P95 limit. */
const SLOW_MS = 300;
const LOAD_PER_SECOND = 100;
const MAX_IN_FLIGHT = 100;
/** Maximum wait for the guard to trip under load. */
const TRIP_LIMIT_MS = 20_000;
/** Requests sent while the guard holds the path off, to see them on the baseline arm. */
const BASELINE_REQUESTS = 10;
/** Requests sent after the path is back on, to see them on the optimized arm. */
const RESUMED_REQUESTS = 50;
/** Bound on the whole drill, processes included. */
const DRILL_LIMIT_MS = 55_000;

const distDirectory = path.resolve(__dirname, '..');

function say(line: string): void {
  process.stdout.write(`drill: ${line}\n`);
}

function gatewayEnvironment(upstream: SlowUpstream): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    SEARCH_URL: upstream.url,
    CATALOG_URL: upstream.url,
    ELIGIBILITY_URL: upstream.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    // One client sends all of the load, so its budget must cover it.
    RATE_LIMIT_POLICIES: 'default=1000000/60',
    ROLLOUT_PERCENT: '100',
    ROLLOUT_GUARD_WINDOW_SECONDS: '10',
    ROLLOUT_GUARD_MIN_REQUESTS: '100',
    // The drill's load comes from one address, which must fill the window alone.
    ROLLOUT_GUARD_MIN_CLIENTS: '1',
  };
}

async function waitForTrip(gateway: GatewayProcess, token: string): Promise<boolean> {
  const load = startLoad({
    url: gateway.url,
    ratePerSecond: LOAD_PER_SECOND,
    maxInFlight: MAX_IN_FLIGHT,
    pathOf: (index) => `/api/v1/search?q=drill${index}`,
  });
  const startedAt = performance.now();
  let holding = false;
  while (!holding && performance.now() - startedAt < TRIP_LIMIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    holding = (await readRollout(gateway.url, token)).guard.holding;
  }
  const report = await load.stop();
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  say(`load: ${report.sent} requests in ${seconds} s, ${report.failed} failed`);
  return holding;
}

async function showTrip(gateway: GatewayProcess, token: string): Promise<void> {
  const state = await readRollout(gateway.url, token);
  say(`rollout percentage now ${state.rolloutPercent}, trip ${JSON.stringify(state.guard.trip)}`);
  for (const line of await metricLines(gateway.url, 'gateway_rollout_guard_'))
    say(`metric ${line}`);
  const logLine = gateway.logLines.find((line) =>
    String(line.msg).startsWith('rollout guard turned the optimized path off'),
  );
  if (logLine !== undefined) say(`log ${JSON.stringify(logLine)}`);
}

/** Sends requests after the trip; returns whether they all took the baseline path. */
async function checkBaseline(gateway: GatewayProcess): Promise<boolean> {
  let baseline = 0;
  for (let index = 0; index < BASELINE_REQUESTS; index += 1) {
    const response = await fetch(`${gateway.url}/api/v1/search?q=held${index % 2}`);
    await response.arrayBuffer();
    const legacyOrder = response.headers.get('server-timing')?.startsWith('cors;') === true;
    if (legacyOrder && response.headers.get('x-cache') === 'BYPASS') baseline += 1;
  }
  say(
    `while held: ${baseline} of ${BASELINE_REQUESTS} requests took the baseline path ` +
      '(legacy order, X-Cache BYPASS)',
  );
  return baseline === BASELINE_REQUESTS;
}

/** Sends requests for one key after the path is back on; returns whether they took it. */
async function checkOptimizedAgain(gateway: GatewayProcess): Promise<boolean> {
  const before = await metricSum(gateway.url, 'gateway_rollout_requests_total', 'optimized');
  let hits = 0;
  let optimizedOrder = 0;
  for (let index = 0; index < RESUMED_REQUESTS; index += 1) {
    const response = await fetch(`${gateway.url}/api/v1/search?q=resumed`);
    await response.arrayBuffer();
    if (response.headers.get('x-cache') === 'HIT') hits += 1;
    if (response.headers.get('server-timing')?.startsWith('ratelimit;')) optimizedOrder += 1;
  }
  const after = await metricSum(gateway.url, 'gateway_rollout_requests_total', 'optimized');
  say(
    `after the switch: ${after - before} of ${RESUMED_REQUESTS} requests counted on the ` +
      `optimized arm, ${optimizedOrder} in the default order, ${hits} cache hits`,
  );
  for (const line of await metricLines(gateway.url, 'gateway_rollout_requests_total')) {
    say(`metric ${line}`);
  }
  return (
    after - before >= RESUMED_REQUESTS &&
    optimizedOrder === RESUMED_REQUESTS &&
    hits >= RESUMED_REQUESTS - 1
  );
}

async function runDrill(
  upstream: SlowUpstream,
  gateway: GatewayProcess,
  environment: NodeJS.ProcessEnv,
): Promise<boolean> {
  const token = await issueAdminToken(
    path.join(distDirectory, 'tools', 'issue-dev-token.js'),
    environment,
  );
  say(`gateway at ${gateway.url}; upstream answers after ${SLOW_MS} ms`);
  if (!(await waitForTrip(gateway, token))) {
    say(`FAILED: the guard did not trip within ${TRIP_LIMIT_MS / 1000} s`);
    return false;
  }
  await showTrip(gateway, token);

  upstream.setDelay(0);
  if (!(await checkBaseline(gateway))) {
    say('FAILED: requests took the optimized path while the guard held it off');
    return false;
  }
  const resumed = await setRolloutPercent(gateway.url, token, 100);
  say(
    `admin switch: rollout percentage ${resumed.rolloutPercent}, guard holding ${resumed.guard.holding}`,
  );
  if (resumed.guard.holding || !(await checkOptimizedAgain(gateway))) {
    say('FAILED: traffic did not return to the optimized path');
    return false;
  }
  say('PASSED: the guard turned the optimized path off, and the admin switch turned it back on');
  return true;
}

async function main(): Promise<number> {
  const upstream = await startSlowUpstream(SLOW_MS);
  let gateway: GatewayProcess | undefined;
  const limit = setTimeout(() => {
    say(`FAILED: the drill did not finish within ${DRILL_LIMIT_MS / 1000} s`);
    const stopping = gateway === undefined ? Promise.resolve() : gateway.stop(1000);
    void stopping.finally(() => process.exit(1));
  }, DRILL_LIMIT_MS);
  try {
    // The token tool and the gateway must share the secret, so both get this environment.
    const environment = gatewayEnvironment(upstream);
    gateway = await startGatewayProcess(path.join(distDirectory, 'main.js'), environment, 15_000);
    return (await runDrill(upstream, gateway, environment)) ? 0 : 1;
  } catch (error) {
    say(`FAILED: ${(error as Error).message}`);
    return 1;
  } finally {
    clearTimeout(limit);
    await gateway?.stop();
    await upstream.close();
  }
}

void main().then((code) => {
  process.exitCode = code;
});
