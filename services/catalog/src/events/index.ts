export { FLUSH_TIMEOUT_MS, InvalidationEvents } from './invalidation-events';
export { CATALOG_OUTBOX_TABLE } from './outbox-table';
export { type RelayDeps, startInvalidationRelay } from './start-relay';
