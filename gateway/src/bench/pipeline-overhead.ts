import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { createLogger } from '@scholarships/logger';
import { createRegistry } from '@scholarships/metrics';
import express, { type Express } from 'express';
import { Redis } from 'ioredis';
import { SignJWT } from 'jose';
import { loadGatewayConfig } from '../config';
import { buildPipeline, type GatewayDependencies } from '../pipeline';
import { closeUpstreams, createUpstreams, type Upstreams } from '../proxy/upstreams';
import { integerArgument } from './bench-arguments';

/**
 * Measures what the edge stages add to a proxied request. It starts a small upstream stub and
 * the gateway twice in one process, once with the proxy alone and once with the full pipeline.
 * Each gets the same bounded load over keep-alive connections on 127.0.0.1. It prints
 * client-side latency percentiles and each stage's own time from `Server-Timing`.
 *
 *   node gateway/dist/bench/pipeline-overhead.js [requests, default 10000] [concurrency, default 1]
 *
 * With REDIS_URL set, the rate limiter counts in that Redis; otherwise it runs in process.
 */
const USAGE =
  'usage: node gateway/dist/bench/pipeline-overhead.js [requests, default 10000] [concurrency, default 1]';
const REQUESTS = integerArgument(0, {
  name: 'requests',
  fallback: 10_000,
  min: 1,
  max: 1_000_000,
  usage: USAGE,
});
const CONCURRENCY = integerArgument(1, {
  name: 'concurrency',
  fallback: 1,
  min: 1,
  max: 1000,
  usage: USAGE,
});
const WARMUP_REQUESTS = 2_000;
const SECRET = 'benchmark-secret-that-is-at-least-32-bytes';
const PATH = '/api/v1/search?q=nursing%20scholarship&state=TX&limit=20';

interface Listening {
  url: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<Listening> {
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

/** Starts an upstream that returns the same small JSON body for every request. */
function startUpstream(): Promise<Listening> {
  const body = JSON.stringify({ results: [{ id: 'a1', name: 'Nursing Scholarship' }] });
  return listen(
    createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      });
    }),
  );
}

/** Builds the gateway app with or without the edge stages, the way createApp builds it. */
function createGateway(deps: GatewayDependencies, withEdgeStages: boolean): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  for (const stage of buildPipeline(deps)) {
    if (withEdgeStages || stage.name !== 'edge-stages') app.use(stage.handler);
  }
  return app;
}

interface RunResult {
  latenciesMicros: number[];
  stageMicros: Map<string, number[]>;
  statuses: Map<number, number>;
}

