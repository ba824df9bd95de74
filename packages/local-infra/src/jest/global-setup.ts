import { type PostgresServer, startPostgres } from '../start-postgres';
import { type RedisServer, startRedis } from '../start-redis';
import { storeTestServices, type TestServices } from './test-services';

/**
 * Jest global setup: starts one ephemeral PostgreSQL (temporary data directory, fsync off)
 * and one Redis for the whole run, and sets TEST_DATABASE_URL and TEST_REDIS_URL, which jest
 * workers inherit. A variable that is already set is kept and its server is not started, so
 * a caller can share one pair of servers between several jest runs.
 * Set TEST_SERVICES_LOG=1 to print the servers' output.
 */
export default async function globalSetup(): Promise<void> {
  const log = process.env.TEST_SERVICES_LOG === '1' ? printServerLine : undefined;
  const services: TestServices = { setVariables: [] };
  const [postgres, redis] = await Promise.allSettled([
    process.env.TEST_DATABASE_URL ? undefined : startPostgres({ ephemeral: true, log }),
    process.env.TEST_REDIS_URL ? undefined : startRedis({ log }),
  ]);
  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    await stopStarted(postgres, redis);
    throw describeFailure(postgres, redis);
  }
  if (postgres.value) {
    services.postgres = postgres.value;
    process.env.TEST_DATABASE_URL = postgres.value.connectionString;
    services.setVariables.push('TEST_DATABASE_URL');
  }
  if (redis.value) {
    services.redis = redis.value;
    process.env.TEST_REDIS_URL = redis.value.url;
    services.setVariables.push('TEST_REDIS_URL');
  }
  storeTestServices(services);
}

function printServerLine(line: string): void {
  // biome-ignore lint/suspicious/noConsole: printing server output is this opt-in's purpose
  console.log(`[test services] ${line}`);
}

async function stopStarted(
  postgres: PromiseSettledResult<PostgresServer | undefined>,
  redis: PromiseSettledResult<RedisServer | undefined>,
): Promise<void> {
  if (postgres.status === 'fulfilled') {
    await postgres.value?.stop();
  }
  if (redis.status === 'fulfilled') {
    await redis.value?.stop();
  }
}

function describeFailure(
  postgres: PromiseSettledResult<unknown>,
  redis: PromiseSettledResult<unknown>,
): Error {
  const failures = [postgres, redis]
    .filter((result) => result.status === 'rejected')
    .map((result) =>
      result.reason instanceof Error ? result.reason.message : String(result.reason),
    );
  return new Error(`Starting the test services failed:\n${failures.join('\n')}`);
}
