import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HttpClient } from '../client';
import type { BenchSession } from '../modes';
import type { BenchOptions } from '../options';
import {
  BENCH_JWT,
  type CleanupStack,
  type Infrastructure,
  signHs256Token,
  startInfrastructure,
} from '../stack';
import {
  loadVocabularyFromDatabase,
  loadVocabularyFromGateway,
  parseReplayFile,
  type ReplayEntry,
  ReplayWorkload,
  SyntheticWorkload,
  type Workload,
} from '../workload';

/** Lifetime of the admin token, longer than any bounded run. */
const TOKEN_TTL_SECONDS = 6 * 60 * 60;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function readVocabulary(
  options: BenchOptions,
  infrastructure: Infrastructure | undefined,
): Promise<string[]> {
  if (infrastructure !== undefined) return loadVocabularyFromDatabase(infrastructure.databaseUrl);
  if (options.target === undefined)
    throw new Error('no database and no --target to read terms from');
  const client = new HttpClient(options.target, { connections: 1, timeoutMs: 10_000 });
  try {
    return await loadVocabularyFromGateway(client);
  } finally {
    client.close();
  }
}

/**
 * Reads and parses the --replay file, naming the option in any error. It runs before the stack
 * starts, so a missing or malformed file fails at once rather than after the data load.
 */
async function readReplayEntries(file: string): Promise<ReplayEntry[]> {
  try {
    return parseReplayFile(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`--replay ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function workloadFactory(
  options: BenchOptions,
  infrastructure: Infrastructure | undefined,
  adminToken: string,
  replayEntries: ReplayEntry[] | undefined,
): Promise<() => Workload> {
  const { load } = options;
  if (replayEntries !== undefined) {
    say(`replaying ${replayEntries.length} requests from ${load.replayFile}`);
    return () => new ReplayWorkload(replayEntries, adminToken);
  }
  const vocabulary = await readVocabulary(options, infrastructure);
  say(
    `search vocabulary: ${vocabulary.length} terms, most frequent ${vocabulary.slice(0, 5).join(', ')}`,
  );
  return () =>
    new SyntheticWorkload({
      mix: load.mix,
      vocabulary,
      seed: load.seed,
      zipfExponent: load.zipfExponent,
      profileCount: load.profileCount,
      searchQueryCount: load.searchQueryCount,
      adminToken,
    });
}

/**
 * Prepares a run: the stop signal, a log directory, a JWT secret for the gateway and an admin
 * token signed with it, the stack unless --target is given, and the workload.
 */
export async function openSession(
  options: BenchOptions,
  cleanups: CleanupStack,
  signal: AbortSignal,
): Promise<BenchSession> {
  const logDir = await mkdtemp(path.join(tmpdir(), 'scholarships-bench-'));
  say(`process logs go to ${logDir}`);
  // A target gateway accepts only tokens signed with its own secret, read from JWT_SECRET.
  const targetSecret = options.target === undefined ? undefined : process.env.JWT_SECRET;
  const jwtSecret = targetSecret ?? randomBytes(48).toString('base64url');
  const adminToken = signHs256Token(
    {
      sub: 'bench-admin',
      roles: ['admin'],
      iss: BENCH_JWT.issuer,
      aud: BENCH_JWT.audience,
      ttlSeconds: TOKEN_TTL_SECONDS,
    },
    jwtSecret,
  );
  const replayEntries =
    options.load.replayFile === undefined
      ? undefined
      : await readReplayEntries(options.load.replayFile);
  const infrastructure =
    options.target === undefined
      ? await startInfrastructure({
          syntheticCount: options.syntheticCount,
          seed: options.load.seed,
          say,
          onStarted: (stop) => cleanups.add(stop),
        })
      : undefined;
  const createWorkload = await workloadFactory(options, infrastructure, adminToken, replayEntries);
  const notes: string[] = [];
  if (options.target !== undefined && targetSecret === undefined) {
    notes.push('JWT_SECRET was not set, so the target gateway rejects the admin writes with 401');
  }
  return {
    options,
    cleanups,
    signal,
    logDir,
    jwtSecret,
    createWorkload,
    infrastructure,
    say,
    notes,
  };
}
