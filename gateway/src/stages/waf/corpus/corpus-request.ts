import type { IncomingHttpHeaders } from 'node:http';
import type { RequestView } from '../../../edge';
import type { WafCategory } from '../waf-rule';

/** One request of the corpus, as a client would send it. */
export interface CorpusRequest {
  /** Short description, e.g. `sqli:query.q:7`. */
  name: string;
  /** The attack category; undefined for benign requests. */
  category?: WafCategory;
  method: string;
  /** Path and query exactly as sent, percent-encoded. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Headers a browser frontend sends with every API call. */
export const BROWSER_HEADERS: Readonly<Record<string, string>> = {
  host: 'api.scholarships.example',
  accept: 'application/json, text/plain, */*',
  'accept-language': 'en-US,en;q=0.9',
  'accept-encoding': 'gzip, deflate, br',
  'user-agent':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  origin: 'https://app.scholarships.example',
  referer: 'https://app.scholarships.example/search',
};

/** Builds the view the WAF inspects, the way the edge stages build it from a socket request. */
export function toRequestView(request: CorpusRequest): RequestView {
  const headers: IncomingHttpHeaders = { ...request.headers };
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  if (body !== undefined && headers['transfer-encoding'] === undefined) {
    headers['content-length'] ??= String(body.length);
    headers['content-type'] ??= 'application/json';
  }
  const queryStart = request.url.indexOf('?');
  const view: RequestView = {
    method: request.method,
    path: queryStart < 0 ? request.url : request.url.slice(0, queryStart),
    rawQuery: queryStart < 0 ? '' : request.url.slice(queryStart + 1),
    headers,
    clientAddress: '198.51.100.7',
  };
  if (body !== undefined) view.body = body;
  return view;
}

/** A small deterministic generator (mulberry32), so the corpus is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick needs a non-empty list');
  return item;
}
