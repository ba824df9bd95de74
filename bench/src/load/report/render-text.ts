import type { StatementSummary } from '../metrics';
import {
  formatMs,
  formatMultiple,
  formatPercent,
  formatRatio,
  statementCells,
  textTable,
} from './format';
import type { ArmReport, BenchReport, GateResult, RouteSummary } from './types';

const ROUTE_HEADER = [
  'route',
  'requests',
  'req/s',
  'p50',
  'p90',
  'p95',
  'p99',
  'max',
  'errors',
  'hit',
];

function routeRow(summary: RouteSummary): string[] {
  return [
    summary.route,
    String(summary.requests),
    summary.throughputPerSecond.toFixed(1),
    formatMs(summary.p50Ms),
    formatMs(summary.p90Ms),
    formatMs(summary.p95Ms),
    formatMs(summary.p99Ms),
    formatMs(summary.maxMs),
    formatRatio(summary.errorRatio),
    formatRatio(summary.hitRatio, 1),
  ];
}

/** Number of statements the text report lists per arm, fewer than the JSON and HTML reports keep. */
const TEXT_STATEMENT_ROWS = 5;

/** Lays out the statements with the most database time, or returns undefined when none ran. */
function statementTable(statements: readonly StatementSummary[]): string | undefined {
  if (statements.length === 0) return undefined;
  const rows = statements.slice(0, TEXT_STATEMENT_ROWS).map(statementCells);
  return textTable(['statement', 'count', 'mean ms', 'p95 ms', 'total s', 'share'], rows);
}

/** Renders one arm's tables and process figures as plain text. */
export function renderArmText(arm: ArmReport): string {
  const lines = [
    `== ${arm.name} (${arm.description}) at ${arm.rate} req/s for ${arm.durationSeconds} s; latency in ms`,
    textTable(ROUTE_HEADER, [...arm.routes.map(routeRow), routeRow(arm.overall)]),
  ];
  const metrics = arm.metrics;
  if (metrics !== undefined) {
    lines.push(
      `database p95 ${formatMs(metrics.database.p95Ms)} ms over ${metrics.database.count} statements;` +
        ` edge stages ${formatMs(metrics.gatewayStagesMeanTotalMs)} ms per request on average;` +
        ` cache hit ratio from gateway_cache_requests_total ${formatRatio(metrics.cache.hitRatio, 1)}`,
    );
    const statements = statementTable(metrics.databaseStatements);
    if (statements !== undefined) lines.push(statements);
  }
  const processes = arm.processes
    .map(
      (process) =>
        `${process.name} ready in ${Math.round(process.startupMs)} ms, ` +
        `event-loop lag p99 ${process.eventLoopLagP99Ms === null ? 'not reported' : `${formatMs(process.eventLoopLagP99Ms)} ms`}`,
    )
    .join('; ');
  if (processes !== '') lines.push(processes);
  lines.push(`generator send lag p99 ${formatMs(arm.sendLag.p99Ms)} ms`);
  return lines.join('\n');
}

function renderComparison(report: BenchReport): string | undefined {
  if (report.comparison === undefined) return undefined;
  const rows = report.comparison.map((row) => [
    row.metric.replace('Ms', ''),
    formatMs(row.baselineMs),
    formatMs(row.optimizedMs),
    formatPercent(row.reductionPercent),
    formatMultiple(row.baselineToBare),
    formatMultiple(row.optimizedToBare),
  ]);
  return [
    '== baseline against optimized (overall, ms)',
    textTable(
      ['metric', 'baseline', 'optimized', 'reduction', 'baseline/bare', 'optimized/bare'],
      rows,
    ),
  ].join('\n');
}

function renderAblation(report: BenchReport): string | undefined {
  if (report.ablation === undefined) return undefined;
  const rows = report.ablation.map((entry) => [
    entry.arm,
    entry.skipped === undefined ? formatMs(entry.p95Ms) : 'skipped',
    entry.skipped ?? formatPercent(entry.p95ReductionPercent),
  ]);
  return ['== ablation (overall p95)', textTable(['arm', 'p95 ms', 'p95 reduction'], rows)].join(
    '\n',
  );
}

function renderCapacity(report: BenchReport): string | undefined {
  if (report.capacity === undefined) return undefined;
  const lines = ['== capacity at the objectives'];
  for (const result of report.capacity) {
    const steps = result.steps
      .map(
        (step) =>
          `${step.rate}${step.held ? ' held' : ' missed'} (p95 ${formatMs(step.overall.p95Ms)})`,
      )
      .join(', ');
    const capacity = result.capacity === null ? 'none' : `${result.capacity} req/s`;
    const budget = result.budgetExhausted ? ' (time budget ran out)' : '';
    lines.push(`${result.arm}: ${capacity}${budget}; steps ${steps}`);
  }
  return lines.join('\n');
}

function renderGate(gate: GateResult | undefined): string | undefined {
  if (gate === undefined) return undefined;
  const checks = gate.checks.map((check) => {
    const value = check.unit === 'ms' ? `${formatMs(check.value)} ms` : formatRatio(check.value);
    const limit =
      check.unit === 'ms' ? `${formatMs(check.threshold)} ms` : formatRatio(check.threshold);
    return `  ${check.passed ? 'pass' : 'FAIL'}  ${check.name} ${value} (threshold ${limit})`;
  });
  return [`== gate on ${gate.arm}: ${gate.passed ? 'passed' : 'FAILED'}`, ...checks].join('\n');
}

/** Renders the report as plain text for the terminal. */
export function renderText(report: BenchReport): string {
  const sections = [
    `machine: ${report.machine.cpuModel}, ${report.machine.cores} cores, ` +
      `${report.machine.memoryGiB} GiB, Node.js ${report.machine.nodeVersion}, ` +
      `load average ${report.machine.loadAverageStart.map((value) => value.toFixed(2)).join(' ')}`,
    ...report.arms.map(renderArmText),
    renderComparison(report),
    renderAblation(report),
    renderCapacity(report),
    renderGate(report.gate),
    ...report.notes.map((note) => `note: ${note}`),
  ];
  return sections.filter((section) => section !== undefined).join('\n\n');
}
