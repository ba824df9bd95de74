import path from 'node:path';
import { findFreePort } from '@scholarships/local-infra';
import { type NodeProcess, spawnNodeProcess } from './node-process';
import { waitReady } from './wait-ready';

export interface RunningBareServer {
  origin: string;
  pid: number;
  startupMs: number;
  stop(): Promise<void>;
}

/** Starts the bare server of `bare-server-main.js` as a process of its own. */
export async function startBareServer(
  logDir: string,
  onSpawned: (process: NodeProcess) => void,
): Promise<RunningBareServer> {
  const port = await findFreePort();
  const child = spawnNodeProcess({
    name: 'bare',
    entry: path.join(__dirname, 'bare-server-main.js'),
    env: { PORT: String(port) },
    logFile: path.join(logDir, 'bare-server.log'),
  });
  onSpawned(child);
  const origin = `http://127.0.0.1:${port}`;
  const startupMs = await waitReady(`${origin}/`, 10_000, child.hasExited);
  return { origin, pid: child.pid, startupMs, stop: () => child.stop() };
}
