import type { LoadSettings } from '../options';
import { type ArmReport, buildArmReport } from '../report';
import { type ArmMeasurement, measureArm } from '../run';
import {
  type RunningPlatform,
  sendRedisCommand,
  startBareServer,
  startPlatform,
  switchCompositeIndexes,
} from '../stack';
import { BareWorkload, type Workload } from '../workload';
import type { ArmPlan } from './arms';
import type { BenchSession } from './session';

/** Limit for each process to return 200 from /readyz after it was spawned. */
const READY_TIMEOUT_MS = 120_000;

type Load = LoadSettings;

function requireInfrastructure(session: BenchSession) {
  const { infrastructure } = session;
  if (infrastructure === undefined) throw new Error('this mode needs the stack the bench starts');
  return infrastructure;
}

/** Tracks whether the composite indexes exist, so arms switch them only when they differ. */
export class IndexState {
  private current: 'on' | 'off' = 'on';

  async ensure(session: BenchSession, wanted: 'on' | 'off'): Promise<void> {
    if (wanted === this.current) return;
    session.say(`switching the composite indexes ${wanted}`);
    await switchCompositeIndexes(requireInfrastructure(session).databaseUrl, wanted);
    this.current = wanted;
  }
}

/**
 * Starts the four processes with an arm's switches, after emptying Redis so that no arm reads
 * entries or counters another arm left.
 */
export async function startArmPlatform(
  session: BenchSession,
  plan: ArmPlan,
  nodeArgs?: Parameters<typeof startPlatform>[0]['nodeArgs'],
): Promise<RunningPlatform> {
  const infrastructure = requireInfrastructure(session);
  await sendRedisCommand(infrastructure.redisPort, 'FLUSHALL');
  session.say(`starting the platform for ${plan.name} (${plan.description})`);
  const platform = await startPlatform({
    databaseUrl: infrastructure.databaseUrl,
    redisUrl: infrastructure.redisUrl,
    switches: plan.switches,
    jwtSecret: session.jwtSecret,
    logLevel: session.options.logLevel,
    logDir: session.logDir,
    label: plan.name.replaceAll(' ', '-'),
    readyTimeoutMs: READY_TIMEOUT_MS,
    onSpawned: (child) => session.cleanups.add(() => child.stop()),
    ...(nodeArgs === undefined ? {} : { nodeArgs }),
  });
  session.cleanups.add(() => platform.stop());
  return platform;
}

/** Measures a running platform at one rate with a given workload. */
export function measurePlatform(
  session: BenchSession,
  label: string,
  platform: RunningPlatform,
  workload: Workload,
  load: Load,
): Promise<ArmMeasurement> {
  return measureArm({
    label,
    origin: platform.gatewayOrigin,
    workload,
    load,
    metricsSources: platform.processes.map(({ name, origin }) => ({ name, origin })),
    signal: session.signal,
    progress: session.say,
  });
}

/** Starts the platform for one arm, measures it, stops it, and returns the arm's report. */
export async function runPlatformArm(
  session: BenchSession,
  plan: ArmPlan,
  indexes: IndexState,
  load: Load = session.options.load,
): Promise<ArmReport> {
  await indexes.ensure(session, plan.indexes);
  const platform = await startArmPlatform(session, plan);
  try {
    const measurement = await measurePlatform(
      session,
      plan.name,
      platform,
      session.createWorkload(),
      load,
    );
    return buildArmReport(
      { ...plan, rate: load.rate, durationMs: load.durationMs, processes: platform.processes },
      measurement,
    );
  } finally {
    await platform.stop();
  }
}

/** Measures the bare Node.js server at the same rate, as the floor of every figure. */
export async function runBareArm(session: BenchSession, load: Load = session.options.load) {
  session.say('starting the bare Node.js server');
  const server = await startBareServer(session.logDir, (child) =>
    session.cleanups.add(() => child.stop()),
  );
  try {
    const measurement = await measureArm({
      label: 'bare',
      origin: server.origin,
      workload: new BareWorkload(),
      load,
      metricsSources: [],
      signal: session.signal,
      progress: session.say,
    });
    return buildArmReport(
      {
        name: 'bare',
        description: 'Node.js http server returning a fixed 2 KB JSON body',
        switches: undefined,
        rate: load.rate,
        durationMs: load.durationMs,
        processes: [{ name: 'bare', pid: server.pid, startupMs: server.startupMs }],
      },
      measurement,
    );
  } finally {
    await server.stop();
  }
}

/** Measures a gateway the bench did not start; only its own /metrics can be read. */
export async function runTargetArm(session: BenchSession, origin: string): Promise<ArmReport> {
  const load = session.options.load;
  const measurement = await measureArm({
    label: 'target',
    origin,
    workload: session.createWorkload(),
    load,
    metricsSources: [{ name: 'gateway', origin }],
    signal: session.signal,
    progress: session.say,
  });
  return buildArmReport(
    {
      name: 'target',
      description: `the running gateway at ${origin}`,
      switches: undefined,
      rate: load.rate,
      durationMs: load.durationMs,
      processes: [],
    },
    measurement,
  );
}
