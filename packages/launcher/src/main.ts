import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@scholarships/config';
import { startPostgres } from '@scholarships/local-infra';
import { type Cleanup, runCleanups } from './cleanups';
import { httpOrigin, type LauncherConfig, launcherConfigSchema, PORT_NAMES } from './config';
import { say, warn } from './console-output';
import { describeUnavailablePorts, unavailablePorts } from './port-check';
import { IMPORT_ENTRY, migrationEntries, platformProcesses } from './processes';
import { runStep } from './run-step';
import { Supervisor } from './supervisor';
import { waitReady } from './wait-ready';

/**
 * Provides the database: the server at DATABASE_URL, or an embedded one. When the embedded server
 * exits on its own outside a shutdown, `onLost` runs, so that the launcher stops rather than serve
 * 503s unnoticed.
 */
async function provideDatabase(
  config: LauncherConfig,
  isStopping: () => boolean,
  onLost: () => void,
): Promise<{ url: string; stop: Cleanup }> {
  if (config.DATABASE_URL) {
    say('using the PostgreSQL server at DATABASE_URL');
    return { url: config.DATABASE_URL, stop: async () => {} };
  }
  const dataDir = path.join(config.DATA_DIR, 'postgres');
  say(`starting embedded PostgreSQL in ${dataDir}`);
  const server = await startPostgres({
    dataDir,
    database: 'scholarships',
    // Ctrl-C in a terminal signals the whole foreground process group. Outside it, the database
    // keeps serving the requests that the services finish while they drain, and the launcher
    // stops it after them.
    ownProcessGroup: true,
    onUnexpectedExit: (ending) => {
      if (isStopping()) return;
      warn(`embedded PostgreSQL exited on its own (${ending}); stopping the platform`);
      onLost();
    },
  });
  // The port changes on every start, and the migration and import commands need the URL.
  say(
    `embedded PostgreSQL at ${server.connectionString} (DATABASE_URL for the migration and import commands)`,
  );
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
    await waitReady(`${httpOrigin(config.HOST, spec.port)}/readyz`, timeoutMs);
    say(`${spec.name} is ready`);
  }
}

function printWelcome(config: LauncherConfig): void {
  const url = httpOrigin(config.HOST, config.GATEWAY_PORT);
  say(`gateway ready at ${url}`);
  say(`try: curl '${url}/api/v1/search?q=nursing'`);
  say('press Ctrl-C to stop everything');
}

const USAGE = `Usage: npm start (or node packages/launcher/dist/main.js)

Starts PostgreSQL (unless DATABASE_URL is set), migrates and imports the data, then starts the
search, catalog and eligibility services and the gateway. Ctrl-C stops everything.
Settings come from the environment; see the settings table in README.md.

  --help  print this text
`;

/** Reads the command line, which takes only `--help`, so that a stray argument starts nothing. */
function readArguments(): void {
  let help: boolean | undefined;
  try {
    help = parseArgs({ options: { help: { type: 'boolean' } }, strict: true }).values.help;
  } catch (error) {
    warn(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (help === true) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
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

/**
 * Exits before anything starts when a port cannot be taken, with messages that name the setting to
 * change.
 */
async function checkPorts(config: LauncherConfig): Promise<void> {
  const settings = PORT_NAMES.map((name) => ({ name, port: config[name] }));
  const unavailable = await unavailablePorts(config.HOST, settings);
  if (unavailable.length === 0) return;
  for (const line of describeUnavailablePorts(config.HOST, unavailable)) warn(line);
  process.exit(2);
}

async function main(): Promise<void> {
  readArguments();
  const config = readConfig();
  await checkPorts(config);
  const cleanups: Cleanup[] = [];
  let shuttingDown = false;
  const shutDown = async (exitCode: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping');
    await runCleanups(cleanups);
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void shutDown(0));
  process.on('SIGTERM', () => void shutDown(0));
  // A closed terminal sends SIGHUP, and a closed pipe makes writes to the terminal fail with
  // EPIPE. Either way Ctrl-C can no longer reach the launcher, so it stops the platform itself.
  process.on('SIGHUP', () => void shutDown(0));
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', () => void shutDown(1));
  }

  try {
    // Only an exit outside a shutdown means the database was lost: during one, the launcher
    // stops the database itself.
    const database = await provideDatabase(
      config,
      () => shuttingDown,
      () => void shutDown(1),
    );
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
