import { LRUCache } from 'lru-cache';
import { type HeaderFields, hasRequestBody, type RequestView } from '../../edge';
import {
  bodyFields,
  headerFields,
  type InspectedField,
  pathField,
  queryFields,
} from './inspected-field';
import { routeMediaTypes } from './route-media-types';
import { DEFAULT_WAF_RULES } from './rules';
import {
  INSPECTED_HEADERS,
  isPatternRule,
  type PatternRule,
  type PredicateRule,
  type WafCategory,
  type WafRule,
  type WafTarget,
} from './waf-rule';

export interface WafLimits {
  /** Longest path plus query, in bytes (414 above it). */
  maxUrlBytes: number;
  /** Largest total of header names and values, in bytes (431 above it). */
  maxHeaderBytes: number;
  /** Largest body, in bytes (413 above it). */
  maxBodyBytes: number;
}

export interface WafOptions {
  limits: WafLimits;
  /** A request whose rule scores add up to this or more is blocked. */
  threshold: number;
  rules?: readonly WafRule[];
}

export interface RuleMatch {
  rule: WafRule;
  location: string;
}

/** A request that breaks a size or format limit, rejected before any rule runs. */
export interface LimitViolation {
  status: 400 | 413 | 414 | 415 | 431;
  /** Metric reason, e.g. `url_too_long`. */
  reason: string;
  detail: string;
  /** The limit that was exceeded, in bytes, for 413, 414 and 431. */
  limitBytes?: number;
  /** Fields sent with the problem, such as `Accept-Patch` with a 415. */
  headers?: HeaderFields;
}

export type WafVerdict =
  | { kind: 'allow'; score: number; matches: RuleMatch[]; parsedBody?: unknown }
  | { kind: 'block'; score: number; category: WafCategory; matches: RuleMatch[] }
  | { kind: 'limit'; violation: LimitViolation };

/**
 * Rule matches of one request. Predicate rules describe the whole request. Pattern rules are
 * scored per segment, at most SEGMENT_CHARS characters of one value, because an injection payload
 * is compact. Weak signals spread over a long essay (a quote here, the words "union select
 * committee" there) are ordinary prose and must not add up. The score is the request-level score
 * plus the best segment's, and each rule counts once per segment.
 */
export class ScoreSheet {
  private readonly requestMatches = new Map<string, RuleMatch>();
  private bestSegment = new Map<string, RuleMatch>();
  private bestSegmentScore = 0;

  addRequestMatch(rule: WafRule, location: string): void {
    if (!this.requestMatches.has(rule.id)) this.requestMatches.set(rule.id, { rule, location });
  }

  hasRequestMatch(ruleId: string): boolean {
    return this.requestMatches.has(ruleId);
  }

  /** Records the matches of one segment and keeps them when they outscore the best so far. */
  addSegment(matches: Map<string, RuleMatch>): void {
    let score = 0;
    for (const match of matches.values()) score += match.rule.score;
    if (score > this.bestSegmentScore) {
      this.bestSegment = matches;
      this.bestSegmentScore = score;
    }
  }

  get score(): number {
    let total = this.bestSegmentScore;
    for (const match of this.requestMatches.values()) total += match.rule.score;
    return total;
  }

  get matches(): RuleMatch[] {
    return [...this.requestMatches.values(), ...this.bestSegment.values()];
  }
}

/**
 * Size of a segment in characters. Matches of different rules combine only when they start
 * within this distance of each other in one value.
 */
const SEGMENT_CHARS = 256;
/** Matches collected per rule and value; enough to find clusters, bounded for huge values. */
const MAX_MATCHES_PER_RULE = 200;

/**
 * Methods whose requests may carry a body. No route takes one on GET, HEAD, DELETE or OPTIONS,
 * and reading and scanning up to `WAF_MAX_BODY_BYTES` of JSON there would cost the gateway far
 * more CPU than the route's rate-limit price pays for.
 */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** `application/json` or `application/<type>+json`, with at most a UTF-8 charset parameter. */
