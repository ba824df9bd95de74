import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  IMPORT_ENTRY,
  launcherConfigSchema,
  migrationEntries,
  platformProcesses,
  REPOSITORY_ROOT,
  runStep,
  Supervisor,
  waitReady,
} from '@scholarships/launcher';
import { createTestDatabase, findFreePort, type TestDatabase } from '@scholarships/local-infra';

/** Date the import projects deadlines from, so the data and the results stay the same every day. */
const IMPORT_TODAY = '2026-12-04';
const READY_TIMEOUT_MS = 30_000;

export interface PlatformOptions {
  /** Web build the gateway serves, e.g. the `outDir` of buildWeb. */
  webAssetsDir: string;
  /** Redis of the jest global setup, for the gateway's shared cache and rate limits. */
  redisUrl: string;
}

/** The three services and the gateway, built processes on ephemeral ports of 127.0.0.1. */
export interface E2ePlatform {
  /** Origin of the gateway's API, `http://127.0.0.1:<port>`. */
  apiOrigin: string;
  /** Origin the page is loaded from: the same gateway under the host name `localhost`. */
  pageOrigin: string;
  /** Parsed `/metrics` series of the gateway's HTTP request counter, by route and status. */
  requestCounts(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

/** Fails early, naming the command to run, when a process's build output is missing. */
function requireBuiltProcesses(): void {
  const entries = [
    ...migrationEntries().map((step) => step.entry),
    IMPORT_ENTRY,
    path.join(REPOSITORY_ROOT, 'gateway', 'dist', 'static-assets', 'index.js'),
  ];
  const missing = entries.filter((entry) => !existsSync(entry));
  if (missing.length > 0) {
    throw new Error(`missing build output ${missing.join(', ')}; run npm run build first`);
  }
}

/**
 * Starts the platform as `npm start` does, over a new database on the jest global setup's
 * PostgreSQL, with the real scholarship data imported. The page and the API are served by the same
 * gateway under two origins (`localhost` and `127.0.0.1`), so the browser sends real CORS requests,
 * and only the page's origin is in CORS_ORIGINS.
 */
export async function startE2ePlatform(options: PlatformOptions): Promise<E2ePlatform> {
  requireBuiltProcesses();
  const database: TestDatabase = await createTestDatabase('web_e2e');
  const logDir = mkdtempSync(path.join(tmpdir(), 'web-e2e-logs-'));
  const supervisor = new Supervisor(logDir, () => undefined);
  const stop = async () => {
    await supervisor.stopAll();
    await database.drop();
    rmSync(logDir, { recursive: true, force: true });
  };
  try {
    const env = { ...process.env, DATABASE_URL: database.connectionString };
    for (const { entry } of migrationEntries()) await runStep(entry, ['latest'], env);
    await runStep(IMPORT_ENTRY, [], { ...env, IMPORT_TODAY });
    const gatewayPort = await startProcesses(supervisor, database.connectionString, options);
    return platformHandle(gatewayPort, stop);
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startProcesses(
  supervisor: Supervisor,
  databaseUrl: string,
  options: PlatformOptions,
): Promise<number> {
  const config = launcherConfigSchema.parse({
    GATEWAY_PORT: String(await findFreePort()),
    SEARCH_PORT: String(await findFreePort()),
    CATALOG_PORT: String(await findFreePort()),
    ELIGIBILITY_PORT: String(await findFreePort()),
    REDIS_URL: options.redisUrl,
    LOG_LEVEL: 'warn',
  });
  const specs = platformProcesses(config, databaseUrl);
  const gateway = specs.find((spec) => spec.name === 'gateway');
  if (gateway === undefined) throw new Error('the launcher lists no gateway process');
  Object.assign(gateway.env, {
    CORS_ORIGINS: `http://localhost:${gateway.port}`,
    WEB_ASSETS_DIR: options.webAssetsDir,
    WEB_API_BASE_URL: `http://127.0.0.1:${gateway.port}`,
  });
  const services = specs.filter((spec) => spec !== gateway);
  for (const spec of services) supervisor.start(spec);
  await Promise.all(
    services.map((spec) => waitReady(`http://127.0.0.1:${spec.port}/readyz`, READY_TIMEOUT_MS)),
  );
  supervisor.start(gateway);
  await waitReady(`http://127.0.0.1:${gateway.port}/readyz`, READY_TIMEOUT_MS);
  return gateway.port;
}

function platformHandle(gatewayPort: number, stop: () => Promise<void>): E2ePlatform {
  const apiOrigin = `http://127.0.0.1:${gatewayPort}`;
  return {
    apiOrigin,
    pageOrigin: `http://localhost:${gatewayPort}`,
    async requestCounts() {
      const response = await fetch(`${apiOrigin}/metrics`);
      return parseRequestCounts(await response.text());
    },
    stop,
  };
}

/**
 * Sums `http_requests_total` by `<method> <route> <status>`, e.g. `GET /assets/:name 200`, from the
 * Prometheus text format.
 */
export function parseRequestCounts(metricsText: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith('http_requests_total{')) continue;
    const labels = Object.fromEntries(
      [...line.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]),
    );
    const key = `${labels.method} ${labels.route} ${labels.status_code}`;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    counts.set(key, (counts.get(key) ?? 0) + value);
  }
  return counts;
}
