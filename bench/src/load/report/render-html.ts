import type { StatementSummary } from '../metrics';
import { formatMs, formatMultiple, formatPercent, formatRatio, statementCells } from './format';
import { barChart, escapeXml, lineChart } from './svg-charts';
import type { ArmReport, BenchReport, RouteSummary } from './types';

const STYLE = `
body { font-family: sans-serif; margin: 2em; color: #222; max-width: 1100px; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { background: #f3f3f3; }
.pass { color: #006400; } .fail { color: #b00020; font-weight: bold; }
figure { margin: 1em 0; }
code { background: #f3f3f3; padding: 1px 4px; }
`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map((cell) => `<th>${escapeXml(cell)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeXml(cell)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function routeRows(routes: readonly RouteSummary[]): string[][] {
  return routes.map((route) => [
    route.route,
    String(route.requests),
    route.throughputPerSecond.toFixed(1),
    formatMs(route.p50Ms),
    formatMs(route.p90Ms),
    formatMs(route.p95Ms),
    formatMs(route.p99Ms),
    formatMs(route.maxMs),
    formatRatio(route.errorRatio),
    Object.entries(route.errorReasons)
      .map(([reason, count]) => `${reason}: ${count}`)
      .join(', '),
    formatRatio(route.hitRatio, 1),
  ]);
}

const ROUTE_HEADER = [
  'route',
  'requests',
  'req/s',
  'p50 ms',
  'p90 ms',
  'p95 ms',
  'p99 ms',
  'max ms',
  'errors',
  'error reasons',
  'hit ratio',
];

function statementTable(statements: readonly StatementSummary[]): string {
  return table(
    ['statement', 'count', 'mean ms', 'p95 ms', 'total s', 'share of database time'],
    statements.map(statementCells),
  );
}

function armSection(arm: ArmReport): string {
  const parts = [
    `<h3>${escapeXml(arm.name)}: ${escapeXml(arm.description)}</h3>`,
    `<p>${arm.rate} requests/s for ${arm.durationSeconds} s, from ${escapeXml(arm.startedAt)}. ` +
      `Generator send lag p99 ${formatMs(arm.sendLag.p99Ms)} ms.</p>`,
    table(ROUTE_HEADER, routeRows([...arm.routes, arm.overall])),
  ];
  const metrics = arm.metrics;
  if (metrics !== undefined) {
    const database = Object.entries(metrics.databaseByService).map(([service, summary]) => [
      service,
      String(summary.count),
      formatMs(summary.p50Ms),
      formatMs(summary.p95Ms),
      formatMs(summary.p99Ms),
    ]);
    database.push([
      'all services',
      String(metrics.database.count),
      formatMs(metrics.database.p50Ms),
      formatMs(metrics.database.p95Ms),
      formatMs(metrics.database.p99Ms),
    ]);
    parts.push('<h4>Database statements (db_query_duration_seconds)</h4>');
    parts.push(table(['service', 'statements', 'p50 ms', 'p95 ms', 'p99 ms'], database));
    if (metrics.databaseStatements.length > 0) {
      parts.push(
        '<h4>Database time by prepared statement, largest total first</h4>',
        statementTable(metrics.databaseStatements),
      );
    }
    parts.push(
      '<h4>Gateway edge stages (gateway_stage_duration_seconds)</h4>',
      table(
        ['stage', 'count', 'p50 ms', 'p95 ms', 'mean ms'],
        metrics.gatewayStages.map((stage) => [
          stage.stage,
          String(stage.count),
          formatMs(stage.p50Ms),
          formatMs(stage.p95Ms),
          formatMs(stage.meanMs),
        ]),
      ),
      `<p>All stages together: ${formatMs(metrics.gatewayStagesMeanTotalMs)} ms per request on average. ` +
        `Cache hit ratio from X-Cache: ${formatRatio(arm.overall.hitRatio, 1)}; ` +
        `from gateway_cache_requests_total: ${formatRatio(metrics.cache.hitRatio, 1)}.</p>`,
    );
  }
  parts.push(
    table(
      ['process', 'pid', 'start-up to ready ms', 'event-loop lag p99 ms'],
      arm.processes.map((process) => [
        process.name,
        String(process.pid),
        String(Math.round(process.startupMs)),
        formatMs(process.eventLoopLagP99Ms),
      ]),
    ),
  );
  return parts.join('\n');
}

function charts(report: BenchReport): string {
  const arms = report.arms;
  const routes = [...new Set(arms.flatMap((arm) => arm.routes.map((route) => route.route)))];
  const groups = [...routes, 'overall'];
  const percentileOf = (arm: ArmReport, group: string, key: 'p50Ms' | 'p95Ms' | 'p99Ms') =>
    group === 'overall'
      ? arm.overall[key]
      : (arm.routes.find((route) => route.route === group)?.[key] ?? null);
  const percentileCharts = (['p50Ms', 'p95Ms', 'p99Ms'] as const).map((key) =>
    barChart(
      `${key.replace('Ms', '').toUpperCase()} latency by route and arm`,
      groups,
      arms.map((arm) => ({
        name: arm.name,
        values: groups.map((group) => percentileOf(arm, group, key)),
      })),
      'ms',
    ),
  );
  const latencyOverTime = lineChart(
    'P95 latency per second',
    arms.map((arm) => ({
      name: arm.name,
      points: arm.timeline.map((p) => ({ x: p.second, y: p.p95Ms })),
    })),
    { x: 'second of the measurement', y: 'ms' },
  );
  const hitsOverTime = lineChart(
    'Cache hit ratio per second',
    arms.map((arm) => ({
      name: arm.name,
      points: arm.timeline.map((p) => ({
        x: p.second,
        y: p.hitRatio === null ? null : p.hitRatio * 100,
      })),
    })),
    { x: 'second of the measurement', y: '% of cacheable responses', yMaximum: 100 },
  );
  return [...percentileCharts, latencyOverTime, hitsOverTime]
    .map((svg) => `<figure>${svg}</figure>`)
    .join('\n');
}

function comparisonSection(report: BenchReport): string {
  if (report.comparison === undefined) return '';
  return (
    '<h2>Baseline against optimized</h2>' +
    table(
      [
        'overall',
        'baseline ms',
        'optimized ms',
        'reduction',
        'baseline / bare',
        'optimized / bare',
      ],
      report.comparison.map((row) => [
        row.metric.replace('Ms', ''),
        formatMs(row.baselineMs),
        formatMs(row.optimizedMs),
        formatPercent(row.reductionPercent),
        formatMultiple(row.baselineToBare),
        formatMultiple(row.optimizedToBare),
      ]),
    )
  );
}

function ablationSection(report: BenchReport): string {
  if (report.ablation === undefined) return '';
  return (
    '<h2>Ablation</h2>' +
    table(
      ['arm', 'p95 ms', 'p95 reduction against the baseline'],
      report.ablation.map((entry) => [
        entry.arm,
        entry.skipped === undefined ? formatMs(entry.p95Ms) : 'not measured',
        entry.skipped ?? formatPercent(entry.p95ReductionPercent),
      ]),
    )
  );
}

function capacitySection(report: BenchReport): string {
  if (report.capacity === undefined) return '';
  const rows = report.capacity.flatMap((result) =>
    result.steps.map((step) => [
      result.arm,
      String(step.rate),
      formatMs(step.overall.p95Ms),
      formatMs(step.overall.p99Ms),
      formatRatio(step.overall.errorRatio),
      step.held ? 'held' : 'missed',
    ]),
  );
  const summary = report.capacity
    .map(
      (result) =>
        `${result.arm}: ${result.capacity === null ? 'none' : `${result.capacity} requests/s`}`,
    )
    .join('; ');
  return `<h2>Capacity</h2><p>${escapeXml(summary)}</p>${table(['arm', 'rate', 'p95 ms', 'p99 ms', 'errors', 'objectives'], rows)}`;
}

function gateSection(report: BenchReport): string {
  const gate = report.gate;
  if (gate === undefined) return '';
  const rows = gate.checks.map((check) => [
    check.name,
    check.unit === 'ms' ? `${formatMs(check.value)} ms` : formatRatio(check.value),
    check.unit === 'ms' ? `${formatMs(check.threshold)} ms` : formatRatio(check.threshold),
    check.passed ? 'pass' : 'FAIL',
  ]);
  const verdict = gate.passed
    ? '<span class="pass">passed</span>'
    : '<span class="fail">failed</span>';
  return `<h2>Gate on ${escapeXml(gate.arm)}: ${verdict}</h2>${table(['check', 'value', 'threshold', 'result'], rows)}`;
}

/** Renders the report as one self-contained HTML page: inline CSS and SVG, no scripts or fonts. */
export function renderHtml(report: BenchReport): string {
  const machine = report.machine;
  const settings = Object.entries(report.settings)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [name, JSON.stringify(value)]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Load test ${escapeXml(report.createdAt)}</title>
<style>${STYLE}</style></head><body>
<h1>Load test of the platform, ${escapeXml(report.createdAt)}</h1>
<p>Mode <code>${escapeXml(report.mode)}</code>, command <code>${escapeXml(report.command)}</code>.</p>
<p>${escapeXml(machine.cpuModel)}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node.js ${escapeXml(machine.nodeVersion)}, ${escapeXml(machine.platform)}.
Load average at the start ${machine.loadAverageStart.map((value) => value.toFixed(2)).join(' ')}, at the end ${machine.loadAverageEnd.map((value) => value.toFixed(2)).join(' ')}.</p>
${gateSection(report)}
${comparisonSection(report)}
${ablationSection(report)}
${capacitySection(report)}
<h2>Charts</h2>
${charts(report)}
<h2>Arms</h2>
${report.arms.map(armSection).join('\n')}
<h2>Settings</h2>
${table(['setting', 'value'], settings)}
${report.notes.length === 0 ? '' : `<h2>Notes</h2><ul>${report.notes.map((note) => `<li>${escapeXml(note)}</li>`).join('')}</ul>`}
</body></html>
`;
}
