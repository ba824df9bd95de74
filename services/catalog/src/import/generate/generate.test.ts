import { generateScholarships } from '../generate';
import type { ScholarshipRecord } from '../types';
import { mulberry32 } from './prng';

const base: ScholarshipRecord = {
  sourceKey: 'name:davidson-fellows-scholarship',
  name: 'Davidson Fellows Scholarship',
  provider: null,
  description: 'Awards for extraordinary young people.',
  url: null,
  award: { min: 10000, max: 50000, currency: 'USD', text: '$10,000 - $50,000' },
  deadlinePublished: '2015-02-11',
  fieldsOfStudy: ['mathematics', 'physical_sciences'],
  gradeLevels: ['high_school_senior'],
  citizenship: [],
  states: ['NV'],
  minGpa: 3.2,
  genders: [],
  ethnicities: [],
  basis: 'merit',
  eligibilityNotes: null,
  sources: [{ source: 'helios', ref: 'id 76' }],
  guessed: [],
};

describe('mulberry32', () => {
  it('repeats a sequence for one seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('stays within [0, 1)', () => {
    const random = mulberry32(1);
    const values = Array.from({ length: 10_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });
});

describe('generateScholarships', () => {
  const rows = generateScholarships([base], 7, 500);

  it('is deterministic for one seed', () => {
    expect(generateScholarships([base], 7, 500)).toEqual(rows);
  });

  it('extends the same sequence for a larger count', () => {
    expect(generateScholarships([base], 7, 600).slice(0, 500)).toEqual(rows);
  });

  it('gives distinct synthetic keys', () => {
    expect(new Set(rows.map((row) => row.sourceKey)).size).toBe(500);
    expect(rows[0]?.sourceKey).toBe('synthetic:7:0');
  });

  it('varies names, amounts and GPA', () => {
    expect(new Set(rows.map((row) => row.name)).size).toBeGreaterThan(20);
    expect(new Set(rows.map((row) => row.award.max)).size).toBeGreaterThan(20);
    expect(new Set(rows.map((row) => row.minGpa)).size).toBeGreaterThan(3);
  });

  it('keeps amounts ordered and GPA in range', () => {
    for (const row of rows) {
      expect(row.award.min ?? 0).toBeLessThanOrEqual(row.award.max ?? Number.POSITIVE_INFINITY);
      expect(row.minGpa).toBeGreaterThanOrEqual(2);
      expect(row.minGpa).toBeLessThanOrEqual(4);
    }
  });

  it('rejects an empty base', () => {
    expect(() => generateScholarships([], 1, 1)).toThrow('without real records');
  });

  it('rejects a seed beyond 32 bits', () => {
    expect(() => generateScholarships([base], 2 ** 32, 1)).toThrow('Invalid seed 4294967296');
  });
});
