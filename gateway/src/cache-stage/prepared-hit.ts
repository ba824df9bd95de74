import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type CacheEntry,
  type FreshHit,
  hitAge,
  hitCacheStatus,
  hitDate,
  privateCacheControl,
} from '../cache';
import { isGatewayOwned, isJoinedHeader } from './send-cache-response';

/** Stored fields that the gateway sets per response from the entry and the hit instead. */
const SET_PER_RESPONSE = new Set([
  'date',
  'etag',
  'age',
  'x-cache',
  'cache-status',
  'content-length',
]);

/** The stored part of a hit's header block, the same for every hit of one entry. */
interface PreparedEntry {
  /** Fields sent as stored, as a flat name, value list, ending with ETag and Content-Length. */
  fields: readonly string[];
  /** Stored values of the fields that follow the gateway's own value of the same name. */
  joined: ReadonlyMap<string, string>;
}

const EMPTY_BODY = Buffer.alloc(0);
const sharedEntries = new WeakMap<CacheEntry, PreparedEntry>();
const perUserEntries = new WeakMap<CacheEntry, PreparedEntry>();

/** The gateway's own fields of one response: the request id, security and edge-stage fields. */
export interface OwnFields {
  /** Flat name, value list sent before the entry's fields. */
  leading: string[];
  /** Lower-case names and values of own fields that a stored value of the name joins. */
  joinable: ReadonlyMap<string, string>;
}

/**
 * Sends a fresh hit with the gateway's own fields in one `writeHead` call. The entry's part of
 * the header block (stored fields reconciled as the proxy reconciles them, ETag and
 * Content-Length) is built on its first hit and reused, so a hit copies the fields instead of
 * filtering and formatting them again.
 */
export function sendPreparedHit(
  req: IncomingMessage,
  res: ServerResponse,
  own: OwnFields,
  hit: FreshHit,
): void {
  if (res.destroyed) return;
  const entry = preparedEntry(hit);
  const block = own.leading;
  for (const [name, value] of own.joinable) {
    const stored = entry.joined.get(name);
    block.push(name, stored === undefined ? value : `${value}, ${stored}`);
  }
  for (const [name, stored] of entry.joined) {
    if (!own.joinable.has(name)) block.push(name, stored);
  }
  for (const field of entry.fields) block.push(field);
  const date = hitDate(hit);
  if (date !== undefined) block.push('date', date);
  block.push('age', String(hitAge(hit)), 'x-cache', 'HIT', 'cache-status', hitCacheStatus(hit));
  res.writeHead(hit.entry.status, block);
  res.end(req.method === 'HEAD' ? EMPTY_BODY : hit.entry.body);
}

function preparedEntry(hit: FreshHit): PreparedEntry {
  const entries = hit.perUser ? perUserEntries : sharedEntries;
  let prepared = entries.get(hit.entry);
  if (prepared === undefined) {
    prepared = prepareEntry(hit.entry, hit.perUser);
    entries.set(hit.entry, prepared);
  }
  return prepared;
}

function prepareEntry(entry: CacheEntry, perUser: boolean): PreparedEntry {
  const fields: string[] = [];
  const joined = new Map<string, string>();
  for (const [name, value] of Object.entries(entry.headers)) {
    if (isGatewayOwned(name) || SET_PER_RESPONSE.has(name)) continue;
    if (perUser && name === 'cache-control') continue;
    if (isJoinedHeader(name)) joined.set(name, value);
    else fields.push(name, value);
  }
  if (perUser) fields.push('cache-control', privateCacheControl(entry.headers['cache-control']));
  fields.push('etag', entry.etag, 'content-length', String(entry.body.length));
  return { fields, joined };
}
