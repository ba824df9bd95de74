import path from 'node:path';
import { findFreePort } from '@scholarships/local-infra';
import { type NodeProcess, spawnNodeProcess } from './node-process';
import { distEntry } from './paths';
import { waitReady } from './wait-ready';

export const PLATFORM_PROCESS_NAMES = ['catalog', 'search', 'eligibility', 'gateway'] as const;
export type PlatformProcessName = (typeof PLATFORM_PROCESS_NAMES)[number];

/** The switches an arm turns on or off in the processes it starts. */
export interface ArmSwitches {
  cacheEnabled: boolean;
  middlewareOrder: 'default' | 'legacy';
  /** Passed to the services as DB_PREPARED_STATEMENTS: false sends statements unnamed. */
  preparedStatements: boolean;
}

/**
 * Issuer and audience of the tokens the bench signs. They equal the gateway's defaults and are
 * passed explicitly, so a changed default cannot make the bench's tokens invalid.
 */
export const BENCH_JWT = { issuer: 'scholarships-dev', audience: 'scholarships-api' };

/**
 * The gateway's rate-limit budget during a run: all load comes from 127.0.0.1, so the default
 * 600 units per minute would reject almost everything. The limiter still runs on every request.
 */
const UNLIMITED_RATE_POLICY = 'default=10000000/60';

export interface PlatformOptions {
  databaseUrl: string;
  redisUrl: string;
  switches: ArmSwitches;
  jwtSecret: string;
  logLevel: string;
  /** Directory of the log files, one per process, named after `label`. */
  logDir: string;
  label: string;
  readyTimeoutMs: number;
  /** Node.js options per process, e.g. the CPU profiler. */
  nodeArgs?: Partial<Record<PlatformProcessName, readonly string[]>>;
  /** Called for each process as soon as it is spawned, so an interrupted start can stop it. */
  onSpawned: (process: NodeProcess) => void;
}

export interface RunningProcess {
  name: PlatformProcessName;
  pid: number;
  origin: string;
  /** Milliseconds from spawn until /readyz returned 200. */
  startupMs: number;
}

export interface RunningPlatform {
  gatewayOrigin: string;
  processes: RunningProcess[];
  /** Stops the gateway first, then the services. */
  stop(): Promise<void>;
}

function processEnv(
  name: PlatformProcessName,
  port: number,
  ports: Record<PlatformProcessName, number>,
  options: PlatformOptions,
): Record<string, string> {
  const common = {
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: options.logLevel,
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
  };
  if (name !== 'gateway') {
    return { ...common, DB_PREPARED_STATEMENTS: String(options.switches.preparedStatements) };
  }
  const origin = (service: PlatformProcessName) => `http://127.0.0.1:${ports[service]}`;
  return {
    ...common,
    SEARCH_URL: origin('search'),
    CATALOG_URL: origin('catalog'),
    ELIGIBILITY_URL: origin('eligibility'),
    JWT_SECRET: options.jwtSecret,
    JWT_ISSUER: BENCH_JWT.issuer,
    JWT_AUDIENCE: BENCH_JWT.audience,
    CACHE_ENABLED: String(options.switches.cacheEnabled),
    MIDDLEWARE_ORDER: options.switches.middlewareOrder,
    // Every client on one arm, and no rollback guard: a guard that tripped under overload would
    // move the optimized arm to the baseline in the middle of its measurement.
    ROLLOUT_PERCENT: '100',
    ROLLOUT_GUARD_ENABLED: 'false',
    RATE_LIMIT_POLICIES: UNLIMITED_RATE_POLICY,
  };
}

function entryOf(name: PlatformProcessName): string {
  return distEntry(name === 'gateway' ? 'gateway' : `services/${name}`, 'main.js');
}

async function allocatePorts(): Promise<Record<PlatformProcessName, number>> {
  return {
    catalog: await findFreePort(),
    search: await findFreePort(),
    eligibility: await findFreePort(),
    gateway: await findFreePort(),
  };
}

/**
 * Starts the three services and then the gateway, one at a time so that each start-up time is
 * measured without the others competing for the CPU, each on a free port of 127.0.0.1.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const ports = await allocatePorts();
  const spawned: NodeProcess[] = [];
  const processes: RunningProcess[] = [];
  const stop = async () => {
    for (const child of [...spawned].reverse()) await child.stop();
  };
  for (const name of PLATFORM_PROCESS_NAMES) {
    const port = ports[name];
    const child = spawnNodeProcess({
      name,
      entry: entryOf(name),
      env: processEnv(name, port, ports, options),
      logFile: path.join(options.logDir, `${options.label}-${name}.log`),
      ...(options.nodeArgs?.[name] === undefined ? {} : { nodeArgs: options.nodeArgs[name] }),
    });
    spawned.push(child);
    options.onSpawned(child);
    const origin = `http://127.0.0.1:${port}`;
    const startupMs = await waitReady(`${origin}/readyz`, options.readyTimeoutMs, child.hasExited);
    processes.push({ name, pid: child.pid, origin, startupMs });
  }
  return { gatewayOrigin: `http://127.0.0.1:${ports.gateway}`, processes, stop };
}
