export { runAblationMode } from './ablation-mode';
export {
  type ArmPlan,
  ablationArms,
  BASELINE_ARM,
  OPTIMIZED_ARM,
} from './arms';
export { capacityOf, nextCapacityRate, runCapacityMode } from './capacity-mode';
export { runCompareMode } from './compare-mode';
export type { ModeResult } from './mode-result';
export { IndexState, measurePlatform, startArmPlatform } from './run-arms';
export type { BenchSession } from './session';
