import { createCatalogTestContext, insertScholarship } from '@scholarships/catalog/test-support';
import { createMigratedDatabase, createTestApp } from '@scholarships/eligibility/test-support';
import {
  createGatewayHarness,
  type GatewayHarness,
  type ListeningApp,
  listenApp,
  uniqueKeyPrefix,
  waitUntilReady,
} from '@scholarships/gateway/testing';
import { startSearchTestApp } from '@scholarships/search/test-support';
import { Redis } from 'ioredis';

/** Number of nursing scholarships in the search database, so a page size of 2 needs 3 pages. */
export const NURSING_SCHOLARSHIPS = 5;

/** The gateway in front of the three services, each over its own migrated test database. */
export interface Platform {
  /** Origin of the gateway, e.g. `http://127.0.0.1:40123`. */
  url: string;
  harness: GatewayHarness;
  /** A scholarship in the catalog's database. */
  catalogScholarshipId: string;
  /** A scholarship in the eligibility service's database, with a deadline after its fixed today. */
  eligibilityScholarshipId: string;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Further gateway environment variables, e.g. a small rate-limit quota. */
  environment?: Readonly<Record<string, string>>;
}

function redisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (url === undefined) throw new Error('TEST_REDIS_URL is not set; run the tests through jest');
  return url;
}

async function startServices() {
  const catalog = await createCatalogTestContext();
  const search = await startSearchTestApp('client_search');
  const eligibility = await createMigratedDatabase('client_eligibility');
  const catalogScholarshipId = await insertScholarship(catalog.db);
  for (let index = 1; index <= NURSING_SCHOLARSHIPS; index += 1) {
    await insertScholarship(search.db, {
      name: `Nursing Futures Award ${index}`,
      deadline: `2099-0${index}-01`,
    });
  }
  const eligibilityScholarshipId = await insertScholarship(eligibility.db, {
    deadline: '2026-04-01',
  });
  const listening = {
    catalog: await listenApp(catalog.app),
    search: await listenApp(search.app),
    eligibility: await listenApp(createTestApp(eligibility.db)),
  };
  const close = async () => {
    await Promise.all(Object.values(listening).map((app) => app.close()));
    await Promise.all([catalog.close(), search.close(), eligibility.drop()]);
  };
  return { listening, catalogScholarshipId, eligibilityScholarshipId, close };
}

/**
 * Starts the catalog, search and eligibility apps and a gateway in front of
 * them, all on ephemeral 127.0.0.1 ports. The gateway's rate limits are
 * kept in the jest run's Redis under a prefix of their own.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const services = await startServices();
  const redis = new Redis(redisUrl(), { keyPrefix: uniqueKeyPrefix() });
  let gateway: ListeningApp | undefined;
  let harness: GatewayHarness | undefined;
  try {
    await waitUntilReady(redis);
    harness = createGatewayHarness({
      serviceUrls: {
        catalog: services.listening.catalog.url,
        search: services.listening.search.url,
        eligibility: services.listening.eligibility.url,
      },
      environment: options.environment ?? {},
      redis,
    });
    gateway = await listenApp(harness.handler);
  } catch (error) {
    redis.disconnect();
    await harness?.close();
    await services.close();
    throw error;
  }
  const started = { gateway, harness };
  return {
    url: started.gateway.url,
    harness: started.harness,
    catalogScholarshipId: services.catalogScholarshipId,
    eligibilityScholarshipId: services.eligibilityScholarshipId,
    close: async () => {
      await started.gateway.close();
      await started.harness.close();
      redis.disconnect();
      await services.close();
    },
  };
}
