import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  IMPORT_ENTRY,
  launcherConfigSchema,
  migrationEntries,
  type ProcessSpec,
  platformProcesses,
  runStep,
} from '@scholarships/launcher';
import { findFreePort, type PostgresServer, startPostgres } from '@scholarships/local-infra';
import { ProcessGroup } from './process-group';

export type ProcessName = 'gateway' | 'search' | 'catalog' | 'eligibility';
export type ServiceName = Exclude<ProcessName, 'gateway'>;

export interface PlatformOptions {
  /** Environment added to every gateway process. */
  gatewayEnv?: Record<string, string>;
  /**
   * Redis passed to every process: the gateways share their cache and rate limits there, and the
   * services publish their invalidation events there. Default: none, so each gateway runs
   * in-process stand-ins.
   */
  redisUrl?: string;
  /** Gateway processes in front of the same services, each on a port of its own. Default: 1. */
  gateways?: number;
}

/** The built processes on free ports over a PostgreSQL of their own with the real data. */
export interface RunningPlatform {
  /** Base URL of each process, where `gateway` is the first gateway. */
  urls: Record<ProcessName, string>;
  /** Base URL of every gateway process, in start order. */
  gatewayUrls: string[];
  /** Connection string of the platform's PostgreSQL. */
  databaseUrl: string;
  /** Secret of the identity headers, for a test that calls a service without the gateway. */
  identitySecret: string;
  /** Stops PostgreSQL; the processes keep running. */
  stopDatabase(): Promise<void>;
  /** Starts PostgreSQL again on the same port and data directory. */
  startDatabase(): Promise<void>;
  /** Sends SIGTERM to a service's process ID and resolves once the process exited. */
  stopService(name: ServiceName): Promise<void>;
  /** Starts a stopped service again on its port and resolves once it is ready. */
  startService(name: ServiceName): Promise<void>;
  /** Parsed JSON log lines a process has written so far, where `gateway` is the first gateway. */
  logLines(name: ProcessName): Record<string, unknown>[];
  stop(): Promise<void>;
}

async function freePorts() {
  return {
    GATEWAY_PORT: String(await findFreePort()),
    SEARCH_PORT: String(await findFreePort()),
    CATALOG_PORT: String(await findFreePort()),
    ELIGIBILITY_PORT: String(await findFreePort()),
  };
}

/** A platform process under the name of its log file: the gateways are `gateway`, `gateway-2`, ... */
interface NamedSpec {
  name: string;
  spec: ProcessSpec;
}

/**
 * Starts the platform the way `npm start` does, from the compiled `dist` folders, which turbo
 * builds before this workspace's tests, with `options.gateways` gateway processes.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'system-tests-'));
  // PostgreSQL runs as an unprivileged user when the tests run as root, and must enter this folder.
  chmodSync(dataDir, 0o755);
  const postgresOptions = {
    dataDir: path.join(dataDir, 'postgres'),
    port: await findFreePort(),
    database: 'platform',
  };
  let postgres: PostgresServer = await startPostgres(postgresOptions);
  const config = launcherConfigSchema.parse({
    ...(await freePorts()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    REDIS_URL: options.redisUrl,
  });
  const env = { ...process.env, DATABASE_URL: postgres.connectionString };
  for (const { entry } of migrationEntries()) await runStep(entry, ['latest'], env);
  await runStep(IMPORT_ENTRY, [], { ...env, IMPORT_TODAY: '2026-12-04' });

  const processes = new ProcessGroup(path.join(dataDir, 'logs'));
  const specs = await withGateways(
    platformProcesses(config, postgres.connectionString),
    options.gatewayEnv ?? {},
    options.gateways ?? 1,
  );
  try {
    for (const { name, spec } of specs) await processes.start(name, spec);
  } catch (error) {
    await processes.stopAll();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const specOf = (name: string): NamedSpec => {
    const found = specs.find((named) => named.name === name);
    if (found === undefined) throw new Error(`no platform process is named ${name}`);
    return found;
  };
  const gatewayUrls = specs.filter(isGateway).map(({ spec }) => urlOf(spec));

  return {
    urls: {
      gateway: urlOf(specOf('gateway').spec),
      search: urlOf(specOf('search').spec),
      catalog: urlOf(specOf('catalog').spec),
      eligibility: urlOf(specOf('eligibility').spec),
    },
    gatewayUrls,
    databaseUrl: postgres.connectionString,
    identitySecret: config.INTERNAL_IDENTITY_SECRET,
    stopDatabase: () => postgres.stop(),
    async startDatabase() {
      postgres = await startPostgres(postgresOptions);
    },
    stopService: (name) => processes.stop(name),
    startService: (name) => processes.start(name, specOf(name).spec),
    logLines: (name) => readLogLines(processes.logFile(name)),
    async stop() {
      await processes.stopAll();
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Puts the extra environment into the gateway spec and adds copies of it on free ports. */
async function withGateways(
  specs: ProcessSpec[],
  gatewayEnv: Record<string, string>,
  count: number,
): Promise<NamedSpec[]> {
  const named: NamedSpec[] = [];
  for (const spec of specs) {
    if (spec.name !== 'gateway') {
      named.push({ name: spec.name, spec });
      continue;
    }
    Object.assign(spec.env, gatewayEnv);
    named.push({ name: 'gateway', spec });
    for (let index = 2; index <= count; index += 1) {
      const port = await findFreePort();
      const copy = { ...spec, port, env: { ...spec.env, PORT: String(port) } };
      named.push({ name: `gateway-${index}`, spec: copy });
    }
  }
  return named;
}

function isGateway({ spec }: NamedSpec): boolean {
  return spec.name === 'gateway';
}

function urlOf(spec: ProcessSpec): string {
  return `http://127.0.0.1:${spec.port}`;
}

function readLogLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
