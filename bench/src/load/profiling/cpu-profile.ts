import { type CallFrame, describeFrame } from './call-frame';

/** The parts of a `.cpuprofile` (Chrome DevTools protocol `Profiler.Profile`) read here. */
export interface CpuProfile {
  /** Monotonic time of the profile's start, in microseconds. */
  startTime: number;
  nodes: { id: number; callFrame: CallFrame }[];
  /** Node id of each sample, in time order. */
  samples: number[];
  /** Microseconds since the previous sample, one per sample. */
  timeDeltas: number[];
}

export interface SelfTimeEntry {
  function: string;
  selfMs: number;
  /** Share of the sampled time outside `(idle)`, from 0 to 1. */
  share: number;
}

/** A span of monotonic time in microseconds, on the clock of `process.hrtime`. */
export interface TimeWindow {
  startUs: number;
  endUs: number;
}

export interface CpuProfileSummary {
  /** Whether only the samples inside the requested window were counted. */
  windowed: boolean;
  /** Sampled time in milliseconds, idle included. */
  totalMs: number;
  idleMs: number;
  top: SelfTimeEntry[];
}

/** V8's entry for time the thread waited for work; not part of any function's cost. */
const IDLE = '(idle)';

/** Computes the monotonic time of each sample, in microseconds. */
function sampleTimes(profile: CpuProfile): number[] {
  let time = profile.startTime;
  return profile.timeDeltas.map((delta) => {
    time += delta;
    return time;
  });
}

/**
 * Adds up each function's self time: the time of the samples taken while it was on top of the
 * stack. Nodes of the same function (same name and position) are merged across call paths.
 * With `window`, only samples taken inside it count, so start-up work stays out; V8 and
 * `process.hrtime` read the same monotonic clock on Linux. When no sample falls inside the
 * window, every sample counts and `windowed` is false.
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  count: number,
  window?: TimeWindow,
): CpuProfileSummary {
  const times = sampleTimes(profile);
  const inside = (index: number) => {
    const time = times[index] ?? 0;
    return window === undefined || (time >= window.startUs && time <= window.endUs);
  };
  const windowed = window !== undefined && times.some((_, index) => inside(index));
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfUs = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  profile.samples.forEach((nodeId, index) => {
    if (windowed && !inside(index)) return;
    const delta = profile.timeDeltas[index] ?? 0;
    const frame = frameOf.get(nodeId);
    totalUs += delta;
    if (frame === undefined) return;
    if (frame.functionName === IDLE) {
      idleUs += delta;
      return;
    }
    const key = describeFrame(frame);
    selfUs.set(key, (selfUs.get(key) ?? 0) + delta);
  });
  const busyUs = totalUs - idleUs;
  const top = [...selfUs.entries()]
    .sort(([, left], [, right]) => right - left)
    .slice(0, count)
    .map(([name, us]) => ({
      function: name,
      selfMs: us / 1000,
      share: busyUs === 0 ? 0 : us / busyUs,
    }));
  return { windowed, totalMs: totalUs / 1000, idleMs: idleUs / 1000, top };
}
