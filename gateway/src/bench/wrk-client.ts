import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadCase, LoadResult } from './load-client';

/**
 * Drives a case with wrk, a load client written in C. On a 2-core machine the client shares the
 * cores with what it measures, and wrk's per-request work is lighter than a Node.js client's, so
 * more of the machine goes to the server under test. The figures come from wrk's own
 * latency histogram through a Lua `done` hook that prints one JSON line.
 */

/** The Lua script: optional unique paths, and a JSON summary on the last line of stdout. */
const SCRIPT = `
local prefix = ""
local unique = false
local counter = 0

function init(args)
  unique = args[1] == "unique"
  prefix = args[2] or ""
end

function request()
  if not unique then return wrk.request() end
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "-" .. prefix .. "-" .. counter)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '\\n{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"status":%d,"socket":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
`;

interface WrkSummary {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  status: number;
  socket: number;
}

/**
 * The number of wrk threads. One thread drives 50 connections at over 55,000 requests/s here,
 * and a second one changed no figure on a 2-core machine, where it only competes with the server.
 */
const THREADS = 1;

let runs = 0;

function runWrk(scriptPath: string, load: LoadCase, durationMs: number): Promise<WrkSummary> {
  runs += 1;
  const args = [
    `-t${THREADS}`,
    `-c${load.connections}`,
    `-d${Math.max(1, Math.round(durationMs / 1000))}s`,
    '--timeout',
    '10s',
    '-s',
    scriptPath,
    ...Object.entries(load.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    `${load.url}${load.path}`,
    '--',
    load.uniquePaths ? 'unique' : 'fixed',
    `${process.pid}x${runs}`,
  ];
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error !== null) {
        reject(
          new Error(
            `wrk failed: ${error.message}. Install Debian's wrk package or set BENCH_CLIENT=autocannon.`,
          ),
        );
        return;
      }
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as WrkSummary);
      } catch {
        reject(new Error(`wrk printed no summary:\n${stdout}`));
      }
    });
  });
}

/** Runs one case with wrk: a warm-up run whose figures are dropped, then the measured run. */
export async function runLoadWithWrk(load: LoadCase): Promise<LoadResult> {
  const folder = await mkdtemp(join(tmpdir(), 'gateway-bench-'));
  try {
    const scriptPath = join(folder, 'summary.lua');
    await writeFile(scriptPath, SCRIPT);
    await runWrk(scriptPath, load, load.warmupMs);
    const measured = await runWrk(scriptPath, load, load.durationMs);
    return {
      requests: measured.requests,
      failures: measured.status + measured.socket,
      seconds: measured.durationUs / 1e6,
      p50Ms: measured.p50Us / 1000,
      p99Ms: measured.p99Us / 1000,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
