import { buildImportReport, summarizeSkipped } from './report';
import type { SkippedRow } from './types';

function skip(ref: string, reason: string, detail: string): SkippedRow {
  return { source: 'scholarship_for_everyone', ref, reason, detail };
}

describe('summarizeSkipped', () => {
  const summary = summarizeSkipped([
    skip('row 1', 'placeholder', 'Browse Awards'),
    skip('row 35', 'placeholder', 'Browse Awards'),
    skip('row 40', 'placeholder', 'Login'),
    skip('row 41', 'placeholder', 'Account Registration'),
    skip('row 42', 'placeholder', 'Student Registration'),
    skip('row 50', 'missing name', '(empty)'),
  ]);

  it('counts by reason', () => {
    expect(summary.total).toBe(6);
    expect(summary.byReason.placeholder?.count).toBe(5);
    expect(summary.byReason['missing name']?.count).toBe(1);
  });

  it('keeps three examples with distinct details', () => {
    expect(summary.byReason.placeholder?.examples.map((example) => example.detail)).toEqual([
      'Browse Awards',
      'Login',
      'Account Registration',
    ]);
  });
});

describe('buildImportReport', () => {
  it('sums the rows read', () => {
    const report = buildImportReport({
      checksum: 'sha256:0',
      today: '2025-12-04',
      rowsRead: { helios: 1, bigfuture_arizona: 2, scholarship_for_everyone: 3, islt_7310: 4 },
      normalized: 10,
      merged: 0,
      distinct: 10,
      counts: { inserted: 10, updated: 0, unchanged: 0, deletedByAdmin: 0 },
      skipped: [],
      durationMs: 12.4,
    });
    expect(report.rowsReadTotal).toBe(10);
    expect(report.inserted).toBe(10);
    expect(report.durationMs).toBe(12);
  });
});
