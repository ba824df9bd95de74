import type { HttpMethod } from '../client';
import type { PlannedRequest, Workload } from './planned-request';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PATCH'];

/** One line of a replay file, after validation. */
export interface ReplayEntry {
  method: HttpMethod;
  path: string;
  /** JSON text of the body, or undefined for none. */
  body: string | undefined;
  /** Whether the generator adds its admin bearer token. */
  admin: boolean;
}

/** Returns the report label of a request: a request kind of the synthetic mix, or `other`. */
export function routeOfRequest(method: string, path: string): string {
  const pathname = path.split('?')[0] ?? path;
  if (pathname === '/api/v1/search') return 'search';
  if (method === 'GET' && pathname.startsWith('/api/v1/scholarships/')) return 'lookup';
  if (pathname === '/api/v1/eligibility/check') return 'check';
  if (pathname === '/api/v1/eligibility/analysis') return 'analysis';
  if (pathname.startsWith('/api/v1/admin/')) return 'write';
  return 'other';
}

function lineError(lineNumber: number, problem: string): RangeError {
  return new RangeError(
    `--replay line ${lineNumber}: ${problem}. Each line must be a JSON object such as ` +
      '{"method":"GET","path":"/api/v1/search?q=nursing"}, with an optional "body" and "auth":"admin"',
  );
}

function parseLine(line: string, lineNumber: number): ReplayEntry {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw lineError(lineNumber, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw lineError(lineNumber, 'not a JSON object');
  }
  const { method, path, body, auth } = parsed as Record<string, unknown>;
  const upper = typeof method === 'string' ? method.toUpperCase() : '';
  const known = METHODS.find((candidate) => candidate === upper);
  if (known === undefined)
    throw lineError(lineNumber, `method must be one of ${METHODS.join(', ')}`);
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw lineError(lineNumber, 'path must be a string starting with /');
  }
  if (auth !== undefined && auth !== 'admin') throw lineError(lineNumber, 'auth must be "admin"');
  const bodyText =
    body === undefined || body === null
      ? undefined
      : typeof body === 'string'
        ? body
        : JSON.stringify(body);
  return { method: known, path, body: bodyText, admin: auth === 'admin' };
}

/** Parses a replay file: one JSON object per line; blank lines are skipped. */
export function parseReplayFile(text: string): ReplayEntry[] {
  const entries: ReplayEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() !== '') entries.push(parseLine(line, index + 1));
  });
  if (entries.length === 0) throw new RangeError('--replay file contains no requests');
  return entries;
}

/**
 * Sends the entries of a replay file in order, starting again at the first after the last.
 * Any status below 500 except 429 counts as a success, since the recorded log does not say
 * which statuses its requests expected.
 */
export class ReplayWorkload implements Workload {
  private position = 0;

  constructor(
    private readonly entries: readonly ReplayEntry[],
    private readonly adminToken: string,
  ) {}

  next(): PlannedRequest {
    const entry = this.entries[this.position % this.entries.length];
    this.position += 1;
    if (entry === undefined) throw new RangeError('the replay workload has no entries');
    const headers: Record<string, string> = entry.admin
      ? { authorization: `Bearer ${this.adminToken}` }
      : {};
    const route = routeOfRequest(entry.method, entry.path);
    return {
      route,
      request: { method: entry.method, path: entry.path, headers, ...bodyPart(entry.body) },
      readBody: false,
      isExpected: (status) => status < 500 && status !== 429,
      cacheable: route !== 'write' && route !== 'other',
    };
  }
}

function bodyPart(body: string | undefined): { body?: string } {
  return body === undefined ? {} : { body };
}
