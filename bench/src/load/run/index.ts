export {
  type ArmMeasurement,
  type MeasureArmOptions,
  type MetricsSource,
  measureArm,
} from './measure-arm';
export { formatProgress } from './progress';
export { type LoadRunOptions, runLoad } from './run-load';
