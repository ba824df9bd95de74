import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { ProcessSpec } from '@scholarships/launcher';

/** Time a process gets to exit after SIGTERM before it is sent SIGKILL. */
const STOP_GRACE_MS = 10_000;

/** One built platform process, running, with its output appended to a log file. */
export interface RunningProcess {
  pid: number;
  /**
   * Resolves once the process exited and its output reached the log file, with `code N` or
   * `signal NAME`.
   */
  exited: Promise<string>;
  /** Sends SIGTERM to the process ID and resolves once it exited, sending SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** Starts the process that `spec` describes from its compiled entry point. */
export function startProcess(spec: ProcessSpec, logFile: string): RunningProcess {
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, [spec.entry], {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`${spec.entry} failed to start`);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  // 'close' comes after 'exit', once the output streams have ended.
  const exited = new Promise<string>((resolve) => {
    child.once('close', (code, signal) => {
      log.end(() => resolve(signal === null ? `code ${code}` : `signal ${signal}`));
    });
  });
  const pid = child.pid;
  return { pid, exited, stop: () => stopChild(child, pid, exited) };
}

async function stopChild(child: ChildProcess, pid: number, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    await exited;
    return;
  }
  try {
    process.kill(pid, 'SIGTERM');
  } catch (error) {
    // ESRCH: the process exited after the check above.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
