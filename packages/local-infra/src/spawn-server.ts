import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type LogCallback, LogTail } from './log-tail';
import { describeError } from './poll-until-ready';

export interface SpawnServerOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
  log?: LogCallback;
  /** Starts the process in a session and process group of its own. Default: false. */
  ownProcessGroup?: boolean;
}

/** Server process whose stdout and stderr lines go to `output`. */
export interface SpawnedServer {
  child: ChildProcess;
  pid: number;
  output: LogTail;
}

export type SpawnServerResult = { ok: true; server: SpawnedServer } | { ok: false; error: Error };

/** Lines of server output kept for error messages. */
const OUTPUT_LINES = 40;

/**
 * Spawns a long-running server with piped output. Exec failures (a missing binary, a user
 * that may not execute it) come back as `ok: false` with the system error.
 */
export async function spawnServer(
  file: string,
  args: readonly string[],
  options: SpawnServerOptions,
): Promise<SpawnServerResult> {
  const output = new LogTail(OUTPUT_LINES, options.log);
  const child = spawn(file, args, {
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
    detached: options.ownProcessGroup ?? false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) {
    // Node.js leaves pid undefined and emits 'error' when the process could not start.
    const [error]: unknown[] = await once(child, 'error');
    return { ok: false, error: new Error(`Failed to start ${file}: ${describeError(error)}`) };
  }
  child.on('error', (error) => output.push(`[local-infra] process error: ${error.message}`));
  output.attach(child.stdout);
  output.attach(child.stderr);
  return { ok: true, server: { child, pid: child.pid, output } };
}
