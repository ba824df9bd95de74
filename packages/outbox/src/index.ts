export { type OutboxRelay, type OutboxRelayOptions, startOutboxRelay } from './outbox-relay';
export { notifyChannel, outboxMigration, recordEvents } from './outbox-table';
export { createRedisPublisher, type EventPublisher } from './redis-publisher';
export {
  createPublisherRedis,
  type RedisOutboxRelay,
  type RedisOutboxRelayOptions,
  startRedisOutboxRelay,
} from './redis-relay';
