import type { Database } from '@scholarships/db';
import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import { classifyDatabaseError, createServiceApp } from '@scholarships/service-kit';
import type { Express } from 'express';
import type { Clock } from '../http';
import { eligibilityRoutes } from '../routes';
import { eligibilityService } from '../service';

export interface TestAppOptions {
  /** Fixed current time; default noon UTC of `2026-03-01`. */
  now?: Clock;
  registry?: Registry;
}

export const TEST_NOW = new Date('2026-03-01T12:00:00Z');

/** Builds the service's app around every eligibility route, with a fixed clock and silent logs. */
export function createTestApp(db: Database, options: TestAppOptions = {}): Express {
  const registry =
    options.registry ?? createRegistry({ service: 'eligibility-test', defaultMetrics: false });
  return createServiceApp({
    logger: createLogger({ service: 'eligibility-test', level: 'silent' }),
    registry,
    routes: eligibilityRoutes({ db, registry, now: options.now ?? (() => TEST_NOW) }),
    classifyError: classifyDatabaseError,
    privatePathPrefixes: eligibilityService.privatePathPrefixes ?? [],
  });
}
