import { fork } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findExecutable, startRedis } from '@scholarships/local-infra';
import { createLogger } from '@scholarships/logger';
import { createRegistry, type Registry } from '@scholarships/metrics';
import { createGatewayHandler } from '../app';
import { createGatewayCache } from '../cache-stage';
import { loadGatewayConfig } from '../config';
import { createGatewayMetrics } from '../metrics';
import { closeUpstreams, createUpstreams } from '../proxy/upstreams';
import { createRedisClient } from '../redis';
import { TEST_JWT_SECRET } from '../testing/gateway-harness';
import { waitUntilReady } from '../testing/gateway-stack';
import { signTestToken } from '../testing/test-tokens';
import { integerArgument } from './bench-arguments';
import type { LoadCase, LoadResult } from './load-client';
import { runLoadWithWrk } from './wrk-client';

/**
 * Compares the gateway's cache hits with a bare Node.js server that returns the same 2 KB JSON
 * body. It starts a Redis of its own, the bare server, an upstream stub and two gateways. One
 * has the memory tier, and the other's memory tier is too small for any entry, so its hits come
 * from Redis. A second bare server sends the header fields of a memory hit, read from the
 * gateway, with the same body: the ceiling of any hit path that sends those fields. A
 * closed-loop client in a process of its own loads each: wrk when it is on PATH, otherwise
 * autocannon in a forked Node.js process.
 *
 *   node gateway/dist/bench/cache-throughput.js [seconds per case, default 10] [connections, default 50] [rounds, default 3]
 *
 * Each round runs the five cases one after the other. The summary gives, per case, the median
 * over the rounds of its throughput and of its ratios to the same round's bare server. Medians
 * are reported because other load on a small machine moves single runs by a fifth.
 *
 * Every gateway request carries a bearer token and passes the rate limit (counted in Redis, as
 * with REDIS_URL in production), CORS, auth and the WAF. `BENCH_LOCAL_LIMITER=1` keeps the rate
 * limit in process instead.
 */
const USAGE =
  'usage: node gateway/dist/bench/cache-throughput.js [seconds per case, default 10] [connections, default 50] [rounds, default 3]';
const SECONDS = integerArgument(0, {
  name: 'seconds per case',
  fallback: 10,
  min: 1,
  max: 120,
  usage: USAGE,
});
const CONNECTIONS = integerArgument(1, {
  name: 'connections',
  fallback: 50,
  min: 1,
  max: 1000,
  usage: USAGE,
});
const ROUNDS = integerArgument(2, { name: 'rounds', fallback: 3, min: 1, max: 20, usage: USAGE });
const PATH = '/api/v1/search?state=TX&q=nursing';
const BODY = JSON.stringify({
  items: Array.from({ length: 12 }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    title: `Nursing scholarship number ${index} for students in Texas`,
    amount: 1000 + index,
  })),
  nextCursor: null,
}).padEnd(2048, ' ');

interface Listening {
  url: string;
  close(): Promise<void>;
}

function listen(handler: RequestListener): Promise<Listening> {
  const server: Server = createServer(handler);
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function serveBody(_req: Parameters<RequestListener>[0], res: Parameters<RequestListener>[1]) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(BODY);
}

/**
 * Reads the header fields of a memory hit of the benchmark's path from the gateway itself, without
 * the connection fields that Node.js sets on every response.
 */
async function hitFieldsOf(url: string, headers: Record<string, string>): Promise<string[]> {
  for (let attempt = 0; attempt < 2; attempt += 1) await fetch(`${url}${PATH}`, { headers });
  const hit = await fetch(`${url}${PATH}`, { headers });
  if (hit.headers.get('x-cache') !== 'HIT')
    throw new Error(`expected a cache hit from ${url}${PATH}; check the gateway's cache settings`);
  await hit.arrayBuffer();
  const fields: string[] = [];
  hit.headers.forEach((value, name) => {
    if (name !== 'connection' && name !== 'keep-alive') fields.push(name, value);
  });
  return fields;
}

/**
 * Builds a bare handler that sends the body with the given header fields. Node.js validates and
 * writes every field of every response, so this is the most a hit path that sends them can reach.
 */
function serveWithFields(fields: readonly string[]): RequestListener {
  return (_req, res) => {
    res.writeHead(200, fields as string[]);
    res.end(BODY);
  };
}

