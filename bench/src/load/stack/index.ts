export { type RunningBareServer, startBareServer } from './bare-server';
export { CleanupStack } from './cleanup';
export { COMPOSITE_INDEX_MIGRATIONS, switchCompositeIndexes } from './composite-indexes';
export { signHs256Token, type TokenClaims } from './dev-token';
export { type Infrastructure, startInfrastructure } from './infrastructure';
export type { NodeProcess } from './node-process';
export { REPOSITORY_ROOT } from './paths';
export {
  type ArmSwitches,
  BENCH_JWT,
  PLATFORM_PROCESS_NAMES,
  type PlatformProcessName,
  type RunningPlatform,
  type RunningProcess,
  startPlatform,
} from './platform';
export { sendRedisCommand } from './redis-command';
