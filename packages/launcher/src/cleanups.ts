import { say, warn } from './console-output';

/** Stops one part of the platform: a service, the gateway or the database. */
export type Cleanup = () => Promise<void>;

/**
 * Runs `cleanups` in reverse order of start, so that the database stops after the processes that
 * use it. Prints `stopped` when every cleanup succeeded, else how many failed.
 */
export async function runCleanups(cleanups: readonly Cleanup[]): Promise<void> {
  let failures = 0;
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures += 1;
      warn(String(error));
    }
  }
  if (failures === 0) say('stopped');
  else
    warn(
      `stopped, but ${failures} of ${cleanups.length} parts failed to stop; see the errors above`,
    );
}
