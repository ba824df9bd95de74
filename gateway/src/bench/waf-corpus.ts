import { cpus } from 'node:os';
import { buildAttackCorpus, buildBenignCorpus, evaluateCorpus } from '../stages/waf/corpus';
import { toRequestView } from '../stages/waf/corpus/corpus-request';
import { WafEngine } from '../stages/waf/waf-engine';

/**
 * Measures the WAF on the corpus: detection per attack category, false positives on benign API
 * traffic, and the time one inspection takes. Run it after a build:
 * `node gateway/dist/bench/waf-corpus.js`. Settings are the gateway defaults (WAF_* of gateway/src/config.ts).
 */
const SETTINGS = {
  threshold: 5,
  limits: { maxUrlBytes: 4096, maxHeaderBytes: 8192, maxBodyBytes: 102_400 },
};
/** Passes over the whole corpus for the timing figures. */
const TIMING_ROUNDS = 20;

function percent(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(1)} %`;
}

function write(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function printDetection(): void {
  const engine = new WafEngine(SETTINGS);
  const evaluation = evaluateCorpus(engine, buildAttackCorpus(), buildBenignCorpus());
  write('category            detected / total   rate     (stopped by a size or format limit)');
  for (const entry of evaluation.byCategory) {
    const counts = `${entry.detected} / ${entry.total}`.padEnd(18);
    write(
      `${entry.category.padEnd(20)}${counts} ${percent(entry.detected, entry.total).padEnd(8)} (${entry.limited})`,
    );
    for (const missed of entry.missed) write(`  missed: ${missed}`);
  }
  const { attackDetected, attackTotal, benignTotal, falsePositives } = evaluation;
  write(
    `${'all attacks'.padEnd(20)}${`${attackDetected} / ${attackTotal}`.padEnd(18)} ${percent(attackDetected, attackTotal)}`,
  );
  write();
  write(
    `benign requests: ${benignTotal}, blocked: ${falsePositives.length} (false-positive rate ${percent(falsePositives.length, benignTotal)})`,
  );
  for (const entry of falsePositives) write(`  false positive: ${entry.name} ${entry.verdict}`);
}

function printTiming(): void {
  const engine = new WafEngine(SETTINGS);
  const views = [...buildAttackCorpus(), ...buildBenignCorpus()].map((request) => ({
    request,
    benign: request.category === undefined,
  }));
  const samples: number[] = [];
  for (let round = 0; round < TIMING_ROUNDS; round += 1) {
    for (const { request, benign } of views) {
      if (!benign) continue;
      const view = toRequestView(request);
      const startedAt = process.hrtime.bigint();
      engine.inspect(view);
      samples.push(Number(process.hrtime.bigint() - startedAt) / 1000);
    }
  }
  samples.sort((left, right) => left - right);
  const at = (quantile: number) =>
    (samples[Math.min(samples.length - 1, Math.floor(quantile * samples.length))] ?? 0).toFixed(1);
  write();
  write(
    `inspection time per benign request (${samples.length} runs, body parse included): ` +
      `P50 ${at(0.5)} µs, P99 ${at(0.99)} µs, max ${at(1)} µs`,
  );
}

const cpu = cpus()[0]?.model ?? 'unknown cpu';
write(`machine: ${cpu}, ${cpus().length} cores, Node.js ${process.version}`);
write(`settings: threshold ${SETTINGS.threshold}, limits ${JSON.stringify(SETTINGS.limits)}`);
write();
printDetection();
printTiming();
