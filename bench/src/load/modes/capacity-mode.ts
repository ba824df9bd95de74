import { buildArmReport, type CapacityResult, type CapacityStep, holdsObjectives } from '../report';
import type { Workload } from '../workload';
import { type ArmPlan, BASELINE_ARM, OPTIMIZED_ARM } from './arms';
import type { ModeResult } from './mode-result';
import { IndexState, measurePlatform, startArmPlatform } from './run-arms';
import type { BenchSession } from './session';

/** Warm-up before every step after the first, which gets the full --warmup. */
const STEP_WARMUP_MS = 2000;
/** Rates are rounded to this many requests per second when bisecting. */
const RATE_GRANULARITY = 10;

/**
 * Returns the next rate to try, or undefined when the search is over. The search starts at
 * `startRate` and doubles the last rate (capped at `maxRate`) while every step held. After the
 * first miss, it bisects up to `refineSteps` times between the highest rate that held and the
 * lowest that missed.
 */
export function nextCapacityRate(
  steps: readonly CapacityStep[],
  options: { startRate: number; maxRate: number; refineSteps: number },
): number | undefined {
  const last = steps.at(-1);
  if (last === undefined) return options.startRate;
  const firstMiss = steps.findIndex((step) => !step.held);
  if (firstMiss < 0)
    return last.rate < options.maxRate ? Math.min(last.rate * 2, options.maxRate) : undefined;
  const held = steps.filter((step) => step.held).map((step) => step.rate);
  if (held.length === 0 || steps.length - 1 - firstMiss >= options.refineSteps) return undefined;
  const highestHeld = Math.max(...held);
  const lowestMissed = Math.min(...steps.filter((step) => !step.held).map((step) => step.rate));
  const middle = Math.round((highestHeld + lowestMissed) / 2 / RATE_GRANULARITY) * RATE_GRANULARITY;
  return middle > highestHeld && middle < lowestMissed ? middle : undefined;
}

/** Returns the highest rate that held the objectives, or null. */
export function capacityOf(steps: readonly CapacityStep[]): number | null {
  const held = steps.filter((step) => step.held).map((step) => step.rate);
  return held.length === 0 ? null : Math.max(...held);
}

async function searchArm(
  session: BenchSession,
  plan: ArmPlan,
  budgetMs: number,
): Promise<CapacityResult> {
  const { options } = session;
  const platform = await startArmPlatform(session, plan);
  const workload: Workload = session.createWorkload();
  const steps: CapacityStep[] = [];
  const startedAt = performance.now();
  let budgetExhausted = false;
  try {
    for (let rate = nextCapacityRate(steps, options.capacity); rate !== undefined; ) {
      const warmupMs = steps.length === 0 ? options.load.warmupMs : STEP_WARMUP_MS;
      const stepMs = warmupMs + options.capacity.stepDurationMs;
      if (performance.now() - startedAt + stepMs > budgetMs) {
        budgetExhausted = true;
        break;
      }
      const load = { ...options.load, rate, warmupMs, durationMs: options.capacity.stepDurationMs };
      const measurement = await measurePlatform(
        session,
        `${plan.name} @${rate}`,
        platform,
        workload,
        load,
      );
      const report = buildArmReport(
        { ...plan, rate, durationMs: load.durationMs, processes: platform.processes },
        measurement,
      );
      steps.push({
        rate,
        overall: report.overall,
        held: holdsObjectives(report.overall, options.gate),
      });
      rate = nextCapacityRate(steps, options.capacity);
    }
  } finally {
    await platform.stop();
  }
  return { arm: plan.name, steps, capacity: capacityOf(steps), budgetExhausted };
}

/**
 * Raises the arrival rate step by step for the baseline and the optimized arm: doubling from
 * --start-rate until a step misses the latency or error objectives or --max-rate is passed, then
 * bisecting between the last rate that held and the first that did not. Each arm gets half of
 * --time-budget. The hit ratio is not an objective here, since the baseline has no cache.
 */
export async function runCapacityMode(session: BenchSession): Promise<ModeResult> {
  await new IndexState().ensure(session, 'on');
  const budgetPerArm = session.options.capacity.timeBudgetMs / 2;
  const capacity: CapacityResult[] = [];
  for (const plan of [BASELINE_ARM, OPTIMIZED_ARM]) {
    capacity.push(await searchArm(session, plan, budgetPerArm));
  }
  const [baseline, optimized] = capacity;
  if (baseline?.capacity && optimized?.capacity) {
    session.notes.push(
      `optimized capacity is ${(optimized.capacity / baseline.capacity).toFixed(1)} times the baseline's`,
    );
  }
  return { arms: [], capacity };
}
