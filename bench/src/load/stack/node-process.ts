import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/** A Node.js process started by the bench, stopped only by its own PID. */
export interface NodeProcess {
  name: string;
  pid: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface NodeProcessSpec {
  name: string;
  entry: string;
  env: Readonly<Record<string, string>>;
  /** File that receives the process's standard output and error. */
  logFile: string;
  /** Node.js options placed before the entry, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Spawns a Node.js entry point with its output written straight to a log file, so the
 * bench process spends no time copying log lines.
 */
export function spawnNodeProcess(spec: NodeProcessSpec): NodeProcess {
  const log = openSync(spec.logFile, 'a');
  const child = spawn(process.execPath, [...(spec.nodeArgs ?? []), spec.entry], {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const { pid } = child;
  if (pid === undefined) throw new Error(`could not start ${spec.name} (${spec.entry})`);
  const exited = waitForExit(child);
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name: spec.name,
    pid,
    exited,
    hasExited,
    async stop(graceMs = 10_000) {
      if (hasExited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
