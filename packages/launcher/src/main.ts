import path from 'node:path';
import { ConfigError, loadConfig } from '@scholarships/config';
import { startPostgres } from '@scholarships/local-infra';
import { type LauncherConfig, launcherConfigSchema } from './config';
import { say, warn } from './console-output';
import { IMPORT_ENTRY, migrationEntries, platformProcesses } from './processes';
import { runStep } from './run-step';
import { Supervisor } from './supervisor';
import { waitReady } from './wait-ready';

type Cleanup = () => Promise<void>;

async function provideDatabase(config: LauncherConfig): Promise<{ url: string; stop: Cleanup }> {
  if (config.DATABASE_URL) {
    say('using the PostgreSQL server at DATABASE_URL');
    return { url: config.DATABASE_URL, stop: async () => {} };
  }
  const dataDir = path.join(config.DATA_DIR, 'postgres');
  say(`starting embedded PostgreSQL in ${dataDir}`);
  const server = await startPostgres({ dataDir, database: 'scholarships' });
  say(`embedded PostgreSQL listening on port ${server.port}`);
  return { url: server.connectionString, stop: () => server.stop() };
}

async function prepareData(databaseUrl: string): Promise<void> {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  for (const { service, entry } of migrationEntries()) {
    const output = await runStep(entry, ['latest'], env);
    const { names } = JSON.parse(output) as { names: string[] };
    say(
      `${service} migrations: ${names.length === 0 ? 'up to date' : `applied ${names.join(', ')}`}`,
    );
  }
  say('importing scholarship data (skipped when these files were imported today)');
  const report = JSON.parse(await runStep(IMPORT_ENTRY, ['--skip-if-current'], env)) as {
    alreadyImported?: boolean;
    distinct?: number;
    inserted?: number;
    updated?: number;
  };
  say(
    report.alreadyImported
      ? 'data already imported today'
      : `imported ${report.distinct} distinct scholarships ` +
          `(${report.inserted} new, ${report.updated} changed)`,
  );
}

async function startPlatform(config: LauncherConfig, databaseUrl: string, supervisor: Supervisor) {
  if (!config.REDIS_URL) {
    say('REDIS_URL not set: the gateway uses in-process stand-ins for Redis-backed features');
  }
  const timeoutMs = config.READY_TIMEOUT_SECONDS * 1000;
  for (const spec of platformProcesses(config, databaseUrl)) {
    supervisor.start(spec);
    await waitReady(`http://${config.HOST}:${spec.port}/readyz`, timeoutMs);
    say(`${spec.name} is ready`);
  }
}

function printWelcome(config: LauncherConfig): void {
  const url = `http://${config.HOST}:${config.GATEWAY_PORT}`;
  say(`gateway ready at ${url}`);
  say(`try: curl '${url}/api/v1/search?q=nursing'`);
  say('press Ctrl-C to stop everything');
}

function readConfig(): LauncherConfig {
  try {
    return loadConfig(launcherConfigSchema, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    warn(error.message);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const cleanups: Cleanup[] = [];
  let shuttingDown = false;
  const shutDown = async (exitCode: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping');
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => warn(String(error)));
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutDown(0));
  process.on('SIGTERM', () => void shutDown(0));

  try {
    const database = await provideDatabase(config);
    cleanups.push(database.stop);
    await prepareData(database.url);
    const supervisor = new Supervisor(path.join(config.DATA_DIR, 'logs'), () => void shutDown(1));
    cleanups.push(() => supervisor.stopAll());
    await startPlatform(config, database.url, supervisor);
    printWelcome(config);
  } catch (error) {
    warn(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    await shutDown(1);
  }
}

void main();
