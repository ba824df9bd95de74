import type { PostgresServer } from '../start-postgres';
import type { RedisServer } from '../start-redis';

/** Servers that the global setup started and the global teardown stops. */
export interface TestServices {
  postgres?: PostgresServer;
  redis?: RedisServer;
  /** Environment variables that the global setup set, deleted again in teardown. */
  setVariables: string[];
}

const SERVICES_KEY = Symbol.for('@scholarships/local-infra/test-services');

type ServicesHolder = { [SERVICES_KEY]?: TestServices };

// Jest runs globalSetup and globalTeardown in the same context, so globalThis carries the
// handles from one to the other.
export function storeTestServices(services: TestServices): void {
  (globalThis as ServicesHolder)[SERVICES_KEY] = services;
}

export function takeTestServices(): TestServices | undefined {
  const holder = globalThis as ServicesHolder;
  const services = holder[SERVICES_KEY];
  delete holder[SERVICES_KEY];
  return services;
}
