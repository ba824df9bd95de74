export * from './openapi';
export * from './requests';
export * from './responses';
export * from './routes';
