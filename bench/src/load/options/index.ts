export {
  BENCH_USAGE,
  type BenchMode,
  type BenchOptions,
  type CapacityOptions,
  type LoadSettings,
  type Objectives,
  parseBenchOptions,
} from './bench-options';
export {
  PROFILE_USAGE,
  PROFILED_SERVICES,
  type ProfiledService,
  type ProfileOptions,
  parseProfileOptions,
} from './profile-options';
export {
  DEFAULT_MIX_TEXT,
  MixPicker,
  parseMix,
  REQUEST_KINDS,
  type RequestKind,
  type TrafficMix,
} from './traffic-mix';
export { parseDurationMs, parseNumber, parsePercent } from './units';
