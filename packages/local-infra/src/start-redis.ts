import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import {
  describeExit,
  detachFromEventLoop,
  hasExited,
  signalOnProcessExit,
  terminateChild,
  waitForOutputEnd,
} from './child-exit';
import { findExecutable, isExecutableFile } from './find-executable';
import { findFreePort } from './find-free-port';
import type { LogCallback } from './log-tail';
import { describeError, pollUntilReady } from './poll-until-ready';
import { pingRedis } from './redis-ping';
import { spawnServer } from './spawn-server';

/** Number of ports tried when `port` is not given and the picked one was taken meanwhile. */
const PORT_ATTEMPTS = 3;

/** Options of `startRedis`. Every field is optional. */
export interface StartRedisOptions {
  /** Path of the redis-server executable. Default: `redis-server` found on PATH. */
  binary?: string;
  /** TCP port on 127.0.0.1. Default: a free port picked by `findFreePort`. */
  port?: number;
  /** Receives each line of server output. */
  log?: LogCallback;
  /** Maximum time in ms from spawning the server to its first PONG. Default: 10000. */
  startTimeoutMs?: number;
  /** Maximum time in ms that stop() waits after SIGTERM before it sends SIGKILL. Default: 5000. */
  stopTimeoutMs?: number;
}

/** Running Redis server started by `startRedis`. */
export interface RedisServer {
  /** `redis://127.0.0.1:port` */
  url: string;
  port: number;
  /** Process ID of redis-server, for failure tests that send SIGSTOP and SIGCONT. */
  pid: number;
  /**
   * Stops the server with SIGTERM (preceded by SIGCONT, so a stopped process also ends) and
   * sends SIGKILL after `stopTimeoutMs`. Calling it again returns the same promise.
   */
  stop(): Promise<void>;
}

type LaunchResult =
  | { ok: true; child: ChildProcess; pid: number }
  | { ok: false; error: Error; portInUse: boolean };

/**
 * Starts redis-server on 127.0.0.1 without persistence (no RDB snapshots, no AOF) and
 * resolves once it replies to PING. When this Node.js process exits normally, the server gets
 * SIGTERM, so a forgotten server does not keep running.
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const binary = resolveRedisBinary(options.binary);
  const log = options.log ?? (() => {});
  const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await findFreePort());
    const result = await launchRedis(binary, port, options.startTimeoutMs ?? 10_000, log);
    if (result.ok) {
      return createHandle(result.child, result.pid, port, options.stopTimeoutMs ?? 5_000, log);
    }
    if (!result.portInUse || attempt >= attempts) {
      throw result.error;
    }
    log(`port ${port} was taken before redis-server bound it; retrying with another port`);
  }
}

function resolveRedisBinary(binary: string | undefined): string {
  if (binary !== undefined) {
    if (!isExecutableFile(binary)) {
      throw new Error(
        `Redis binary ${binary} is missing or not executable; check the binary option`,
      );
    }
    return binary;
  }
  const found = findExecutable('redis-server');
  if (found === undefined) {
    throw new Error(
      'redis-server was not found on PATH. Install it with `apt-get update && apt-get install -y redis-server` ' +
        '(Debian or Ubuntu, as root), run scripts/ensure-test-services.sh, or pass the binary option',
    );
  }
  return found;
}

async function launchRedis(
  binary: string,
  port: number,
  startTimeoutMs: number,
  log: LogCallback,
): Promise<LaunchResult> {
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'];
  args.push('--daemonize', 'no', '--dir', tmpdir());
  const spawned = await spawnServer(binary, args, { log });
  if (!spawned.ok) {
    return { ok: false, error: spawned.error, portInUse: false };
  }

  const { child, pid, output } = spawned.server;
  const outcome = await pollUntilReady(() => pingRedis(port, { timeoutMs: 500 }), {
    timeoutMs: startTimeoutMs,
    intervalMs: 50,
    isAborted: () => hasExited(child),
  });
  if (outcome.status === 'ready') {
    detachFromEventLoop(child);
    return { ok: true, child, pid };
  }

  await terminateChild(child, 'SIGTERM', 2_000);
  await waitForOutputEnd(child, 1_000);
  const where = `${binary} on 127.0.0.1:${port}`;
  const reason =
    outcome.status === 'aborted'
      ? `${where} exited with ${describeExit(child)} during startup`
      : `${where} did not reply to PING within ${startTimeoutMs} ms (last error: ${describeError(outcome.lastError)}); raise startTimeoutMs or read the server output`;
  return {
    ok: false,
    error: new Error(`${reason}. Last server output:\n${output.format()}`),
    portInUse: output.includes('Address already in use'),
  };
}

function createHandle(
  child: ChildProcess,
  pid: number,
  port: number,
  stopTimeoutMs: number,
  log: LogCallback,
): RedisServer {
  const cancelExitHook = signalOnProcessExit(child, 'SIGTERM');
  let stopping: Promise<void> | undefined;
  child.once('exit', (code, signal) => {
    if (stopping === undefined) {
      log(`redis-server PID ${pid} exited unexpectedly with ${signal ?? `code ${code}`}`);
    }
  });
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      cancelExitHook();
      const ending = await terminateChild(child, 'SIGTERM', stopTimeoutMs);
      if (ending === 'killed') {
        log(`redis-server PID ${pid} ignored SIGTERM for ${stopTimeoutMs} ms; sent SIGKILL`);
      }
    })();
    return stopping;
  };
  return { url: `redis://127.0.0.1:${port}`, port, pid, stop };
}
