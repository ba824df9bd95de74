import { spawn } from 'node:child_process';

/**
 * Runs a one-off Node.js entry (a migration, the importer) to completion and returns its
 * standard output; its standard error goes to ours. Rejects with the exit status on failure.
 */
export function runNodeStep(
  entry: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(Buffer.concat(chunks).toString('utf8'));
      else
        reject(
          new Error(`${entry} ${args.join(' ')} failed with ${signal ?? `exit code ${code}`}`),
        );
    });
  });
}
