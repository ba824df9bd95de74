import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A gateway started as a child process, with its JSON log lines kept for the report. */
export interface GatewayProcess {
  url: string;
  /** Parsed log lines so far, in order. */
  logLines: Record<string, unknown>[];
  /** Sends SIGTERM, then SIGKILL after `graceMs`, and resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `node <mainFile>` with `environment` and waits for its `gateway started` log line. */
export async function startGatewayProcess(
  mainFile: string,
  environment: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [mainFile], {
    env: environment,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logLines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`the gateway did not start within ${timeoutMs} ms: ${stderr.join('')}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with code ${code} at start: ${stderr.join('')}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const parsed = parseLogLine(line);
      if (parsed === undefined) return;
      logLines.push(parsed);
      if (parsed.msg === 'gateway started' && typeof parsed.url === 'string') {
        clearTimeout(timer);
        resolve(parsed.url);
      }
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, 1000);
    throw error;
  });
  return { url, logLines, stop: (graceMs = 5000) => stopChild(child, graceMs) };
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
