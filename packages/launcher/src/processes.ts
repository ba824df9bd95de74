import path from 'node:path';
import type { LauncherConfig } from './config';
import { httpOrigin, REPOSITORY_ROOT } from './config';

/** One long-running process of the platform and how to reach its readiness probe. */
export interface ProcessSpec {
  name: 'search' | 'catalog' | 'eligibility' | 'gateway';
  entry: string;
  port: number;
  env: Record<string, string>;
}

function entryOf(workspace: string): string {
  return path.join(REPOSITORY_ROOT, workspace, 'dist', 'main.js');
}

/** The four processes in start order: services first, the gateway last. */
export function platformProcesses(config: LauncherConfig, databaseUrl: string): ProcessSpec[] {
  const serviceUrl = (port: number) => httpOrigin(config.HOST, port);
  const common = {
    HOST: config.HOST,
    LOG_LEVEL: config.LOG_LEVEL,
    LOG_FLUSH_MS: String(config.LOG_FLUSH_MS),
    INTERNAL_IDENTITY_SECRET: config.INTERNAL_IDENTITY_SECRET,
    ...(config.REDIS_URL ? { REDIS_URL: config.REDIS_URL } : {}),
  };
  const services: ProcessSpec[] = [
    { name: 'catalog', entry: entryOf('services/catalog'), port: config.CATALOG_PORT, env: {} },
    { name: 'search', entry: entryOf('services/search'), port: config.SEARCH_PORT, env: {} },
    {
      name: 'eligibility',
      entry: entryOf('services/eligibility'),
      port: config.ELIGIBILITY_PORT,
      env: {},
    },
  ];
  for (const service of services) {
    Object.assign(service.env, common, { PORT: String(service.port), DATABASE_URL: databaseUrl });
  }
  const gateway: ProcessSpec = {
    name: 'gateway',
    entry: entryOf('gateway'),
    port: config.GATEWAY_PORT,
    env: {
      ...common,
      PORT: String(config.GATEWAY_PORT),
      DATABASE_URL: databaseUrl,
      SEARCH_URL: serviceUrl(config.SEARCH_PORT),
      CATALOG_URL: serviceUrl(config.CATALOG_PORT),
      ELIGIBILITY_URL: serviceUrl(config.ELIGIBILITY_PORT),
    },
  };
  return [...services, gateway];
}

/** Migration entry points in the order they must run: catalog owns the tables the others index. */
export function migrationEntries(): { service: string; entry: string }[] {
  return ['catalog', 'search', 'eligibility'].map((service) => ({
    service,
    entry: path.join(REPOSITORY_ROOT, 'services', service, 'dist', 'migrate.js'),
  }));
}

export const IMPORT_ENTRY = path.join(
  REPOSITORY_ROOT,
  'services',
  'catalog',
  'dist',
  'import',
  'cli.js',
);
