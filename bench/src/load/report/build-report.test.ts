import { RunRecorder } from '../recording';
import type { ArmMeasurement } from '../run';
import { ablationEntries, buildArmReport, compareArms } from './build-report';

const SECOND = 1_000_000_000n;
const MS = 1_000_000n;

/** Records one response due at `dueMs` after the start that took `latencyMs`. */
function respond(
  recorder: RunRecorder,
  route: string,
  dueMs: number,
  latencyMs: number,
  extra: { status?: number; cache?: 'HIT' | 'MISS' | 'STALE' | 'none'; cacheable?: boolean } = {},
) {
  const dueNs = recorder.startNs + BigInt(dueMs) * MS;
  recorder.recordSent(route, dueNs, dueNs);
  const status = extra.status ?? 200;
  recorder.recordResponse(
    route,
    { dueNs, endNs: dueNs + BigInt(latencyMs) * MS },
    {
      status,
      expected: status === 200,
      cacheOutcome: extra.cache ?? 'MISS',
      cacheable: extra.cacheable ?? true,
    },
  );
}

function measurement(recorder: RunRecorder): ArmMeasurement {
  return {
    recorder,
    scrapes: [],
    startedAt: 'start',
    endedAt: 'end',
    window: { startNs: 0n, endNs: 0n },
  };
}

function arm(name: string, recorder: RunRecorder) {
  return buildArmReport(
    { name, description: name, switches: undefined, rate: 10, durationMs: 2000, processes: [] },
    measurement(recorder),
  );
}

/** Builds an arm whose every response took `latencyMs`. */
function uniformArm(name: string, latencyMs: number) {
  const recorder = new RunRecorder(10n * SECOND);
  for (let i = 0; i < 20; i += 1) respond(recorder, 'search', i * 100, latencyMs);
  return arm(name, recorder);
}

describe('buildArmReport', () => {
  const recorder = new RunRecorder(10n * SECOND);
  for (let i = 0; i < 10; i += 1)
    respond(recorder, 'search', i * 100, i + 1, { cache: i < 6 ? 'HIT' : 'MISS' });
  respond(recorder, 'lookup', 1000, 50, { cache: 'STALE' });
  respond(recorder, 'lookup', 1100, 70, { status: 503 });
  respond(recorder, 'write', 1200, 20, { cacheable: false });
  const overloadDue = recorder.startNs + 1300n * MS;
  recorder.recordSent('lookup', overloadDue, overloadDue);
  recorder.recordFailure('lookup', overloadDue, 'overload');
  const report = arm('optimized', recorder);

  it('summarizes each route in the mix order', () => {
    expect(report.routes.map((route) => route.route)).toEqual(['search', 'lookup', 'write']);
    const search = report.routes[0];
    expect(search?.requests).toBe(10);
    // Percentiles carry the histogram's bucket error, at most 1 %.
    expect(search?.p50Ms).toBeCloseTo(5, 1);
    expect(search?.p90Ms).toBeCloseTo(9, 1);
    expect(search?.maxMs).toBe(10);
  });

  it('counts error statuses and overload as errors of their route', () => {
    const lookup = report.routes.find((route) => route.route === 'lookup');
    expect(lookup?.requests).toBe(3);
    expect(lookup?.responses).toBe(2);
    expect(lookup?.errors).toBe(2);
    expect(lookup?.errorReasons).toEqual({ 'status 503': 1, overload: 1 });
    expect(report.overall.errorRatio).toBeCloseTo(2 / 14);
  });

  it('computes throughput from responses over the window', () => {
    expect(report.overall.throughputPerSecond).toBe(13 / 2);
  });

  it('counts HIT and STALE as hits among cacheable responses only', () => {
    expect(report.routes[0]?.hitRatio).toBeCloseTo(0.6);
    expect(report.overall.hitRatio).toBeCloseTo(7 / 12);
    expect(report.routes.find((route) => route.route === 'write')?.hitRatio).toBeNull();
  });

  it('splits the timeline by the second each request was due', () => {
    expect(report.timeline.map((point) => point.requests)).toEqual([10, 4]);
    expect(report.timeline[1]?.errors).toBe(2);
    expect(report.timeline[0]?.hitRatio).toBeCloseTo(0.6);
  });

  it('leaves the P95 of a second without responses empty', () => {
    const overloaded = new RunRecorder(10n * SECOND);
    const dueNs = overloaded.startNs;
    overloaded.recordSent('search', dueNs, dueNs);
    overloaded.recordFailure('search', dueNs, 'overload');
    expect(arm('baseline', overloaded).timeline[0]?.p95Ms).toBeNull();
  });
});

describe('compareArms', () => {
  it('gives the reduction per percentile and the multiple of the bare server', () => {
    const rows = compareArms(
      uniformArm('baseline', 40),
      uniformArm('optimized', 10),
      uniformArm('bare', 2),
    );
    const p95 = rows.find((row) => row.metric === 'p95Ms');
    expect(p95?.baselineMs).toBe(40);
    expect(p95?.optimizedMs).toBe(10);
    expect(p95?.reductionPercent).toBeCloseTo(75, 5);
    expect(p95?.baselineToBare).toBeCloseTo(20, 5);
    expect(p95?.optimizedToBare).toBeCloseTo(5, 5);
  });

  it('leaves the bare multiple empty without a bare arm', () => {
    const rows = compareArms(uniformArm('baseline', 40), uniformArm('optimized', 10), undefined);
    expect(rows.every((row) => row.baselineToBare === null)).toBe(true);
  });
});

describe('ablationEntries', () => {
  it('measures each arm against the first and lists skipped arms', () => {
    const entries = ablationEntries(
      [uniformArm('all off', 50), uniformArm('cache', 20), uniformArm('all on', 5)],
      [{ arm: 'prepared statements', reason: 'no switch' }],
    );
    const reductions = entries.map((entry) =>
      entry.p95ReductionPercent === null ? null : Math.round(entry.p95ReductionPercent),
    );
    expect(reductions).toEqual([0, 60, 90, null]);
    expect(entries[3]?.skipped).toBe('no switch');
  });
});
