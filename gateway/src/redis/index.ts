export {
  backstopCommandTimeout,
  COMMAND_TIMEOUT_BACKSTOP_MS,
  DeadlineExceededError,
  withDeadline,
} from './deadline';
export { createRedisClient, type RedisClientOptions } from './redis-client';
