import { parsePrometheusText } from '../metrics';
import { RunRecorder } from '../recording';
import { buildArmReport } from './build-report';
import { renderHtml } from './render-html';
import { renderArmText } from './render-text';
import type { BenchReport } from './types';

/** Statement name, observations and their total seconds, all inside the first bucket (≤ 100 ms). */
const STATEMENTS: [string, number, number][] = [
  ['check_eligibility', 20, 0.2],
  ['count_awards', 50, 0.05],
  ['find_sponsor', 5, 0.04],
  ['get_program', 30, 0.3],
  ['list_deadlines', 8, 0.08],
  ['search_programs', 10, 0.6],
];

function endScrape(): string {
  return STATEMENTS.flatMap(([statement, count, sum]) => {
    const labels = `statement="${statement}",outcome="ok"`;
    return [
      `db_query_duration_seconds_bucket{${labels},le="0.1"} ${count}`,
      `db_query_duration_seconds_bucket{${labels},le="+Inf"} ${count}`,
      `db_query_duration_seconds_sum{${labels}} ${sum}`,
      `db_query_duration_seconds_count{${labels}} ${count}`,
    ];
  }).join('\n');
}

const arm = buildArmReport(
  {
    name: 'optimized',
    description: 'every optimization on',
    switches: undefined,
    rate: 10,
    durationMs: 1000,
    processes: [],
  },
  {
    recorder: new RunRecorder(0n),
    scrapes: [{ name: 'search', start: [], end: parsePrometheusText(endScrape()) }],
    startedAt: 'start',
    endedAt: 'end',
    window: { startNs: 0n, endNs: 0n },
  },
);

/** Names in rank order: search_programs 0.6 s, get_program 0.3 s, and so on down to 0.04 s. */
const RANKED = [
  'search_programs',
  'get_program',
  'check_eligibility',
  'list_deadlines',
  'count_awards',
  'find_sponsor',
];

describe('renderArmText statements', () => {
  const lines = renderArmText(arm).split('\n');
  const databaseLine = lines.findIndex((line) => line.startsWith('database p95'));
  const table = lines.slice(databaseLine + 1, databaseLine + 8);

  it('follows the database line with a header', () => {
    expect(databaseLine).toBeGreaterThan(0);
    expect(table[0]?.split(/\s{2,}/)).toEqual([
      'statement',
      'count',
      'mean ms',
      'p95 ms',
      'total s',
      'share',
    ]);
    expect(table[1]).toMatch(/^-+( +-+){5}$/);
  });

  it('lists the top five by total time', () => {
    const names = table.slice(2).map((line) => line.split(' ')[0]);
    expect(names).toEqual(RANKED.slice(0, 5));
    expect(lines.some((line) => line.startsWith('find_sponsor'))).toBe(false);
  });

  it('prints count, mean, p95, total and share', () => {
    // 10 observations in 0.6 s of 1.27 s; rank 9.5 of 10 inside the bucket from 0 to 100 ms.
    expect(table[2]?.split(/\s{2,}/)).toEqual([
      'search_programs',
      '10',
      '60.0',
      '95.0',
      '0.600',
      '47.2 %',
    ]);
  });

  it('aligns the table columns', () => {
    const widths = new Set(table.map((line) => line.length));
    expect(widths.size).toBe(1);
  });
});

describe('renderHtml statements', () => {
  const report: BenchReport = {
    createdAt: 'now',
    mode: 'compare',
    command: 'bench',
    machine: {
      cpuModel: 'cpu',
      cores: 2,
      memoryGiB: 4,
      nodeVersion: 'v20',
      platform: 'linux',
      loadAverageStart: [0, 0, 0],
      loadAverageEnd: [0, 0, 0],
    },
    settings: {},
    arms: [arm],
    comparison: undefined,
    ablation: undefined,
    capacity: undefined,
    gate: undefined,
    notes: [],
  };
  const html = renderHtml(report);
  const heading = html.indexOf('<h4>Database time by prepared statement');
  const section = html.slice(heading);

  it('adds a statement table to the arm', () => {
    expect(heading).toBeGreaterThan(0);
    expect(section).toContain(
      '<tr><td>search_programs</td><td>10</td><td>60.0</td><td>95.0</td><td>0.600</td><td>47.2 %</td></tr>',
    );
  });

  it('lists every kept statement in rank order', () => {
    const positions = RANKED.map((name) => section.indexOf(`<td>${name}</td>`));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
