import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  IMPORT_ENTRY,
  launcherConfigSchema,
  migrationEntries,
  platformProcesses,
  runStep,
  Supervisor,
  waitReady,
} from '@scholarships/launcher';
import { findFreePort, type PostgresServer, startPostgres } from '@scholarships/local-infra';

export type ProcessName = 'gateway' | 'search' | 'catalog' | 'eligibility';

/** The four built processes on free ports over a PostgreSQL of their own with the real data. */
export interface RunningPlatform {
  urls: Record<ProcessName, string>;
  /** Connection string of the platform's PostgreSQL. */
  databaseUrl: string;
  /** Stops PostgreSQL; the processes keep running. */
  stopDatabase(): Promise<void>;
  /** Starts PostgreSQL again on the same port and data directory. */
  startDatabase(): Promise<void>;
  /** Parsed JSON log lines a process has written so far. */
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

/**
 * Starts the platform the way `npm start` does, from the compiled `dist`
 * folders, which turbo builds before this workspace's tests.
 */
export async function startPlatform(
  gatewayEnv: Record<string, string> = {},
): Promise<RunningPlatform> {
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
  });
  const env = { ...process.env, DATABASE_URL: postgres.connectionString };
  for (const { entry } of migrationEntries()) await runStep(entry, ['latest'], env);
  await runStep(IMPORT_ENTRY, [], { ...env, IMPORT_TODAY: '2026-12-04' });

  const supervisor = new Supervisor(path.join(dataDir, 'logs'), () => undefined);
  const specs = platformProcesses(config, postgres.connectionString);
  for (const spec of specs) {
    if (spec.name === 'gateway') Object.assign(spec.env, gatewayEnv);
    supervisor.start(spec);
    await waitReady(`http://127.0.0.1:${spec.port}/readyz`, 60_000);
  }
  const urls = Object.fromEntries(
    specs.map((spec) => [spec.name, `http://127.0.0.1:${spec.port}`]),
  ) as Record<ProcessName, string>;

  return {
    urls,
    databaseUrl: postgres.connectionString,
    stopDatabase: () => postgres.stop(),
    async startDatabase() {
      postgres = await startPostgres(postgresOptions);
    },
    logLines: (name) => readLogLines(path.join(dataDir, 'logs', `${name}.log`)),
    async stop() {
      await supervisor.stopAll();
      await postgres.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function readLogLines(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