async function startGateway(upstreamUrl: string, redisUrl: string, memoryBytes: number) {
  const config = loadGatewayConfig({
    SEARCH_URL: upstreamUrl,
    REDIS_URL: redisUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    // The guard would move every client to the uncached baseline if a slow moment of this
    // closed-loop load crossed its P95 trigger, and the cases would measure something else.
    ROLLOUT_GUARD_ENABLED: 'false',
    // A quota no case reaches, so the limiter runs on every request but never rejects.
    RATE_LIMIT_POLICIES: 'default=100000000/60',
    CACHE_MEMORY_MAX_BYTES: String(memoryBytes),
  });
  const logger = createLogger({ service: 'gateway', level: 'silent' });
  const registry = createRegistry({ service: 'gateway', defaultMetrics: false });
  const upstreams = createUpstreams(config);
  const metrics = createGatewayMetrics(registry);
  const gatewayCache = createGatewayCache({ config, logger, metrics, upstreams });
  const redis = createRedisClient(redisUrl, logger, {
    commandTimeoutMs: config.RATE_LIMIT_REDIS_TIMEOUT_MS,
  });
  await waitUntilReady(redis);
  const { handler } = createGatewayHandler({
    config,
    logger,
    registry,
    upstreams,
    metrics,
    gatewayCache,
    ...(process.env.BENCH_LOCAL_LIMITER === '1' ? {} : { redis }),
  });
  await gatewayCache.cache.ready();
  const listening = await listen(handler);
  return {
    url: listening.url,
    cacheResults: () => cacheResultsOf(registry),
    async close() {
      await listening.close();
      await gatewayCache.close();
      closeUpstreams(upstreams);
      redis.disconnect();
    },
  };
}

/** Responses of the gateway's cache so far, by `<tier> <result>` (e.g. `memory hit`). */
async function cacheResultsOf(registry: Registry): Promise<Map<string, number>> {
  const counter = registry.getSingleMetric('gateway_cache_requests_total');
  const results = new Map<string, number>();
  for (const { labels, value } of (await counter?.get())?.values ?? []) {
    const name = `${labels.tier} ${labels.result}`;
    results.set(name, (results.get(name) ?? 0) + value);
  }
  return results;
}

/**
 * Returns the cache result of most responses between two readings with its share, e.g.
 * `memory hit 100%`, which confirms what a case measured.
 */
function dominantResult(before: Map<string, number>, after: Map<string, number>): string {
  let total = 0;
  let leading = ['none', 0] as [string, number];
  for (const [name, value] of after) {
    const delta = value - (before.get(name) ?? 0);
    total += delta;
    if (delta > leading[1]) leading = [name, delta];
  }
  if (total === 0) return '';
  return `${leading[0]} ${Math.floor((leading[1] / total) * 100)}%`;
}

/**
 * Returns the load client: wrk, the client the goals were measured with, when it is on PATH, and
 * autocannon otherwise. `BENCH_CLIENT=wrk` or `BENCH_CLIENT=autocannon` picks one.
 */
function chooseClient(): 'wrk' | 'autocannon' {
  const chosen = process.env.BENCH_CLIENT;
  if (chosen === 'wrk' || chosen === 'autocannon') return chosen;
  if (chosen !== undefined && chosen !== '') {
    process.stderr.write(`BENCH_CLIENT must be wrk or autocannon, got "${chosen}"\n`);
    process.exit(2);
  }
  return findExecutable('wrk') === undefined ? 'autocannon' : 'wrk';
}

const CLIENT = chooseClient();

