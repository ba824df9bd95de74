import { ConfigError } from '@scholarships/config';
import { createLogger, type Logger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import { startServer, watchParent } from '@scholarships/service-kit';
import { createGatewayHandler } from './app';
import { createGatewayCache, waitForCacheReady } from './cache-stage';
import { type GatewayConfig, loadGatewayConfig } from './config';
import { createDatabaseProbe } from './health/database-probe';
import { createGatewayMetrics } from './metrics';
import { closeUpstreams, createUpstreams } from './proxy/upstreams';
import { createRedisClient } from './redis';
import { createRollout } from './rollout';
import { securityHeaderFields } from './security-headers';
import { resolveJwtSettings } from './stages/auth';

/** Exit code for invalid configuration, distinct from 1 for failures after start-up. */
const EXIT_INVALID_CONFIG = 2;

function readConfigOrExit(): Readonly<GatewayConfig> {
  try {
    return loadGatewayConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // biome-ignore lint/suspicious/noConsole: no logger exists until the config is read.
    console.error(`${error.message}\nFix the variables listed above and start the gateway again.`);
    process.exit(EXIT_INVALID_CONFIG);
  }
}

function logJwtKeySource(config: Readonly<GatewayConfig>, logger: Logger): void {
  const { source, algorithms } = resolveJwtSettings(config);
  if (source.kind !== 'dev-secret') {
    logger.info(
      { keySource: source.kind, algorithms },
      'bearer tokens verified with configured keys',
    );
    return;
  }
  logger.warn(
    { secretFile: source.file, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
    'no JWT key configured: tokens are verified with a local development secret; issue one with ' +
      'node gateway/dist/tools/issue-dev-token.js --sub <user>, and set JWT_JWKS_URL, ' +
      'JWT_PUBLIC_KEY or JWT_SECRET in production',
  );
}

async function start(config: Readonly<GatewayConfig>, logger: Logger): Promise<void> {
  // Watched from the start, because the gateway may wait seconds for Redis before it listens.
  const parent = watchParent(process);
  if (config.REDIS_URL === undefined) {
    logger.info('REDIS_URL not set: Redis-backed features use in-process stand-ins');
  }
  logJwtKeySource(config, logger);
  const redis =
    config.REDIS_URL === undefined
      ? undefined
      : createRedisClient(config.REDIS_URL, logger, {
          commandTimeoutMs: config.RATE_LIMIT_REDIS_TIMEOUT_MS,
        });
  const registry = createRegistry({ service: 'gateway' });
  const upstreams = createUpstreams(config);
  // Declared once here, because the response cache records into them before the app exists.
  const metrics = createGatewayMetrics(registry);
  const gatewayCache = createGatewayCache({ config, logger, metrics, upstreams });
  // With Redis every replica follows the same switches; the first read decides the first requests.
  const rollout = createRollout({
    config,
    logger,
    metrics: metrics.rollout,
    ...(redis === undefined ? {} : { redis }),
  });
  await rollout.switches.ready();
  await waitForCacheReady(gatewayCache.cache, logger);
  const databaseProbe =
    config.DATABASE_URL === undefined
      ? undefined
      : createDatabaseProbe(config.DATABASE_URL, logger);
  const { handler, parts } = createGatewayHandler({
    config,
    logger,
    registry,
    upstreams,
    metrics,
    gatewayCache,
    rollout,
    ...(databaseProbe === undefined ? {} : { databaseProbe }),
    ...(redis === undefined ? {} : { redis }),
  });

  parts.edge.warmUp?.();

  const server = await startServer(handler, {
    port: config.PORT,
    host: config.HOST,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    // Stops when the launcher that started the gateway dies, even by SIGKILL.
    parent,
    // Node.js responds to a malformed request before any handler runs. The gateway is the
    // public edge, so those responses carry its security headers too.
    clientErrorHeaders: securityHeaderFields(),
    logger,
    onShutdown: async () => {
      await rollout.close();
      await gatewayCache.close();
      closeUpstreams(upstreams);
      await databaseProbe?.close();
      redis?.disconnect();
    },
  });
  // An IPv6 host needs brackets in a URL (RFC 3986 §3.2.2).
  const urlHost = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  logger.info({ url: `http://${urlHost}:${server.port}` }, 'gateway started');
}

const config = readConfigOrExit();
const logger = createLogger({
  service: 'gateway',
  level: config.LOG_LEVEL,
  flushIntervalMs: config.LOG_FLUSH_MS,
});
start(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