const JSON_CONTENT_TYPE =
  /^application\/(?:[\w.-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A pattern rule with a global copy of its pattern, for finding every match position. */
interface CompiledRule {
  rule: PatternRule;
  everyMatch: RegExp;
}

/** Rules of one target split by the form of the value they test, compiled once. */
interface TargetRules {
  decoded: CompiledRule[];
  raw: CompiledRule[];
  /**
   * Pre-check that matches whenever any decoded rule without a backreference matches, so a value
   * it misses skips those rules. Built after indexing; undefined for a target without such rules.
   */
  anyDecoded?: RegExp;
  /** Decoded rules with backreferences, which cannot join `anyDecoded`'s alternation. */
  withBackreferences: CompiledRule[];
}

/** Short values whose results are remembered, e.g. User-Agent strings and the API paths. */
const MEMO_ENTRIES = 5_000;
/** Requests without a body whose verdicts are remembered, keyed by method, target and headers. */
const ENVELOPE_MEMO_ENTRIES = 5_000;
/** Maximum key length of a remembered verdict; a request with a longer key is inspected anew. */
const MAX_ENVELOPE_KEY_CHARS = 4_096;

/** A match of one rule at a character position of a value. */
interface PositionedMatch {
  index: number;
  rule: PatternRule;
}

/**
 * The WAF's rule engine: a plain function of the request view, built once from its rules. Every
 * rule adds its score once when it matches. The request is blocked when the total reaches the
 * threshold, so one weak signal alone never blocks.
 */
export class WafEngine {
  private readonly byTarget: Record<Exclude<WafTarget, 'header'>, TargetRules>;
  private readonly byHeader = new Map<string, TargetRules>();
  private readonly predicates: PredicateRule[];
  private readonly headerNames: string[];
  /** Rules matched by short values, keyed by target, header and raw value. */
  private readonly memo = new LRUCache<string, readonly PatternRule[]>({ max: MEMO_ENTRIES });
  /** Verdicts of requests without a body, keyed by `envelopeKey`. */
  private readonly envelopes = new LRUCache<string, WafVerdict>({ max: ENVELOPE_MEMO_ENTRIES });

  constructor(private readonly options: WafOptions) {
    const rules = options.rules ?? DEFAULT_WAF_RULES;
    this.byTarget = { path: emptyRules(), query: emptyRules(), body: emptyRules() };
    this.predicates = rules.filter((rule): rule is PredicateRule => !isPatternRule(rule));
    for (const rule of rules) if (isPatternRule(rule)) this.index(rule);
    this.headerNames = [...this.byHeader.keys()];
    for (const targetRules of [...Object.values(this.byTarget), ...this.byHeader.values()]) {
      buildPrecheck(targetRules);
    }
  }

  get limits(): WafLimits {
    return this.options.limits;
  }

  /** Inspects the whole request, including `view.body` when it is set. */
  inspect(view: RequestView): WafVerdict {
    const violation = this.checkLimits(view);
    if (violation !== undefined) return { kind: 'limit', violation };
    const sheet = this.scoreEnvelope(view);
    if (view.body === undefined) return this.decide(sheet);
    return this.scoreBody(view.body, sheet);
  }

  /**
   * Inspects a request without a body: its limits, then every rule except the body rules. The
   * verdict depends only on the method, the target and the headers, so a request that repeats an
   * earlier one in all three (a client polling one search) reuses the earlier verdict.
   */
  inspectEnvelope(view: RequestView): WafVerdict {
    const key = envelopeKey(view);
    const known = key === undefined ? undefined : this.envelopes.get(key);
    if (known !== undefined) return known;
    const violation = this.checkLimits(view);
    const verdict: WafVerdict =
      violation === undefined
        ? this.decide(this.scoreEnvelope(view))
        : { kind: 'limit', violation };
    if (key !== undefined) this.envelopes.set(key, verdict);
    return verdict;
  }

  /**
   * Runs every rule once over a harmless request with a query and a JSON body, without
   * remembering its verdict. V8 compiles a regular expression on its first use: the first
   * request after a start took about 45 ms in this stage, later ones under 1 ms.
   */
  warmUp(): void {
    const view: RequestView = {
      method: 'POST',
      path: '/api/v1/eligibility/check',
      rawQuery: 'q=nursing%20scholarship&state=TX&limit=20',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0',
        accept: 'application/json',
        referer: 'https://example.org/search?q=nursing',
        cookie: 'session=warm-up',
      },
      clientAddress: '127.0.0.1',
      body: Buffer.from('{"gradeLevel":"undergraduate","gpa":3.4,"state":"TX"}'),
    };
    this.scoreBody(view.body as Buffer, this.scoreEnvelope(view));
    this.decide(this.scoreEnvelope({ ...view, method: 'GET', path: '/api/v1/search' }));
    this.checkLimits(view);
  }

  /** Number of remembered verdicts of requests without a body. */
  get rememberedVerdicts(): number {
    return this.envelopes.size;
  }

  /** Checks the URL and header sizes, and the media type and declared size of a body. */
  checkLimits(view: RequestView): LimitViolation | undefined {
    const { maxUrlBytes, maxHeaderBytes, maxBodyBytes } = this.options.limits;
    const urlBytes = view.path.length + (view.rawQuery === '' ? 0 : view.rawQuery.length + 1);
    if (urlBytes > maxUrlBytes) {
      return {
        status: 414,
        reason: 'url_too_long',
        detail: `The path and query are ${urlBytes} bytes, over the limit of ${maxUrlBytes}`,
        limitBytes: maxUrlBytes,
      };
    }
    const headerBytes = countHeaderBytes(view);
    if (headerBytes > maxHeaderBytes) {
      return {
        status: 431,
        reason: 'headers_too_large',
        detail: `The headers are ${headerBytes} bytes, over the limit of ${maxHeaderBytes}`,
        limitBytes: maxHeaderBytes,
      };
    }
    if (!hasRequestBody(view)) return undefined;
    if (!BODY_METHODS.has(view.method)) {
      return {
        status: 400,
        reason: 'unexpected_body',
        detail: `A ${view.method} request takes no body; send it without one`,
      };
    }
    const contentType = view.headers['content-type'];
    const routeTypes = routeMediaTypes(view.method, view.path);
    if (
      contentType === undefined ||
      !JSON_CONTENT_TYPE.test(contentType) ||
      (routeTypes !== undefined && !routeTypes.includes(mediaTypeOf(contentType)))
    ) {
      return unsupportedContentType(view, contentType, routeTypes);
    }
    const encoding = view.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      // The body is inspected as sent, so a compressed one could not be read for attacks.
      return {
        status: 415,
        reason: 'unsupported_media_type',
        detail: `Content-Encoding ${encoding} is not accepted; send the body uncompressed`,
      };
    }
    const declared = Number(view.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) return bodyTooLarge(maxBodyBytes);
    return undefined;
  }

  /** Applies every rule except the body rules: method, path, query, headers and predicates. */
  scoreEnvelope(view: RequestView): ScoreSheet {
    const sheet = new ScoreSheet();
    const fields = [pathField(view), ...queryFields(view), ...headerFields(view, this.headerNames)];
    for (const rule of this.predicates) {
      const location = rule.test(view, fields);
      if (location !== undefined) sheet.addRequestMatch(rule, location);
    }
    for (const field of fields) this.matchField(field, sheet);
    return sheet;
  }

  /** Parses the body as JSON once, applies the body rules, and decides. */
  scoreBody(body: Buffer, sheet: ScoreSheet): WafVerdict {
    if (body.length > this.options.limits.maxBodyBytes) {
      return { kind: 'limit', violation: bodyTooLarge(this.options.limits.maxBodyBytes) };
    }
    if (body.length === 0) return this.decide(sheet);
    let parsed: unknown;
    try {
      parsed = JSON.parse(strictUtf8.decode(body));
    } catch (error) {
      const reason = error instanceof SyntaxError ? error.message : 'the body is not valid UTF-8';
      return {
        kind: 'limit',
        violation: { status: 400, reason: 'invalid_json', detail: `is not valid JSON: ${reason}` },
      };
    }
    for (const field of bodyFields(parsed)) this.matchField(field, sheet);
    const verdict = this.decide(sheet);
    return verdict.kind === 'allow' ? { ...verdict, parsedBody: parsed } : verdict;
  }

  /** Blocks when the score reaches the threshold, naming the category that scored most. */
  decide(sheet: ScoreSheet): WafVerdict {
    const matches = sheet.matches.sort((left, right) => right.rule.score - left.rule.score);
    const score = sheet.score;
    if (score < this.options.threshold) return { kind: 'allow', score, matches };
    return { kind: 'block', score, category: leadingCategory(matches), matches };
  }

  private matchField(field: InspectedField, sheet: ScoreSheet): void {
    const rules =
      field.target === 'header'
        ? this.byHeader.get(field.header ?? '')
        : this.byTarget[field.target];
    if (rules === undefined) return;
    const decoded = [field.value, field.secondDecode ?? ''];
    const raw = rules.raw.length === 0 ? '' : field.raw;
    const short = [...decoded, raw].every((text) => text.length <= SEGMENT_CHARS);
    if (short) {
      const key = `${field.target}\u0000${field.header ?? ''}\u0000${field.raw}`;
      let matched = this.memo.get(key);
      if (matched === undefined) {
        matched = matchShort(rules, decoded, raw);
        this.memo.set(key, matched);
      }
      const matches = new Map<string, RuleMatch>();
      for (const rule of matched) matches.set(rule.id, { rule, location: field.location });
      sheet.addSegment(matches);
      return;
    }
    const positioned: PositionedMatch[] = [];
    const precheck = rules.anyDecoded;
    const candidates =
      precheck === undefined || decoded.some((text) => precheck.test(text))
        ? rules.decoded
        : rules.withBackreferences;
    for (const compiled of candidates) {
      for (const text of decoded) collectMatches(compiled, text, positioned);
    }
    for (const compiled of rules.raw) collectMatches(compiled, raw, positioned);
    sheet.addSegment(densestSegment(positioned, field.location));
  }

  private index(rule: PatternRule): void {
    if (rule.pattern.global || rule.pattern.sticky) {
      throw new Error(`WAF rule ${rule.id} must not use the g or y flag`);
    }
    const form = rule.form ?? 'decoded';
    const compiled = {
      rule,
      everyMatch: new RegExp(rule.pattern.source, `${rule.pattern.flags}g`),
    };
    for (const target of rule.targets) {
      if (target !== 'header') {
        this.byTarget[target][form].push(compiled);
        continue;
      }
      for (const header of rule.headers ?? INSPECTED_HEADERS) {
        const rules = this.byHeader.get(header) ?? emptyRules();
        rules[form].push(compiled);
        this.byHeader.set(header, rules);
      }
    }
  }
}

