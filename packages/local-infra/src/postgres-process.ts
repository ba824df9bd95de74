import {
  describeExit,
  detachFromEventLoop,
  hasExited,
  signalOnProcessExit,
  terminateChild,
  waitForOutputEnd,
} from './child-exit';
import type { LogCallback } from './log-tail';
import type { SystemAccount } from './passwd-file';
import { describeError, type PollOutcome, pollUntilReady } from './poll-until-ready';
import type { PostgresBinaries } from './postgres-binaries';
import { probeSocket } from './postgres-bootstrap';
import { buildServerArgs, type ServerArgsInput } from './postgres-config';
import { type SpawnedServer, spawnServer } from './spawn-server';

/** SQLSTATE codes that retrying a connection cannot fix: unknown role, unknown database. */
const FATAL_SQLSTATES = new Set(['28000', '3D000']);

export interface LaunchInput extends ServerArgsInput {
  superuser: string;
  startTimeoutMs: number;
  log: LogCallback;
  ownProcessGroup: boolean;
}

export type LaunchResult =
  | {
      ok: true;
      server: SpawnedServer;
      /** Removes the hook that stops the server when this process exits; call it from stop(). */
      cancelExitHook: () => void;
    }
  | { ok: false; error: Error; portInUse: boolean };

/** Spawns postgres and waits until it accepts connections through its Unix socket. */
export async function launchPostgres(
  binaries: PostgresBinaries,
  account: SystemAccount | undefined,
  input: LaunchInput,
): Promise<LaunchResult> {
  const spawned = await spawnServer(binaries.postgres, buildServerArgs(input), {
    cwd: input.dataDir,
    uid: account?.uid,
    gid: account?.gid,
    log: input.log,
    ownProcessGroup: input.ownProcessGroup,
  });
  if (!spawned.ok) {
    const runAs = account ? `User ${account.name}` : 'The current user';
    const hint = `${runAs} must be able to execute ${binaries.binDir} and write ${input.dataDir}`;
    return { ok: false, error: new Error(`${spawned.error.message}. ${hint}`), portInUse: false };
  }

  const { child, output } = spawned.server;
  // Set at once: a server in a process group of its own gets no signal from a terminal, so if
  // this process exits while the server starts, the hook is what stops it.
  const cancelExitHook = signalOnProcessExit(child, 'SIGINT');
  const target = { socketDir: input.socketDir, port: input.port, user: input.superuser };
  const outcome = await pollUntilReady(() => probeSocket(target), {
    timeoutMs: input.startTimeoutMs,
    intervalMs: 100,
    isAborted: () => hasExited(child),
    isFatal: (error) => FATAL_SQLSTATES.has(sqlState(error) ?? ''),
  });
  if (outcome.status === 'ready') {
    detachFromEventLoop(child);
    return { ok: true, server: spawned.server, cancelExitHook };
  }

  await terminateChild(child, 'SIGINT', 5_000);
  cancelExitHook();
  await waitForOutputEnd(child, 1_000);
  const reason = describeStartFailure(outcome, input, describeExit(child));
  return {
    ok: false,
    error: new Error(`${reason}. Last server output:\n${output.format()}`),
    portInUse: output.includes('Address already in use'),
  };
}

function describeStartFailure(
  outcome: Exclude<PollOutcome, { status: 'ready' }>,
  input: LaunchInput,
  exitStatus: string,
): string {
  const where = `postgres on 127.0.0.1:${input.port} with data directory ${input.dataDir}`;
  const lastError = describeError(outcome.lastError);
  switch (outcome.status) {
    case 'aborted':
      return `${where} exited with ${exitStatus} during startup`;
    case 'failed':
      return `${where} rejected role "${input.superuser}": ${lastError}. A reused data directory keeps the superuser that initdb created; pass that user or a new dataDir`;
    case 'timeout':
      return `${where} did not accept connections within ${input.startTimeoutMs} ms (last error: ${lastError}); raise startTimeoutMs or read the server output`;
  }
}

function sqlState(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    return typeof error.code === 'string' ? error.code : undefined;
  }
  return undefined;
}