function runClient(load: LoadCase): Promise<LoadResult> {
  if (CLIENT === 'wrk') return runLoadWithWrk(load);
  const child = fork(join(__dirname, 'load-client.js'));
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load client exited with code ${code}`));
    });
    child.send(load);
  });
}

function loadFor(url: string, headers: Record<string, string>, uniquePaths = false): LoadCase {
  return {
    url,
    path: PATH,
    uniquePaths,
    headers,
    connections: CONNECTIONS,
    warmupMs: 1000,
    durationMs: SECONDS * 1000,
  };
}

const CASES = ['bare node:http', 'bare, hit headers', 'memory hit', 'redis hit', 'miss'] as const;
type CaseName = (typeof CASES)[number];

/** One case's figures in one round, with its ratios to that round's bare server. */
interface CaseFigures {
  requests: number;
  failures: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  rpsRatio: number;
  p99Ratio: number;
  /** The gateway's cache result for most responses of the case, read from its own counter. */
  cache: string;
}

function figuresOf(result: LoadResult, bare: LoadResult, cache: string): CaseFigures {
  const rps = result.requests / result.seconds;
  return {
    requests: result.requests,
    failures: result.failures,
    rps,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    rpsRatio: rps / (bare.requests / bare.seconds),
    p99Ratio: result.p99Ms / bare.p99Ms,
    cache,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function printRow(name: string, rounds: readonly CaseFigures[], isBare: boolean): void {
  const of = (pick: (figures: CaseFigures) => number) => median(rounds.map(pick));
  const cells = [
    name.padEnd(22),
    String(rounds.reduce((sum, figures) => sum + figures.requests, 0)).padStart(8),
    String(rounds.reduce((sum, figures) => sum + figures.failures, 0)).padStart(6),
    of((figures) => figures.rps)
      .toFixed(0)
      .padStart(8),
    of((figures) => figures.p50Ms)
      .toFixed(2)
      .padStart(7),
    of((figures) => figures.p99Ms)
      .toFixed(2)
      .padStart(7),
    (isBare ? '' : of((figures) => figures.rpsRatio).toFixed(2)).padStart(9),
    (isBare ? '' : of((figures) => figures.p99Ratio).toFixed(2)).padStart(9),
    (rounds[rounds.length - 1]?.cache ?? '').padStart(16),
    rounds
      .map((figures) => (isBare ? figures.rps.toFixed(0) : figures.rpsRatio.toFixed(2)))
      .join(' '),
  ];
  process.stdout.write(`${cells.join(' | ')}\n`);
}

async function main(): Promise<void> {
  const redisServer = await startRedis();
  const redisUrl = `redis://127.0.0.1:${redisServer.port}`;
  const bare = await listen(serveBody);
  const upstream = await listen(serveBody);
  const memoryGateway = await startGateway(upstream.url, redisUrl, 64 * 1024 * 1024);
  // 1024 bytes is the smallest allowed memory tier, below one entry, so every hit reads Redis.
  const redisGateway = await startGateway(upstream.url, redisUrl, 1024);
  const token = { authorization: `Bearer ${await signTestToken({ ttlSeconds: 3600 })}` };
  const hitHeaders = await listen(serveWithFields(await hitFieldsOf(memoryGateway.url, token)));
  try {
    process.stdout.write(
      `${CLIENT}, ${CONNECTIONS} connections, ${SECONDS} s per case after 1 s of warm-up, 2 KB JSON body, ` +
        `${ROUNDS} rounds; medians of the rounds, then each round's req/s (bare) or ratio\n`,
    );
    const loads: Record<CaseName, LoadCase> = {
      'bare node:http': loadFor(bare.url, {}),
      'bare, hit headers': loadFor(hitHeaders.url, {}),
      'memory hit': loadFor(memoryGateway.url, token),
      'redis hit': loadFor(redisGateway.url, token),
      miss: loadFor(memoryGateway.url, token, true),
    };
    const figures: Record<CaseName, CaseFigures[]> = {
      'bare node:http': [],
      'bare, hit headers': [],
      'memory hit': [],
      'redis hit': [],
      miss: [],
    };
    const gateways: Partial<Record<CaseName, typeof memoryGateway>> = {
      'memory hit': memoryGateway,
      'redis hit': redisGateway,
      miss: memoryGateway,
    };
    for (let round = 0; round < ROUNDS; round += 1) {
      const bareResult = await runClient(loads['bare node:http']);
      figures['bare node:http'].push(figuresOf(bareResult, bareResult, ''));
      for (const name of CASES.filter((each) => each !== 'bare node:http')) {
        const gateway = gateways[name];
        const before = await gateway?.cacheResults();
        const result = await runClient(loads[name]);
        const after = await gateway?.cacheResults();
        const cache =
          before === undefined || after === undefined ? '' : dominantResult(before, after);
        figures[name].push(figuresOf(result, bareResult, cache));
      }
      process.stdout.write(`round ${round + 1} of ${ROUNDS} done\n`);
    }
    process.stdout.write(
      'case                   | requests | fails |    req/s | p50 ms | p99 ms | x of bare | p99 x bare |            cache | rounds\n',
    );
    for (const name of CASES) printRow(name, figures[name], name === 'bare node:http');
  } finally {
    await memoryGateway.close();
    await redisGateway.close();
    await bare.close();
    await hitHeaders.close();
    await upstream.close();
    await redisServer.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
