export * from './identity';
export * from './invalidation-events';
export * from './scholarship';
export * from './scholarship-row';
export * from './vocabulary';
