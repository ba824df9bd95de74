import type { RequestView } from '../../edge';
import { buildAttackCorpus, buildBenignCorpus, toRequestView } from './corpus';
import { WafEngine, type WafVerdict } from './waf-engine';

function createEngine(): WafEngine {
  return new WafEngine({
    threshold: 5,
    limits: { maxUrlBytes: 2048, maxHeaderBytes: 8192, maxBodyBytes: 102_400 },
  });
}

/** Returns the verdict's score; a limit violation has none and reads as -1. */
function scoreOf(verdict: WafVerdict): number {
  return verdict.kind === 'limit' ? -1 : verdict.score;
}

function view(headers: RequestView['headers'], path = '/api/v1/search'): RequestView {
  return { method: 'GET', path, rawQuery: 'q=nursing', headers, clientAddress: '198.51.100.7' };
}

describe('WAF envelope verdicts', () => {
  const withoutBody = [...buildAttackCorpus(), ...buildBenignCorpus()]
    .filter((request) => request.body === undefined)
    .map(toRequestView);

  it('matches a fresh scoring for every corpus request, first and second time', () => {
    const engine = createEngine();
    const reference = createEngine();
    const mismatches: string[] = [];
    for (const request of [...withoutBody, ...withoutBody]) {
      const expected = reference.decide(reference.scoreEnvelope(request));
      const verdict = engine.judgeEnvelope(request);
      if (verdict.kind !== expected.kind || scoreOf(verdict) !== scoreOf(expected)) {
        mismatches.push(`${request.method} ${request.path}?${request.rawQuery}`);
      }
    }
    expect(withoutBody.length).toBeGreaterThan(500);
    expect(mismatches).toEqual([]);
  });

  it('judges a head again when one header changes', () => {
    const engine = createEngine();
    const benign = view({ 'user-agent': 'Mozilla/5.0', accept: 'application/json' });
    const scanner = view({ 'user-agent': 'sqlmap/1.7', accept: 'application/json' });
    const smuggled = view({ 'user-agent': 'Mozilla/5.0', accept: 'application/json () { :; };' });

    expect(engine.judgeEnvelope(benign).kind).toBe('allow');
    expect(scoreOf(engine.judgeEnvelope(scanner))).toBeGreaterThan(0);
    expect(scoreOf(engine.judgeEnvelope(smuggled))).toBeGreaterThan(0);
    expect(engine.judgeEnvelope(benign).kind).toBe('allow');
  });

  it('keeps heads apart whose names and values only split differently', () => {
    const engine = createEngine();
    const userAgent = view({ 'user-agent': 'sqlmap/1.7' });
    const joined = view({ 'user-agentsqlmap': '/1.7' });

    expect(scoreOf(engine.judgeEnvelope(userAgent))).toBeGreaterThan(0);
    expect(scoreOf(engine.judgeEnvelope(joined))).toBe(0);
  });

  it('scores a head too long to remember without remembering it', () => {
    const engine = createEngine();
    const long = view({ 'user-agent': 'sqlmap/1.7', 'x-padding': 'a'.repeat(5000) });

    expect(scoreOf(engine.judgeEnvelope(long))).toBeGreaterThan(0);
    expect(scoreOf(engine.judgeEnvelope(long))).toBeGreaterThan(0);
  });
});
