import { compareArms, evaluateGate } from '../report';
import { BASELINE_ARM, OPTIMIZED_ARM } from './arms';
import type { ModeResult } from './mode-result';
import { IndexState, runBareArm, runPlatformArm, runTargetArm } from './run-arms';
import type { BenchSession } from './session';

/**
 * Runs the default mode: the bare server, the baseline arm and the optimized arm at one rate, one
 * after the other on the same data, and the gate on the optimized arm. With --target, the
 * running gateway alone, and the gate on it.
 */
export async function runCompareMode(session: BenchSession): Promise<ModeResult> {
  const { options } = session;
  if (options.target !== undefined) {
    const target = await runTargetArm(session, options.target);
    return { arms: [target], gate: evaluateGate(target.name, target.overall, options.gate) };
  }
  const indexes = new IndexState();
  const bare = await runBareArm(session);
  const baseline = await runPlatformArm(session, BASELINE_ARM, indexes);
  const optimized = await runPlatformArm(session, OPTIMIZED_ARM, indexes);
  return {
    arms: [bare, baseline, optimized],
    comparison: compareArms(baseline, optimized, bare),
    gate: evaluateGate(optimized.name, optimized.overall, options.gate),
  };
}
