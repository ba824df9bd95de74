export { findExecutable } from './find-executable';
export { findFreePort, type ListenProbe, tryListen } from './find-free-port';
export type { LogCallback } from './log-tail';
export { sendRawHttp } from './raw-http';
export { type PingRedisOptions, pingRedis } from './redis-ping';
export { type PostgresServer, type StartPostgresOptions, startPostgres } from './start-postgres';
export { type RedisServer, type StartRedisOptions, startRedis } from './start-redis';
export {
  type CreateTestDatabaseOptions,
  createTestDatabase,
  type TestDatabase,
} from './test-database';