function sendOne(url: string, agent: Agent, headers: Record<string, string>) {
  return new Promise<{ status: number; serverTiming: string | undefined }>((resolve, reject) => {
    const outgoing = request(`${url}${PATH}`, { agent, headers }, (response) => {
      response.resume();
      response.on('end', () => {
        const timing = response.headers['server-timing'];
        resolve({ status: response.statusCode ?? 0, serverTiming: timing?.toString() });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function recordTimings(serverTiming: string | undefined, into: Map<string, number[]>): void {
  if (serverTiming === undefined) return;
  for (const entry of serverTiming.split(',')) {
    const [name, duration] = entry.trim().split(';dur=');
    if (name === undefined || duration === undefined) continue;
    const samples = into.get(name) ?? [];
    samples.push(Number(duration) * 1000);
    into.set(name, samples);
  }
}

/** Sends `total` requests from `CONCURRENCY` loops, each waiting for its previous response. */
async function drive(url: string, total: number, headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const result: RunResult = { latenciesMicros: [], stageMicros: new Map(), statuses: new Map() };
  let sent = 0;
  const loop = async () => {
    while (sent < total) {
      sent += 1;
      const startedAt = process.hrtime.bigint();
      const response = await sendOne(url, agent, headers);
      result.latenciesMicros.push(Number(process.hrtime.bigint() - startedAt) / 1000);
      result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
      recordTimings(response.serverTiming, result.stageMicros);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  agent.destroy();
  return result;
}

function percentile(samples: readonly number[], quantile: number): number {
  const sorted = [...samples].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0;
}

function describe(samples: readonly number[]): string {
  const p50 = percentile(samples, 0.5).toFixed(1).padStart(8);
  const p99 = percentile(samples, 0.99).toFixed(1).padStart(8);
  return `P50 ${p50} µs  P99 ${p99} µs`;
}

async function measure(
  withEdgeStages: boolean,
  upstreamUrl: string,
  headers: Record<string, string>,
): Promise<RunResult> {
  const environment = {
    SEARCH_URL: upstreamUrl,
    CATALOG_URL: upstreamUrl,
    ELIGIBILITY_URL: upstreamUrl,
    JWT_SECRET: SECRET,
    RATE_LIMIT_POLICIES: 'default=100000000/60',
    ...(process.env.REDIS_URL === undefined ? {} : { REDIS_URL: process.env.REDIS_URL }),
  };
  const config = loadGatewayConfig(environment);
  const upstreams: Upstreams = createUpstreams(config);
  const redis =
    config.REDIS_URL === undefined
      ? undefined
      : new Redis(config.REDIS_URL, { enableOfflineQueue: false, commandTimeout: 50 });
  const logger = createLogger({ service: 'gateway', level: 'silent' });
  const registry = createRegistry({ service: 'gateway', defaultMetrics: false });
  const app = createGateway(
    { config, logger, registry, upstreams, ...(redis === undefined ? {} : { redis }) },
    withEdgeStages,
  );
  const gateway = await listen(createServer(app));
  try {
    if (redis !== undefined) await redis.ping().catch(() => undefined);
    await drive(gateway.url, WARMUP_REQUESTS, headers);
    return await drive(gateway.url, REQUESTS, headers);
  } finally {
    await gateway.close();
    closeUpstreams(upstreams);
    redis?.disconnect();
  }
}

function write(line = ''): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const token = await new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('student-1')
    .setIssuer('scholarships-dev')
    .setAudience('scholarships-api')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));
  const headers = {
    accept: 'application/json',
    origin: 'http://localhost:3000',
    authorization: `Bearer ${token}`,
    'user-agent':
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  };
  const upstream = await startUpstream();
  try {
    const proxyOnly = await measure(false, upstream.url, headers);
    const full = await measure(true, upstream.url, headers);
    const cpu = cpus()[0]?.model ?? 'unknown cpu';
    write(`machine: ${cpu}, ${cpus().length} cores, Node.js ${process.version}`);
    write(
      `settings: ${REQUESTS} requests after ${WARMUP_REQUESTS} warm-up, ${CONCURRENCY} keep-alive ` +
        `connections, GET ${PATH} with a bearer token and an allowed Origin, rate limiter ` +
        `${process.env.REDIS_URL === undefined ? 'in process' : 'on Redis'}, logs off`,
    );
    write(
      `statuses: proxy ${JSON.stringify([...proxyOnly.statuses])}, full ${JSON.stringify([...full.statuses])}`,
    );
    write();
    write(`proxy alone        ${describe(proxyOnly.latenciesMicros)}`);
    write(`full pipeline      ${describe(full.latenciesMicros)}`);
    const addedP50 =
      percentile(full.latenciesMicros, 0.5) - percentile(proxyOnly.latenciesMicros, 0.5);
    const addedP99 =
      percentile(full.latenciesMicros, 0.99) - percentile(proxyOnly.latenciesMicros, 0.99);
    write(
      `added by stages    P50 ${addedP50.toFixed(1).padStart(8)} µs  P99 ${addedP99.toFixed(1).padStart(8)} µs`,
    );
    write();
    write('time inside each stage (Server-Timing of the full pipeline):');
    let sumP50 = 0;
    for (const [stage, samples] of full.stageMicros) {
      sumP50 += percentile(samples, 0.5);
      write(`  ${stage.padEnd(16)} ${describe(samples)}`);
    }
    write(`  ${'sum of P50s'.padEnd(16)} ${sumP50.toFixed(1).padStart(12)} µs`);
  } finally {
    await upstream.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
