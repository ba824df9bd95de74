import type { AblationEntry, ArmReport, CapacityResult, GateResult } from '../report';
import type { PercentileComparison } from '../report/types';

/** The parts of the report a mode produces. */
export interface ModeResult {
  arms: ArmReport[];
  comparison?: PercentileComparison[];
  ablation?: AblationEntry[];
  capacity?: CapacityResult[];
  gate?: GateResult;
}
