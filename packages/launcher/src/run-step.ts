import { spawn } from 'node:child_process';

/**
 * Runs a one-off Node.js step (a migration or the importer) to completion,
 * streaming its standard error to ours; rejects with its exit code.
 */
export function runStep(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${entry} failed with ${signal ?? `exit code ${code}`}`));
    });
  });
}
