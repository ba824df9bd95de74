import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { say, warn } from './console-output';
import type { ProcessSpec } from './processes';

/** pino's numeric level for `error`; lines at or above it are echoed to the terminal. */
const PINO_ERROR_LEVEL = 50;

interface Running {
  spec: ProcessSpec;
  child: ChildProcess;
  exited: Promise<void>;
}

/** Starts the platform's processes, writes their logs to files, and stops them on request. */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;

  constructor(
    private readonly logDir: string,
    private readonly onUnexpectedExit: (name: string) => void,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(spec: ProcessSpec): void {
    // stopAll has begun and would not see a process started now.
    if (this.stopping) return;
    const logFile = path.join(this.logDir, `${spec.name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    // A log file that cannot be opened or written (a directory, no permission, a full disk)
    // stops the platform, so no process is left running without its log.
    log.once('error', (error) => {
      warn(`cannot write ${logFile}: ${error.message}`);
      if (!this.stopping) this.onUnexpectedExit(spec.name);
    });
    const child = spawn(process.execPath, [spec.entry], {
      env: { ...process.env, ...spec.env },
      // Ctrl-C in a terminal signals the whole foreground process group. In groups of their own,
      // the processes hear it only from stopAll, which stops the gateway before the services
      // that its last requests still need.
      detached: true,
      // The IPC channel closes when the launcher dies, even by SIGKILL, and the child then stops.
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.pipe(log, { end: false });
      if (stream) echoErrors(spec.name, stream);
    }
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        log.end();
        if (!this.stopping) {
          warn(`${spec.name} exited (${signal ?? `code ${code}`}); see ${logFile}`);
          this.onUnexpectedExit(spec.name);
        }
        resolve();
      });
    });
    this.running.push({ spec, child, exited });
    say(`started ${spec.name} (pid ${child.pid}) on port ${spec.port}, log ${logFile}`);
  }

  /** Stops every process with SIGTERM, newest first, and SIGKILLs any still running after the grace period. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const { child, exited } of [...this.running].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
  }
}

function echoErrors(name: string, stream: NodeJS.ReadableStream): void {
  const lines = createInterface({ input: stream });
  lines.on('line', (line) => {
    if (isErrorLine(line)) warn(`${name}: ${line}`);
  });
}

function isErrorLine(line: string): boolean {
  if (!line.startsWith('{')) return line.trim().length > 0;
  try {
    const level = (JSON.parse(line) as { level?: unknown }).level;
    return (
      level === 'error' ||
      level === 'fatal' ||
      (typeof level === 'number' && level >= PINO_ERROR_LEVEL)
    );
  } catch {
    return true;
  }
}