/**
 * Joins everything an envelope verdict depends on into one key, or returns undefined when it
 * would be longer than MAX_ENVELOPE_KEY_CHARS. Each part is prefixed with its length, so no
 * content, newlines included, can make two different requests share a key.
 */
function envelopeKey(view: RequestView): string | undefined {
  let key = `${view.method} ${view.path.length}:${view.path}${view.rawQuery.length}:${view.rawQuery}`;
  if (key.length > MAX_ENVELOPE_KEY_CHARS) return undefined;
  for (const name in view.headers) {
    const value = view.headers[name];
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      key += `${name.length}:${name}${item.length}:${item}`;
    }
    if (key.length > MAX_ENVELOPE_KEY_CHARS) return undefined;
  }
  return key;
}

/** Appends the start of each match of `compiled` in `text`, up to MAX_MATCHES_PER_RULE. */
function collectMatches(compiled: CompiledRule, text: string, into: PositionedMatch[]): void {
  if (text === '') return;
  const pattern = compiled.everyMatch;
  pattern.lastIndex = 0;
  for (let count = 0; count < MAX_MATCHES_PER_RULE; count += 1) {
    const match = pattern.exec(text);
    if (match === null) return;
    into.push({ index: match.index, rule: compiled.rule });
    // An empty match would repeat at the same position forever.
    if (match[0].length === 0) pattern.lastIndex += 1;
  }
}

