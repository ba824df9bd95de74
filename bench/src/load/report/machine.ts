import { cpus, loadavg, release, totalmem } from 'node:os';
import type { MachineInfo } from './types';

/** Describes the machine of the run, with the load average before it started. */
export function describeMachine(): MachineInfo {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model ?? 'unknown',
    cores: processors.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    nodeVersion: process.version,
    platform: `${process.platform} ${release()}`,
    loadAverageStart: loadavg(),
    loadAverageEnd: [],
  };
}
