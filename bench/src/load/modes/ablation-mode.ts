import { type ArmReport, ablationEntries, evaluateGate } from '../report';
import { ablationArms } from './arms';
import type { ModeResult } from './mode-result';
import { IndexState, runPlatformArm } from './run-arms';
import type { BenchSession } from './session';

/**
 * Measures everything off, each optimization alone, and everything on, in one run on the same
 * data. Arms are ordered so the composite indexes are dropped once and rebuilt once. The gate
 * applies to the arm with everything on.
 */
export async function runAblationMode(session: BenchSession): Promise<ModeResult> {
  const indexes = new IndexState();
  const arms: ArmReport[] = [];
  const skipped: { arm: string; reason: string }[] = [];
  for (const plan of ablationArms()) {
    if (plan.unsupported !== undefined) {
      skipped.push({ arm: plan.name, reason: plan.unsupported });
      session.notes.push(`ablation arm "${plan.name}" was not measured: ${plan.unsupported}`);
      continue;
    }
    arms.push(await runPlatformArm(session, plan, indexes));
  }
  await indexes.ensure(session, 'on');
  const allOn = arms.at(-1);
  return {
    arms,
    ablation: ablationEntries(arms, skipped),
    ...(allOn === undefined
      ? {}
      : { gate: evaluateGate(allOn.name, allOn.overall, session.options.gate) }),
  };
}
