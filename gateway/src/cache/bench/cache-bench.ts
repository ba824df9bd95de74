/**
 * Measures the response cache against real servers it starts on 127.0.0.1: the latency of
 * memory hits, Redis hits and misses, and a steady load while its own Redis is stopped, frozen
 * with SIGSTOP and slowed by a delaying proxy. Prints one table per part.
 *
 * Run: npx tsc -b gateway && node gateway/dist/cache/bench/cache-bench.js
 */
import { Agent } from 'node:http';
import { type RedisServer, startRedis } from '@scholarships/local-infra';
import { createHttpOrigin } from '../origin/http-origin';
import type { OriginTarget } from '../origin/origin-response';
import {
  type CacheFixture,
  cacheRequest,
  createCacheFixture,
  metricValue,
  uniqueKeyspace,
} from '../testing/cache-fixture';
import { type DelayProxy, startDelayProxy } from '../testing/delay-proxy';
import { type OriginServer, startOriginServer } from '../testing/origin-server';
import { type LoadReport, runSteadyLoad } from '../testing/steady-load';

const REDIS_TIMEOUT_MS = 50;
const ORIGIN_DELAY_MS = 5;
const PHASE_MS = 3000;

interface Bench {
  redis: RedisServer;
  proxy: DelayProxy;
  originServer: OriginServer;
  agent: Agent;
  origin: OriginTarget;
  replicas: [CacheFixture, CacheFixture];
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function startBench(): Promise<Bench> {
  const redis = await startRedis();
  const proxy = await startDelayProxy(redis.port);
  const originServer = await startOriginServer({ delayMs: ORIGIN_DELAY_MS });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const origin = {
    service: 'search',
    fetch: createHttpOrigin({
      origin: originServer.url,
      agent,
      timeoutMs: 2000,
      maxBodyBytes: 1 << 20,
    }),
  };
  const keyspace = uniqueKeyspace();
  const create = () =>
    createCacheFixture({
      redisUrl: proxy.url,
      keyspace,
      redisTimeoutMs: REDIS_TIMEOUT_MS,
      redisBreaker: { resetTimeoutMs: 300, volumeThreshold: 5, rollingWindowMs: 1000 },
    });
  const replicas: [CacheFixture, CacheFixture] = [create(), create()];
  await Promise.all(replicas.map((replica) => replica.cache.ready()));
  return { redis, proxy, originServer, agent, origin, replicas };
}

async function stopBench(bench: Bench): Promise<void> {
  await Promise.all(bench.replicas.map((replica) => replica.close()));
  bench.agent.destroy();
  await bench.originServer.stop();
  await bench.proxy.close();
  await bench.redis.stop();
}

/** Times `count` sequential calls and returns microseconds per call at p50 and p99. */
async function timeCalls(count: number, call: (index: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = process.hrtime.bigint();
    await call(index);
    samples.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  samples.sort((left, right) => left - right);
  const at = (fraction: number) =>
    Math.round(samples[Math.ceil(fraction * samples.length) - 1] ?? 0);
  return { p50: at(0.5), p99: at(0.99) };
}

async function measureTiers(bench: Bench): Promise<void> {
  const [first, second] = bench.replicas;
  const request = (index: number) => cacheRequest('/api/v1/search', { query: `q=tier${index}` });
  const misses = await timeCalls(500, (index) => first.cache.serve(request(index), bench.origin));
  await first.cache.whenIdle();
  const redisHits = await timeCalls(500, (index) =>
    second.cache.serve(request(index), bench.origin),
  );
  const memoryHits = await timeCalls(20_000, (index) =>
    second.cache.serve(request(index % 500), bench.origin),
  );
  print('tier           calls  p50 µs  p99 µs');
  print(`memory hit     20000  ${memoryHits.p50}  ${memoryHits.p99}`);
  print(`redis hit        500  ${redisHits.p50}  ${redisHits.p99}`);
  print(`miss (origin)    500  ${misses.p50}  ${misses.p99}`);
}

function steadyLoad(bench: Bench, durationMs: number): Promise<LoadReport> {
  const cache = bench.replicas[0].cache;
  return runSteadyLoad({
    durationMs,
    concurrency: 8,
    maxRequests: 100_000,
    send: async (index) => {
      const query = index % 2 === 0 ? `q=hot${index % 20}` : `q=cold${index}-${Date.now()}`;
      return (await cache.serve(cacheRequest('/api/v1/search', { query }), bench.origin)).status;
    },
  });
}

/** Milliseconds of light load until the Redis breaker is closed again, at most 15 s. */
async function recoveryMs(bench: Bench): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 15_000) {
    await steadyLoad(bench, 100);
    const state = await metricValue(bench.replicas[0].registry, 'gateway_breaker_state', {
      breaker: 'redis',
    });
    if (state === 0) return Date.now() - started;
  }
  return Number.NaN;
}

async function measureOutages(bench: Bench): Promise<void> {
  print(`\nphase     requests  failures  p50 ms  p99 ms  max ms  breaker closed after ms`);
  const row = (phase: string, report: LoadReport, recovery: number | string) =>
    print(
      [
        phase.padEnd(9),
        report.requests,
        report.failures,
        report.p50,
        report.p99,
        report.max,
        recovery,
      ].join('  '),
    );
  // Warms sockets and the JIT, so the healthy phase compares like with like.
  await steadyLoad(bench, 1000);
  row('healthy', await steadyLoad(bench, PHASE_MS), '-');

  await bench.redis.stop();
  const stopped = await steadyLoad(bench, PHASE_MS);
  bench.redis = await startRedis({ port: bench.redis.port });
  row('stopped', stopped, await recoveryMs(bench));

  process.kill(bench.redis.pid, 'SIGSTOP');
  let frozen: LoadReport;
  try {
    frozen = await steadyLoad(bench, PHASE_MS);
  } finally {
    process.kill(bench.redis.pid, 'SIGCONT');
  }
  row('frozen', frozen, await recoveryMs(bench));

  bench.proxy.setDelay(200);
  let slow: LoadReport;
  try {
    slow = await steadyLoad(bench, PHASE_MS);
  } finally {
    bench.proxy.setDelay(0);
  }
  row('slow', slow, await recoveryMs(bench));
  print(`bound: redis timeout ${REDIS_TIMEOUT_MS} ms + origin ${ORIGIN_DELAY_MS} ms`);
  print('load: 8 concurrent loops, half of the requests for new keys');
}

async function main(): Promise<void> {
  const bench = await startBench();
  try {
    await measureTiers(bench);
    await measureOutages(bench);
  } finally {
    await stopBench(bench);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `cache bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
