import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findDataDir } from '../find-data-dir';
import { parseCsvWithHeader } from '../sources/parse-csv';
import { guessFieldsFromTitle, mapCategoryList, mapMajors } from './fields-of-study';
import { splitList } from './list';

describe('mapMajors', () => {
  it('maps helios majors', () => {
    const result = mapMajors(['Software Engineering', 'Nursing', 'Pre-Med', 'Economics']);
    expect(result.fields).toEqual([
      'business',
      'computer_science',
      'engineering',
      'medicine',
      'nursing',
      'social_sciences',
    ]);
    expect(result.unknown).toEqual([]);
  });

  it('reports unknown majors', () => {
    expect(mapMajors(['Basket Weaving']).unknown).toEqual(['Basket Weaving']);
  });

  it('knows a known major without a field', () => {
    expect(mapMajors(['Military Science'])).toEqual({ fields: [], unknown: [] });
  });
});

describe('mapCategoryList', () => {
  it('splits categories that contain "and"', () => {
    const result = mapCategoryList(
      'Biology/Life Sciences, Medicine and Health Sciences and Sciences',
    );
    expect(result.fields).toEqual([
      'health_sciences',
      'life_sciences',
      'medicine',
      'physical_sciences',
    ]);
    expect(result.unknown).toEqual([]);
    expect(result.truncated).toBe(false);
  });

  it('marks a list cut off with "..."', () => {
    const result = mapCategoryList(
      'Business/Management, Computer & Information Systems, Engineering, Mathematics, Transportation/Logistics...',
    );
    expect(result.fields).toEqual(['business', 'computer_science', 'engineering', 'mathematics']);
    expect(result.truncated).toBe(true);
  });

  it('gives no restriction for Unrestricted', () => {
    expect(mapCategoryList('Unrestricted')).toEqual({ fields: [], unknown: [], truncated: false });
  });
});

describe('guessFieldsFromTitle', () => {
  it.each([
    ['Golden State Nursing Foundation BSN Scholarship', ['nursing']],
    ['Florida Engineering Society High School Scholarship', ['engineering']],
    ['SEAFWA’s Law Enforcement Chief’s Scholarship', ['criminal_justice']],
    ['Chicago Culinary Museum and Chef’s Hall of Fame Scholarship', ['trades']],
    ['Avisen Legal’s Business Law Scholarship', ['business', 'law']],
    [
      'Women in STEM Academic Scholarship',
      ['computer_science', 'engineering', 'life_sciences', 'mathematics', 'physical_sciences'],
    ],
    ['The Kyle Robinson Memorial Scholarship', []],
    ['KSKJ Life College Educational Scholarship', []],
  ])('guesses %j', (title, fields) => {
    expect(guessFieldsFromTitle(title)).toEqual(fields);
  });
});

describe('category table coverage', () => {
  const dataDir = findDataDir(__dirname);

  it('knows every helios major', () => {
    const rows: Array<{ major: string }> = JSON.parse(
      readFileSync(path.join(dataDir, 'helios/scholarships.json'), 'utf8'),
    );
    const majors = [...new Set(rows.flatMap((row) => splitList(row.major)))];
    // SOURCES.md counts 93 distinct values, one of which is the N/A sentinel.
    expect(majors).toHaveLength(92);
    expect(mapMajors(majors).unknown).toEqual([]);
  });

  it('knows every IEFA category', () => {
    const text = readFileSync(
      path.join(dataDir, 'scholarship_for_everyone/scholarships.csv'),
      'utf8',
    );
    const rows = parseCsvWithHeader(text, ['Submission Deadline'], 'IEFA');
    const unknown = rows.flatMap((row) => mapCategoryList(row['Submission Deadline']).unknown);
    expect([...new Set(unknown)]).toEqual([]);
  });
});
