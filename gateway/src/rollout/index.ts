export { createRolloutAdminRoutes, ROLLOUT_SWITCH_PATH } from './admin-routes';
export { assignVariant, bucketOf, VARIANTS, type Variant } from './assignment';
export { clientKeyOf } from './client-key';
export { type RolloutConfig, rolloutConfigShape } from './config';
export { p95AboveLimit, RollingWindow, type WindowFigures } from './guard-window';
export { createLocalSwitchStore } from './local-switch-store';
export {
  createRedisSwitchStore,
  DEFAULT_ROLLOUT_KEYSPACE,
  type RolloutKeyspace,
  SYNC_INTERVAL_MS,
} from './redis-switch-store';
export { recordRolloutRequests } from './request-recorder';
export { isBaselineRequest, variantOf } from './request-variant';
export {
  EVALUATE_INTERVAL_MS,
  type GuardSettings,
  guardSettingsFromConfig,
  RollbackGuard,
} from './rollback-guard';
export { createRollout, describeSwitches, type Rollout, type RolloutOptions } from './rollout';
export type { GuardTrip, GuardTripReason, RolloutSwitches, SwitchChange } from './switch-state';
export type { Propagation, SwitchStore } from './switch-store';
