import { buildAttackCorpus, buildBenignCorpus, evaluateCorpus } from './corpus';
import { WafEngine } from './waf-engine';

const engine = new WafEngine({
  threshold: 5,
  limits: { maxUrlBytes: 4096, maxHeaderBytes: 8192, maxBodyBytes: 102_400 },
});

describe('WAF corpus', () => {
  const attacks = buildAttackCorpus();
  const benign = buildBenignCorpus();
  const evaluation = evaluateCorpus(engine, attacks, benign);

  it('has at least 500 requests of each kind', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(500);
    expect(benign.length).toBeGreaterThanOrEqual(500);
  });

  it('detects at least 95% of all attacks', () => {
    expect(evaluation.attackDetected / evaluation.attackTotal).toBeGreaterThanOrEqual(0.95);
  });

  it.each(evaluation.byCategory.map((entry) => [entry.category, entry] as const))(
    'detects at least 95%% of %s',
    (_category, entry) => {
      expect(entry.total).toBeGreaterThanOrEqual(50);
      expect({ missed: entry.missed, rate: entry.detected / entry.total >= 0.95 }).toEqual({
        missed: entry.missed,
        rate: true,
      });
    },
  );

  it('blocks no benign request', () => {
    expect(evaluation.falsePositives).toEqual([]);
  });
});
