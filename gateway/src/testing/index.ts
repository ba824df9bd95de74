export { createGatewayHarness, type GatewayHarness, type HarnessOptions } from './gateway-harness';
export { metricValue, UNIT_COST_ROUTES, uniqueKeyPrefix, waitUntilReady } from './gateway-stack';
export { type ListeningApp, listenApp } from './listen-app';
export { adminAuthorization, signTestToken } from './test-tokens';
export { type TimedAttempts, timeAttempts } from './timed-attempts';
