import type { WafEngine, WafVerdict } from '../waf-engine';
import { WAF_CATEGORIES, type WafCategory } from '../waf-rule';
import { type CorpusRequest, toRequestView } from './corpus-request';

export interface CategoryDetection {
  category: WafCategory;
  total: number;
  /** Requests the WAF rejected: blocked by rules, or stopped by a size or format limit. */
  detected: number;
  /** Of the detected, those stopped by a limit (400, 413, 414, 415, 431) rather than rules. */
  limited: number;
  missed: string[];
}

export interface FalsePositive {
  name: string;
  verdict: string;
}

export interface CorpusEvaluation {
  byCategory: CategoryDetection[];
  attackTotal: number;
  attackDetected: number;
  benignTotal: number;
  falsePositives: FalsePositive[];
}

function describeVerdict(verdict: WafVerdict): string {
  if (verdict.kind === 'limit')
    return `limit ${verdict.violation.status} ${verdict.violation.reason}`;
  const rules = verdict.matches.map((match) => `${match.rule.id}@${match.location}`).join(' ');
  return `${verdict.kind} score ${verdict.score}: ${rules}`;
}

/** Runs every corpus request through the engine and counts detections and false positives. */
export function evaluateCorpus(
  engine: WafEngine,
  attacks: readonly CorpusRequest[],
  benign: readonly CorpusRequest[],
): CorpusEvaluation {
  const byCategory = new Map<WafCategory, CategoryDetection>(
    WAF_CATEGORIES.map((category) => [
      category,
      { category, total: 0, detected: 0, limited: 0, missed: [] },
    ]),
  );
  for (const request of attacks) {
    const entry = byCategory.get(request.category ?? 'protocol');
    if (entry === undefined) continue;
    const verdict = engine.inspect(toRequestView(request));
    entry.total += 1;
    if (verdict.kind === 'allow') entry.missed.push(`${request.name} ${describeVerdict(verdict)}`);
    else entry.detected += 1;
    if (verdict.kind === 'limit') entry.limited += 1;
  }
  const falsePositives: FalsePositive[] = [];
  for (const request of benign) {
    const verdict = engine.inspect(toRequestView(request));
    if (verdict.kind !== 'allow') {
      falsePositives.push({ name: request.name, verdict: describeVerdict(verdict) });
    }
  }
  const categories = [...byCategory.values()];
  return {
    byCategory: categories,
    attackTotal: categories.reduce((sum, entry) => sum + entry.total, 0),
    attackDetected: categories.reduce((sum, entry) => sum + entry.detected, 0),
    benignTotal: benign.length,
    falsePositives,
  };
}
