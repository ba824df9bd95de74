import { ConfigError, loadConfig, type ServiceEnv, serviceEnv } from '@scholarships/config';
import {
  createDatabase,
  type Database,
  isDatabaseUnavailable,
  type Statement,
} from '@scholarships/db';
import { createLogger, type Logger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import type { Router } from 'express';
import type { z } from 'zod';
import { createServiceApp } from './create-service-app';
import type { AllowedMethods } from './error-handler';
import { problems } from './errors';
import { type ReadinessCheck, runReadinessChecks } from './health';
import { poolBoundProblems } from './pool-bounds';
import type { HttpProblem } from './problem';
import { installProcessSafetyNet } from './process-safety-net';
import { createServiceMetrics } from './service-metrics';
import { type RunningServer, type ServerOptions, startServer, watchParent } from './start-server';

/** Dependencies that a service's routes and background work receive. */
export interface ServiceDeps<Config extends ServiceEnv> {
  config: Readonly<Config>;
  db: Database;
  logger: Logger;
  registry: Registry;
}

/** Work a service runs beside its routes, such as a relay or a consumer; stopped on shutdown. */
export interface BackgroundWork {
  /** Stops the work and releases what it holds; called before the database pools close. */
  stop(): Promise<void>;
}

export interface ServiceDefinition<Config extends ServiceEnv> {
  name: string;
  configSchema: z.ZodType<Config>;
  createRoutes(deps: ServiceDeps<Config>): Router;
  /** Hot statements run once on every pooled connection before the service reports ready. */
  warmupStatements?(db: Database): Statement[];
  /**
   * Starts background work once the pool is warm, before the service reports
   * ready. The process exits with code 1 when it rejects.
   */
  start?(deps: ServiceDeps<Config>): Promise<BackgroundWork>;
  /** Methods the service's API defines per path, so a wrong method gets 405 instead of 404. */
  allowedMethods?: AllowedMethods;
  /** Path prefixes whose every response is per user (see `ServiceAppOptions`). */
  privatePathPrefixes?: readonly string[];
}

/** Maps database outages to a retryable 503 instead of a 500. */
export function classifyDatabaseError(error: unknown): HttpProblem | undefined {
  return isDatabaseUnavailable(error) ? problems.databaseUnavailable() : undefined;
}

/** Builds the app of a service from its definition; tests call it with their own deps. */
export function buildServiceApp<Config extends ServiceEnv>(
  definition: ServiceDefinition<Config>,
  deps: ServiceDeps<Config>,
  isWarm: () => boolean = () => true,
) {
  return createServiceApp({
    logger: deps.logger,
    registry: deps.registry,
    routes: definition.createRoutes(deps),
    classifyError: classifyDatabaseError,
    ...(definition.allowedMethods === undefined
      ? {}
      : { allowedMethods: definition.allowedMethods }),
    ...(definition.privatePathPrefixes === undefined
      ? {}
      : { privatePathPrefixes: definition.privatePathPrefixes }),
    ...(deps.config.INTERNAL_IDENTITY_SECRET === undefined
      ? {}
      : { identitySecret: deps.config.INTERNAL_IDENTITY_SECRET }),
    readiness: serviceReadiness(deps, isWarm),
  });
}

/** Returns the checks of `/readyz`: the database responds to a ping, and the pool is warm. */
function serviceReadiness<Config extends ServiceEnv>(
  deps: ServiceDeps<Config>,
  isWarm: () => boolean,
): ReadinessCheck[] {
  return [
    { name: 'database', check: () => deps.db.ping().then(() => true) },
    { name: 'warmup', check: isWarm },
  ];
}

/**
 * Runs a service process: parses its configuration, installs the process
 * safety net, opens and warms the database pool, starts the service's
 * background work, and serves until SIGTERM or SIGINT. Exits with code 2
 * and every problem listed when the configuration is invalid, and with code 1
 * when the server cannot listen, e.g. on a port in use.
 */
export async function runService<Config extends ServiceEnv>(
  definition: ServiceDefinition<Config>,
  environment: NodeJS.ProcessEnv = process.env,
  options: Pick<ServerOptions, 'parent'> = {},
): Promise<RunningServer> {
  const parent = options.parent === undefined ? undefined : watchParent(options.parent);
  const config = loadServiceConfig(definition, environment);
  const logger = createLogger({
    service: definition.name,
    level: config.LOG_LEVEL,
    flushIntervalMs: config.LOG_FLUSH_MS,
  });
  const registry = createRegistry({ service: definition.name });
  // Set once the database is open, so the service reports not ready until then.
  let readiness: ReadinessCheck[] = [];
  const metrics = createServiceMetrics(
    registry,
    async () => readiness.length > 0 && (await runReadinessChecks(readiness)).ready,
  );
  const removeSafetyNet = installProcessSafetyNet({
    logger,
    unhandledRejections: metrics.unhandledRejections,
  });
  const db = openDatabase(definition.name, config, logger, registry);
  const deps: ServiceDeps<Config> = { config, db, logger, registry };
  let warm = false;
  let background: BackgroundWork | undefined;
  const isWarm = () => warm;
  readiness = serviceReadiness(deps, isWarm);
  const app = buildServiceApp(definition, deps, isWarm);
  let running: RunningServer;
  try {
    running = await startServer(app, {
      port: config.PORT,
      host: config.HOST,
      logger,
      parent,
      onShutdown: async () => {
        await stopBackground(background, logger);
        await db.close();
        removeSafetyNet();
      },
    });
  } catch (error) {
    // Without this exit, nothing would keep the event loop alive and the process would exit 0.
    logger.fatal({ err: error, host: config.HOST, port: config.PORT }, 'listen failed; exiting');
    await db.close().catch(() => undefined);
    removeSafetyNet();
    process.exit(1);
  }
  await warmUp(definition, db, logger);
  background = await startBackground(definition, deps, running);
  warm = true;
  return running;
}

function loadServiceConfig<Config extends ServiceEnv>(
  definition: ServiceDefinition<Config>,
  environment: NodeJS.ProcessEnv,
): Readonly<Config> {
  try {
    const config = loadConfig(definition.configSchema, environment) as Readonly<Config>;
    const problems = poolBoundProblems(config);
    if (problems.length > 0) throw new ConfigError(problems);
    return config;
  } catch (error) {
    if (error instanceof ConfigError) {
      const problems = [...error.problems, ...poolProblemsAlone(error, environment)];
      process.stderr.write(`${definition.name}: ${new ConfigError(problems).message}\n`);
      process.exit(2);
    }
    throw error;
  }
}

const POOL_SIZES = serviceEnv(0).pick({ DB_POOL_MIN: true, DB_POOL_MAX: true });

/**
 * Returns the pool bound problems when other variables failed, so that one start lists them too.
 * Nothing is added when the pool sizes themselves are invalid, since `failure` names them.
 */
function poolProblemsAlone(failure: ConfigError, environment: NodeJS.ProcessEnv): string[] {
  if (failure.problems.some((problem) => problem.startsWith('DB_POOL_'))) return [];
  try {
    return poolBoundProblems(loadConfig(POOL_SIZES, environment));
  } catch {
    return [];
  }
}

function openDatabase(name: string, config: ServiceEnv, logger: Logger, registry: Registry) {
  return createDatabase({
    connectionString: config.DATABASE_URL,
    applicationName: name,
    poolMin: config.DB_POOL_MIN,
    poolMax: config.DB_POOL_MAX,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    preparedStatements: config.DB_PREPARED_STATEMENTS,
    registry,
    logger,
  });
}

/** Retries the warm-up until the database responds, so a service started before it still turns ready. */
async function warmUp<Config extends ServiceEnv>(
  definition: ServiceDefinition<Config>,
  db: Database,
  logger: Logger,
): Promise<void> {
  const statements = definition.warmupStatements?.(db) ?? [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      const startedAt = Date.now();
      await db.warm(statements);
      logger.info({ statements: statements.length, ms: Date.now() - startedAt }, 'pool warmed');
      return;
    } catch (error) {
      const delayMs = Math.min(5000, 250 * attempt);
      logger.warn({ err: error, attempt, delayMs }, 'pool warm-up failed; retrying');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function startBackground<Config extends ServiceEnv>(
  definition: ServiceDefinition<Config>,
  deps: ServiceDeps<Config>,
  running: RunningServer,
): Promise<BackgroundWork | undefined> {
  if (!definition.start) return undefined;
  try {
    const work = await definition.start(deps);
    deps.logger.info('background work started');
    return work;
  } catch (error) {
    deps.logger.fatal({ err: error }, 'background work failed to start; exiting');
    await running.close().catch(() => undefined);
    process.exit(1);
  }
}

async function stopBackground(work: BackgroundWork | undefined, logger: Logger): Promise<void> {
  if (!work) return;
  try {
    await work.stop();
    logger.info('background work stopped');
  } catch (error) {
    logger.error({ err: error }, 'background work failed to stop');
  }
}