/**
 * Finds the span of SEGMENT_CHARS characters whose distinct rules score highest, by sliding a
 * window over the match positions. Rules are tested on the whole value, so anchors such as `$`
 * keep their meaning.
 */
function densestSegment(positioned: PositionedMatch[], location: string): Map<string, RuleMatch> {
  positioned.sort((left, right) => left.index - right.index);
  const counts = new Map<string, number>();
  let score = 0;
  let best = new Map<string, RuleMatch>();
  let bestScore = 0;
  let first = 0;
  for (const entry of positioned) {
    const count = counts.get(entry.rule.id) ?? 0;
    counts.set(entry.rule.id, count + 1);
    if (count === 0) score += entry.rule.score;
    for (let oldest = positioned[first]; oldest !== undefined; oldest = positioned[first]) {
      if (entry.index - oldest.index < SEGMENT_CHARS) break;
      const remaining = (counts.get(oldest.rule.id) ?? 1) - 1;
      counts.set(oldest.rule.id, remaining);
      if (remaining === 0) score -= oldest.rule.score;
      first += 1;
    }
    if (score > bestScore) {
      bestScore = score;
      best = segmentMatches(positioned, first, entry, location);
    }
  }
  return best;
}

function segmentMatches(
  positioned: readonly PositionedMatch[],
  first: number,
  last: PositionedMatch,
  location: string,
): Map<string, RuleMatch> {
  const matches = new Map<string, RuleMatch>();
  for (let index = first; index < positioned.length; index += 1) {
    const entry = positioned[index];
    if (entry === undefined) break;
    matches.set(entry.rule.id, { rule: entry.rule, location });
    if (entry === last) break;
  }
  return matches;
}

