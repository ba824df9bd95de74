import type { ClientOptions, ConditionalRequestOptions, RequestOptions } from './options';
import { toQueryString } from './query-string';
import type { PageRequestOptions, ScholarshipClient } from './scholarship-client';
import { createSend, type Send } from './transport';
import type { SavedListQuery, SavedPage, SearchPage, SearchQuery } from './types';

const MERGE_PATCH = 'application/merge-patch+json';

function segment(value: string): string {
  return encodeURIComponent(value);
}

function pageQuery(init: PageRequestOptions | undefined): string {
  return toQueryString({ limit: init?.limit, offset: init?.offset });
}

function conditionHeaders(init: ConditionalRequestOptions | undefined) {
  return { 'if-match': init?.ifMatch, 'if-none-match': init?.ifNoneMatch };
}

function signalOf(init: RequestOptions | undefined): RequestOptions {
  return init?.signal === undefined ? {} : { signal: init.signal };
}

async function* followSearch(send: Send, query: SearchQuery, init: RequestOptions | undefined) {
  let cursor = query.cursor;
  do {
    const page = await send<SearchPage>({
      method: 'GET',
      path: `/api/v1/search${toQueryString({ ...query, cursor })}`,
      ...signalOf(init),
    });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

async function* followSaved(send: Send, query: SavedListQuery, init: RequestOptions | undefined) {
  let cursor = query.cursor;
  do {
    const page = await send<SavedPage>({
      method: 'GET',
      path: `/api/v1/me/saved${toQueryString({ ...query, cursor })}`,
      ...signalOf(init),
    });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** Creates a client of the public API behind the gateway at `options.baseUrl`. */
export function createClient(options: ClientOptions): ScholarshipClient {
  const send = createSend(options);
  const admin = '/api/v1/admin/scholarships';

  return {
    search: (query, init) =>
      send({ method: 'GET', path: `/api/v1/search${toQueryString(query)}`, ...signalOf(init) }),
    searchAll: (query, init) => followSearch(send, query, init),
    suggest: (query, init) =>
      send({
        method: 'GET',
        path: `/api/v1/search/suggest${toQueryString(query)}`,
        ...signalOf(init),
      }),
    getScholarship: (id, init) =>
      send({ method: 'GET', path: `/api/v1/scholarships/${segment(id)}`, ...signalOf(init) }),
    getScholarships: (ids, init) =>
      send({
        method: 'GET',
        path: `/api/v1/scholarships${toQueryString({ ids })}`,
        ...signalOf(init),
      }),
    checkEligibility: (profile, init) =>
      send({
        method: 'POST',
        path: `/api/v1/eligibility/check${pageQuery(init)}`,
        body: profile,
        ...signalOf(init),
      }),
    analyzeEligibility: (body, init) =>
      send({ method: 'POST', path: '/api/v1/eligibility/analysis', body, ...signalOf(init) }),
    getProfile: (init) => send({ method: 'GET', path: '/api/v1/me/profile', ...signalOf(init) }),
    putProfile: (profile, init) =>
      send({
        method: 'PUT',
        path: '/api/v1/me/profile',
        body: profile,
        headers: conditionHeaders(init),
        ...signalOf(init),
      }),
    getMatches: (init) =>
      send({ method: 'GET', path: `/api/v1/me/matches${pageQuery(init)}`, ...signalOf(init) }),
    recordInteraction: (body, init) =>
      send({ method: 'POST', path: '/api/v1/me/interactions', body, ...signalOf(init) }),
    getSaved: (query = {}, init = undefined) =>
      send({ method: 'GET', path: `/api/v1/me/saved${toQueryString(query)}`, ...signalOf(init) }),
    getAllSaved: (query = {}, init = undefined) => followSaved(send, query, init),
    removeSaved: (scholarshipId, init) =>
      send({
        method: 'DELETE',
        path: `/api/v1/me/saved/${segment(scholarshipId)}`,
        ...signalOf(init),
      }),
    createScholarship: (body, init) =>
      send({ method: 'POST', path: admin, body, ...signalOf(init) }),
    replaceScholarship: (id, body, init) =>
      send({
        method: 'PUT',
        path: `${admin}/${segment(id)}`,
        body,
        headers: conditionHeaders(init),
        ...signalOf(init),
      }),
    patchScholarship: (id, patch, init) =>
      send({
        method: 'PATCH',
        path: `${admin}/${segment(id)}`,
        body: patch,
        contentType: MERGE_PATCH,
        headers: conditionHeaders(init),
        ...signalOf(init),
      }),
    deleteScholarship: (id, init) =>
      send({
        method: 'DELETE',
        path: `${admin}/${segment(id)}`,
        headers: conditionHeaders(init),
        ...signalOf(init),
      }),
  };
}
