export * from './scholarship';
export * from './scholarship-row';
export * from './vocabulary';
