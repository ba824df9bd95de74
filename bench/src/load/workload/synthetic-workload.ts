import type { ExchangeResult } from '../client';
import { MixPicker, type RequestKind, type TrafficMix } from '../options';
import { seededRandom, type UniformRandom, ZipfSampler } from '../random';
import type { PlannedRequest, Workload } from './planned-request';
import { generateProfiles, type ProfileBody } from './profiles';
import { SearchParameterSource } from './search-parameters';
import { MAX_KNOWN_IDS, WorkloadState } from './workload-state';

/** Share of searches that ask for the next page of an earlier search. */
const CURSOR_FOLLOW_SHARE = 0.15;
/** Matches per eligibility page; the gateway's cache keys include the page. */
const CHECK_PAGE_LIMIT = 20;

export interface SyntheticWorkloadOptions {
  mix: TrafficMix;
  vocabulary: readonly string[];
  seed: number;
  zipfExponent: number;
  profileCount: number;
  /** Distinct search queries in the pool that searches draw from by Zipf rank. */
  searchQueryCount: number;
  /** Bearer token with the admin role, for writes. */
  adminToken: string;
}

const isOk = (status: number) => status === 200;

interface SearchResultBody {
  items?: { id?: unknown }[];
  nextCursor?: unknown;
}

/**
 * The synthetic traffic: searches drawn from a pool of Zipf-popular queries, lookups of ids that
 * searches returned, eligibility checks and analyses for Zipf-popular profiles, and admin
 * patches with If-Match from earlier reads.
 * Kinds that need an id fall back to a search until one is known. A write without a known ETag
 * becomes the lookup that learns one.
 */
export class SyntheticWorkload implements Workload {
  readonly state = new WorkloadState();
  private readonly random: UniformRandom;
  private readonly picker: MixPicker;
  private readonly searches: SearchParameterSource;
  private readonly profiles: ProfileBody[];
  private readonly profileRanks: ZipfSampler;
  private readonly idRanks: ZipfSampler;
  private writeCount = 0;

  constructor(private readonly options: SyntheticWorkloadOptions) {
    this.random = seededRandom(options.seed);
    this.picker = new MixPicker(options.mix);
    this.searches = new SearchParameterSource(
      options.vocabulary,
      options.zipfExponent,
      seededRandom(options.seed + 1),
      options.searchQueryCount,
    );
    this.profiles = generateProfiles(options.profileCount, seededRandom(options.seed + 2));
    this.profileRanks = new ZipfSampler(options.profileCount, options.zipfExponent);
    this.idRanks = new ZipfSampler(MAX_KNOWN_IDS, options.zipfExponent);
  }

  next(): PlannedRequest {
    return this.plan(this.picker.pick(this.random()));
  }

  plan(kind: RequestKind): PlannedRequest {
    if (kind === 'search') return this.search();
    const id = this.popularId();
    if (id === undefined) return this.search();
    if (kind === 'lookup') return this.lookup(id);
    if (kind === 'check') return this.check();
    if (kind === 'analysis') return this.analysis(id);
    return this.write();
  }

  /** Picks a Zipf-popular id; ranks beyond the ids known so far wrap around. */
  private popularId(): string | undefined {
    const { ids } = this.state;
    if (ids.length === 0) return undefined;
    return ids[this.idRanks.sample(this.random) % ids.length];
  }

  private popularProfile(): ProfileBody | undefined {
    return this.profiles[this.profileRanks.sample(this.random)];
  }

  private search(): PlannedRequest {
    const followed = this.random() < CURSOR_FOLLOW_SHARE;
    const entry = followed ? this.state.pickCursor(this.random()) : undefined;
    const parameters = new URLSearchParams(entry?.parameters ?? this.searches.draw());
    if (entry !== undefined) parameters.set('cursor', entry.cursor);
    const path = `/api/v1/search?${parameters.toString()}`;
    return {
      route: 'search',
      request: { method: 'GET', path },
      readBody: true,
      isExpected: isOk,
      cacheable: true,
      onResponse: (result) => this.learnFromSearch(parameters, result),
    };
  }

  private learnFromSearch(parameters: URLSearchParams, result: ExchangeResult): void {
    if (result.status !== 200) return;
    let body: SearchResultBody;
    try {
      body = JSON.parse(result.body) as SearchResultBody;
    } catch {
      return;
    }
    for (const item of body.items ?? []) {
      if (typeof item.id === 'string') this.state.addId(item.id);
    }
    if (typeof body.nextCursor === 'string') {
      const base = new URLSearchParams(parameters);
      base.delete('cursor');
      this.state.addCursor({ parameters: base, cursor: body.nextCursor });
    }
  }

  private lookup(id: string): PlannedRequest {
    return {
      route: 'lookup',
      request: { method: 'GET', path: `/api/v1/scholarships/${id}` },
      readBody: false,
      isExpected: isOk,
      cacheable: true,
      onResponse: (result) => {
        const entityTag = result.headers.etag;
        if (result.status === 200 && entityTag !== undefined) {
          this.state.setEntityTag(id, entityTag);
        }
      },
    };
  }

  private check(): PlannedRequest {
    return {
      route: 'check',
      request: {
        method: 'POST',
        path: `/api/v1/eligibility/check?limit=${CHECK_PAGE_LIMIT}`,
        body: JSON.stringify(this.popularProfile()),
      },
      readBody: false,
      isExpected: isOk,
      cacheable: true,
    };
  }

  private analysis(id: string): PlannedRequest {
    return {
      route: 'analysis',
      request: {
        method: 'POST',
        path: '/api/v1/eligibility/analysis',
        body: JSON.stringify({ scholarshipId: id, profile: this.popularProfile() }),
      },
      readBody: false,
      isExpected: isOk,
      cacheable: true,
    };
  }

  /**
   * Plans a merge patch of the eligibility notes of a scholarship read before, with its ETag in
   * If-Match. Each write sends new text, so it changes the row and invalidates cached responses.
   * A 412 means another write came first; it counts as a success and the stale ETag is dropped.
   * A 400 counts as an error, and the id is not written again: the catalog validates the merged
   * record, so a stored record that breaks a rule (an award amount without a currency) rejects
   * every patch.
   */
  private write(): PlannedRequest {
    const id = this.state.pickTaggedId(this.random());
    const entityTag = id === undefined ? undefined : this.state.entityTag(id);
    if (id === undefined || entityTag === undefined) {
      const fallback = this.popularId();
      return fallback === undefined ? this.search() : this.lookup(fallback);
    }
    this.writeCount += 1;
    const notes = `Eligibility reviewed by the load generator, change ${this.writeCount}.`;
    return {
      route: 'write',
      request: {
        method: 'PATCH',
        path: `/api/v1/admin/scholarships/${id}`,
        headers: { authorization: `Bearer ${this.options.adminToken}`, 'if-match': entityTag },
        body: JSON.stringify({ eligibility: { notes } }),
      },
      readBody: false,
      isExpected: (status) => status === 200 || status === 412,
      cacheable: false,
      onResponse: (result) => {
        const next = result.headers.etag;
        if (result.status === 200 && next !== undefined) this.state.setEntityTag(id, next);
        if (result.status === 412) this.state.forgetEntityTag(id);
        if (result.status === 400) this.state.rejectWrites(id);
      },
    };
  }
}
