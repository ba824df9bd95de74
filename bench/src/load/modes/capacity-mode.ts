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

/** Lowest rate the search tries when every rate so far missed the objectives. */
export const MIN_CAPACITY_RATE = 10;

/** Index of the first step after which both a rate that held and one that missed are known. */
function bracketIndex(steps: readonly CapacityStep[]): number {
  let heldSeen = false;
  let missedSeen = false;
  for (const [index, step] of steps.entries()) {
    if (step.held) heldSeen = true;
    else missedSeen = true;
    if (heldSeen && missedSeen) return index;
  }
  return -1;
}

function roundRate(rate: number): number {
  return Math.round(rate / RATE_GRANULARITY) * RATE_GRANULARITY;
}

/**
 * Returns the next rate to try, or undefined when the search is over. The search starts at
 * `startRate` and doubles the last rate (capped at `maxRate`) while every step held. While every
 * step missed, it halves the lowest rate, down to `MIN_CAPACITY_RATE`, so that a platform slower
 * than the start rate still gets a figure. Once a rate that held and one that missed are known,
 * it bisects between them up to `refineSteps` times.
 */
export function nextCapacityRate(
  steps: readonly CapacityStep[],
  options: { startRate: number; maxRate: number; refineSteps: number },
): number | undefined {
  const last = steps.at(-1);
  if (last === undefined) return options.startRate;
  const heldRates = steps.filter((step) => step.held).map((step) => step.rate);
  const missedRates = steps.filter((step) => !step.held).map((step) => step.rate);
  if (missedRates.length === 0) {
    return last.rate < options.maxRate ? Math.min(last.rate * 2, options.maxRate) : undefined;
  }
  const lowestMissed = Math.min(...missedRates);
  if (heldRates.length === 0) {
    const lower = Math.floor(lowestMissed / 2);
    return lower >= MIN_CAPACITY_RATE ? lower : undefined;
  }
  if (steps.length - 1 - bracketIndex(steps) >= options.refineSteps) return undefined;
  const highestHeld = Math.max(...heldRates);
  const middle = roundRate((highestHeld + lowestMissed) / 2);
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
 * Searches the arrival rate step by step for the baseline and the optimized arm: doubling from
 * --start-rate until a step misses the latency or error objectives or --max-rate is passed (or
 * halving while every step missed), then bisecting between the highest rate that held and the
 * lowest that did not. Each arm gets half of
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
