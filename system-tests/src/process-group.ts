import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type ProcessSpec, waitReady } from '@scholarships/launcher';
import { type RunningProcess, startProcess } from './platform-process';

const READY_TIMEOUT_MS = 60_000;

/** Platform processes started under names of their own, each logging to `<logDir>/<name>.log`. */
export class ProcessGroup {
  private readonly running = new Map<string, RunningProcess>();

  constructor(private readonly logDir: string) {
    mkdirSync(logDir, { recursive: true });
  }

  logFile(name: string): string {
    return path.join(this.logDir, `${name}.log`);
  }

  /**
   * Starts a process and resolves once its readiness probe returns 200. Rejects with the end of
   * its log when it exits first, and after 60 s without readiness.
   */
  async start(name: string, spec: ProcessSpec): Promise<void> {
    const child = startProcess(spec, this.logFile(name));
    this.running.set(name, child);
    const ready = waitReady(`http://127.0.0.1:${spec.port}/readyz`, READY_TIMEOUT_MS);
    const exit = await Promise.race([ready.then(() => undefined), child.exited]);
    if (exit !== undefined) {
      const tail = logTail(this.logFile(name));
      throw new Error(`${name} exited with ${exit} before it was ready:\n${tail}`);
    }
  }

  /** Stops one process with SIGTERM to its process ID, and does nothing for an unknown name. */
  async stop(name: string): Promise<void> {
    await this.running.get(name)?.stop();
  }

  /** Stops every process, the last started first. */
  async stopAll(): Promise<void> {
    for (const child of [...this.running.values()].reverse()) await child.stop();
  }
}

/** Returns the last lines of a log file, for an error message. */
function logTail(file: string, lines = 20): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
