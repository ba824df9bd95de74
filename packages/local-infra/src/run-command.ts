import { type ChildProcess, spawn } from 'node:child_process';
import { terminateChild } from './child-exit';
import { type LogCallback, LogTail } from './log-tail';

export interface RunCommandOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
  timeoutMs: number;
  log?: LogCallback;
}

type RunOutcome = { kind: 'closed' } | { kind: 'error'; error: Error } | { kind: 'timeout' };

/** Runs a command to completion and rejects with its exit status and last output lines. */
export async function runCommand(
  file: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<void> {
  const output = new LogTail(30, options.log);
  const child = spawn(file, args, {
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  output.attach(child.stdout);
  output.attach(child.stderr);

  const outcome = await waitForOutcome(child, options.timeoutMs);
  const command = [file, ...args].join(' ');
  if (outcome.kind === 'error') {
    throw new Error(`Failed to start ${command}: ${outcome.error.message}`, {
      cause: outcome.error,
    });
  }
  if (outcome.kind === 'timeout') {
    await terminateChild(child, 'SIGTERM', 2_000);
    throw new Error(
      `${command} timed out after ${options.timeoutMs} ms. Last output:\n${output.format()}`,
    );
  }
  if (child.exitCode !== 0) {
    const status =
      child.exitCode === null ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
    throw new Error(`${command} failed with ${status}. Last output:\n${output.format()}`);
  }
}

function waitForOutcome(child: ChildProcess, timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    child.once('close', () => {
      clearTimeout(timer);
      resolve({ kind: 'closed' });
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'error', error });
    });
  });
}