/** Tests each rule once on a value shorter than a segment, which is one segment. */
function matchShort(rules: TargetRules, decoded: readonly string[], raw: string): PatternRule[] {
  const texts = decoded.filter((text) => text !== '');
  const matched: PatternRule[] = [];
  const precheck = rules.anyDecoded;
  const candidates =
    precheck === undefined || texts.some((text) => precheck.test(text))
      ? rules.decoded
      : rules.withBackreferences;
  for (const { rule } of candidates) {
    if (texts.some((text) => rule.pattern.test(text))) matched.push(rule);
  }
  for (const { rule } of rules.raw) {
    if (raw !== '' && rule.pattern.test(raw)) matched.push(rule);
  }
  return matched;
}

/** A backreference such as `\1` refers to a group number, which an alternation would shift. */
const BACKREFERENCE = /\\[1-9]/;

function buildPrecheck(rules: TargetRules): void {
  const plain = rules.decoded.filter(({ rule }) => !BACKREFERENCE.test(rule.pattern.source));
  rules.withBackreferences = rules.decoded.filter(({ rule }) =>
    BACKREFERENCE.test(rule.pattern.source),
  );
  if (plain.length === 0) return;
  // The alternation is case-insensitive. It may match values that no rule matches but never
  // misses one that a rule matches, and a value it matches is tested against every rule.
  const source = plain.map(({ rule }) => `(?:${rule.pattern.source})`).join('|');
  rules.anyDecoded = new RegExp(source, 'i');
}

function emptyRules(): TargetRules {
  return { decoded: [], raw: [], withBackreferences: [] };
}

function countHeaderBytes(view: RequestView): number {
  let total = 0;
  for (const [name, value] of Object.entries(view.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    // Each field line is `name: value` plus CRLF (RFC 9112 §5).
    for (const item of values) total += name.length + item.length + 4;
  }
  return total;
}

/** Returns the media type of a Content-Type value, without parameters, in lower case. */
function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Builds the 415 for a body that is not JSON, or not of the media types its route of the API
 * contract accepts: a merge patch sent to a PUT would replace the whole record. It names the
 * route's types, and on a PATCH route also lists them in `Accept-Patch` (RFC 5789 §3.1), as the
 * service does for a JSON Patch.
 */
function unsupportedContentType(
  view: RequestView,
  contentType: string | undefined,
  routeTypes: readonly string[] | undefined,
): LimitViolation {
  const received = `Content-Type ${contentType ?? '(missing)'} is not accepted`;
  const accepted = routeTypes ?? ['application/json'];
  const violation: LimitViolation = {
    status: 415,
    reason: 'unsupported_media_type',
    detail: `${received}; send ${accepted.join(' or ')} in UTF-8`,
  };
  if (view.method === 'PATCH' && routeTypes !== undefined) {
    violation.headers = [['Accept-Patch', routeTypes.join(', ')]];
  }
  return violation;
}

export function bodyTooLarge(maxBodyBytes: number): LimitViolation {
  return {
    status: 413,
    reason: 'body_too_large',
    detail: `The body exceeds the limit of ${maxBodyBytes} bytes`,
    limitBytes: maxBodyBytes,
  };
}

function leadingCategory(matches: readonly RuleMatch[]): WafCategory {
  const totals = new Map<WafCategory, number>();
  for (const { rule } of matches) {
    totals.set(rule.category, (totals.get(rule.category) ?? 0) + rule.score);
  }
  let best: WafCategory = matches[0]?.rule.category ?? 'protocol';
  for (const [category, total] of totals) if (total > (totals.get(best) ?? 0)) best = category;
  return best;
}
