import type { ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';

/** Time in ms to wait for the exit event after SIGKILL. */
const KILL_WAIT_MS = 5_000;

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Returns "code N" or "signal NAME" for a child that has exited. */
export function describeExit(child: ChildProcess): string {
  return child.exitCode === null ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
}

/** Resolves `true` once the child has exited, or `false` when `timeoutMs` passes first. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, timeoutMs);
    child.once('exit', onExit);
  });
}

/**
 * Waits up to `timeoutMs` for the child's output streams to close after it exited, so that
 * the last lines of output reach the log before an error message quotes them.
 */
export function waitForOutputEnd(child: ChildProcess, timeoutMs: number): Promise<void> {
  const streams = [child.stdout, child.stderr].filter((stream) => stream !== null);
  if (streams.every((stream) => stream.closed)) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      child.off('close', onClose);
      resolve();
    }, timeoutMs);
    child.once('close', onClose);
  });
}

/**
 * Sends `signal` and waits up to `timeoutMs` for the child to exit, then sends SIGKILL.
 * SIGCONT follows the first signal so that a process stopped with SIGSTOP can act on it.
 * Returns `'killed'` when SIGKILL was needed.
 */
export async function terminateChild(
  child: ChildProcess,
  signal: NodeJS.Signals,
  timeoutMs: number,
): Promise<'exited' | 'killed'> {
  if (hasExited(child)) {
    return 'exited';
  }
  child.kill(signal);
  child.kill('SIGCONT');
  if (await waitForExit(child, timeoutMs)) {
    return 'exited';
  }
  child.kill('SIGKILL');
  if (!(await waitForExit(child, KILL_WAIT_MS))) {
    throw new Error(
      `Process ${child.pid} did not exit within ${KILL_WAIT_MS} ms of SIGKILL; check it with ps`,
    );
  }
  return 'killed';
}

/**
 * Sends `signal` to the child when this Node.js process exits, so that a server the caller
 * forgot to stop does not outlive it. Returns a function that cancels this.
 * NOTE: the 'exit' event does not fire when this process is killed by a signal, so a
 * server can still outlive a process that was killed.
 */
export function signalOnProcessExit(child: ChildProcess, signal: NodeJS.Signals): () => void {
  const onExit = (): void => {
    if (!hasExited(child)) {
      child.kill(signal);
      child.kill('SIGCONT');
    }
  };
  process.once('exit', onExit);
  return () => {
    process.off('exit', onExit);
  };
}

/** Lets this Node.js process exit while the child runs. The caller's stop() or exit hook ends the child. */
export function detachFromEventLoop(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdout, child.stderr]) {
    if (stream instanceof Socket) {
      stream.unref();
    }
  }
}
