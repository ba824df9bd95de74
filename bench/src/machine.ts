import { cpus, totalmem } from 'node:os';

/**
 * Returns a one-line description of this machine: CPU model, cores, memory in GiB (rounded)
 * and the Node.js version.
 */
export function describeMachine(): string {
  const cpu = cpus();
  return (
    `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM; Node.js ${process.version}`
  );
}
