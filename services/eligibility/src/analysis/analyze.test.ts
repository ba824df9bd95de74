import type { CandidateRow } from '../eligibility/candidate';
import { profileWith } from '../test-support/profiles';
import { type AnalyzedScholarship, analyzeScholarship } from './analyze';
import { CRITERION_WEIGHTS, FAILED_SCORE_CAP } from './weights';

const TODAY = '2026-12-04';

function scholarship(overrides: Partial<CandidateRow> = {}): AnalyzedScholarship {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Test Award',
    provider: 'Test Foundation',
    award_amount_min: 1000,
    award_amount_max: 1000,
    award_currency: 'USD',
    award_text: '$1,000',
    deadline: '2026-12-16',
    deadline_published: '2026-12-16',
    deadline_estimated: false,
    grade_level: [],
    min_gpa: null,
    state: [],
    citizenship: [],
    field_of_study: [],
    gender: [],
    ethnicity: [],
    basis: null,
    version: 3,
    ...overrides,
  };
}

function lineOf(analysis: ReturnType<typeof analyzeScholarship>, criterion: string) {
  return analysis.breakdown.find((line) => line.criterion === criterion);
}

describe('weights', () => {
  it('add up to 100', () => {
    const total = Object.values(CRITERION_WEIGHTS).reduce((sum, weight) => sum + weight, 0);
    expect(total).toBe(100);
  });
});

describe('analyzeScholarship', () => {
  it('scores a full match 100 with its strengths', () => {
    const analysis = analyzeScholarship(
      profileWith({ gpa: 3.5, state: 'AZ' }),
      scholarship({ min_gpa: 3, state: ['AZ'] }),
      TODAY,
    );
    expect(analysis.status).toBe('eligible');
    expect(analysis.score).toBe(100);
    expect(analysis.scoreCap).toBeNull();
    expect(analysis.computedFor).toBe(TODAY);
    expect(analysis.scholarship.version).toBe(3);
    expect(analysis.strengths).toEqual([
      'GPA 3.5 meets the minimum of 3.0',
      'open to students in AZ',
      'the deadline 2026-12-16 is in 12 days',
    ]);
    expect(analysis.gaps).toEqual([]);
    expect(analysis.nextSteps).toEqual(['deadline in 12 days: apply by 2026-12-16']);
  });

  it('lists every criterion and the deadline in the breakdown', () => {
    const analysis = analyzeScholarship(profileWith({}), scholarship(), TODAY);
    expect(analysis.breakdown.map((line) => line.criterion)).toEqual([
      'gradeLevel',
      'gpa',
      'state',
      'citizenship',
      'fieldOfStudy',
      'gender',
      'ethnicity',
      'basis',
      'deadline',
    ]);
    expect(analysis.breakdown.every((line) => line.points === line.weight)).toBe(true);
    expect(analysis.strengths).toContain('open to every student: no eligibility restriction');
  });

  it('asks to raise a GPA below the minimum and caps the score', () => {
    const analysis = analyzeScholarship(
      profileWith({ gpa: 3.1 }),
      scholarship({ min_gpa: 3.3 }),
      TODAY,
    );
    expect(analysis.status).toBe('ineligible');
    expect(lineOf(analysis, 'gpa')).toEqual({
      criterion: 'gpa',
      outcome: 'fail',
      weight: 20,
      points: 0,
      reason: 'GPA 3.1 is below the minimum of 3.3',
    });
    expect(analysis.score).toBe(FAILED_SCORE_CAP);
    expect(analysis.scoreCap).toBe(FAILED_SCORE_CAP);
    expect(analysis.gaps).toEqual(['GPA 3.1 is below the minimum of 3.3']);
    expect(analysis.nextSteps[0]).toBe('raise GPA from 3.1 to 3.3');
  });

  it('gives half the points and a step for an unstated state', () => {
    const analysis = analyzeScholarship(profileWith({}), scholarship({ state: ['AZ'] }), TODAY);
    expect(analysis.status).toBe('possibly_eligible');
    expect(lineOf(analysis, 'state')?.points).toBe(7.5);
    // 100 - 7.5 = 92.5, rounded half up.
    expect(analysis.score).toBe(93);
    expect(analysis.nextSteps[0]).toBe(
      'add your state to your profile: this scholarship is limited to AZ residents',
    );
  });

  it('names every accepted value in the unknown steps', () => {
    const analysis = analyzeScholarship(
      profileWith({}),
      scholarship({
        grade_level: ['high_school_senior', 'undergraduate'],
        min_gpa: 3,
        citizenship: ['us_citizen', 'permanent_resident'],
        field_of_study: ['nursing', 'health_sciences'],
        gender: ['female'],
        ethnicity: ['hispanic'],
        basis: 'need',
      }),
      TODAY,
    );
    expect(analysis.nextSteps).toEqual([
      'add your grade level to your profile: this scholarship is open only to high school seniors or undergraduates',
      'add your GPA to your profile: this scholarship requires at least 3.0',
      'add your citizenship status to your profile: this scholarship is open only to U.S. citizens or permanent residents',
      'add your field of study to your profile: this scholarship is for students of nursing or health sciences',
      'add your gender to your profile: this scholarship is open only to female students',
      'add your ethnicity to your profile: this scholarship is for students who identify as hispanic',
      'state in your profile whether you have financial need: this scholarship is need-based',
      'deadline in 12 days: apply by 2026-12-16',
    ]);
    // Seven unknowns earn half of their 80 points; state and deadline earn all of their 20.
    expect(analysis.score).toBe(60);
  });

  it('names folded ethnicities like the reason', () => {
    const analysis = analyzeScholarship(
      profileWith({}),
      scholarship({ ethnicity: ['Hispanic', 'HISPANIC', ' Latino '] }),
      TODAY,
    );
    expect(lineOf(analysis, 'ethnicity')?.reason).toBe(
      'open only to students who identify as hispanic or latino; the profile gives no ethnicity',
    );
    expect(analysis.nextSteps[0]).toBe(
      'add your ethnicity to your profile: this scholarship is for students who identify as hispanic or latino',
    );
  });

  it('suggests waiting for a later grade level only', () => {
    const graduate = scholarship({ grade_level: ['graduate'] });
    const senior = analyzeScholarship(
      profileWith({ gradeLevel: 'undergraduate' }),
      graduate,
      TODAY,
    );
    expect(senior.nextSteps[0]).toBe(
      'apply when you reach the grade level: this scholarship is open only to graduate students',
    );
    const highSchool = scholarship({ grade_level: ['high_school_senior'] });
    const past = analyzeScholarship(profileWith({ gradeLevel: 'graduate' }), highSchool, TODAY);
    expect(past.nextSteps).toEqual(['deadline in 12 days: apply by 2026-12-16']);
  });

  it('suggests adding a field of study and nothing for a fixed trait', () => {
    const analysis = analyzeScholarship(
      profileWith({ fieldsOfStudy: ['arts'], gender: 'male', state: 'TX' }),
      scholarship({ field_of_study: ['nursing'], gender: ['female'], state: ['AZ'] }),
      TODAY,
    );
    expect(analysis.nextSteps).toEqual([
      'add nursing to your fields of study if you plan to study it: this scholarship is for students of nursing',
      'deadline in 12 days: apply by 2026-12-16',
    ]);
    expect(analysis.gaps).toEqual([
      'open only to students in AZ, not students in TX',
      'open only to students of nursing, not students of arts',
      'open only to female students, not male students',
    ]);
  });

  it('counts a deadline today as open', () => {
    const analysis = analyzeScholarship(profileWith({}), scholarship({ deadline: TODAY }), TODAY);
    expect(lineOf(analysis, 'deadline')?.reason).toBe('the deadline 2026-12-04 is today');
    expect(analysis.nextSteps).toEqual(['deadline today: apply by 2026-12-04']);
    expect(analysis.score).toBe(100);
  });

  it('asks to confirm an estimated deadline', () => {
    const analysis = analyzeScholarship(
      profileWith({}),
      scholarship({
        deadline: '2026-12-05',
        deadline_published: '2015-12-05',
        deadline_estimated: true,
      }),
      TODAY,
    );
    expect(lineOf(analysis, 'deadline')?.reason).toBe(
      'the estimated deadline 2026-12-05 is in 1 day',
    );
    expect(analysis.nextSteps).toEqual([
      'deadline in 1 day: apply by 2026-12-05',
      'confirm the deadline with the provider: 2026-12-05 is estimated from the published deadline 2015-12-05',
    ]);
  });

  it('gives half the deadline points when none is published', () => {
    const analysis = analyzeScholarship(profileWith({}), scholarship({ deadline: null }), TODAY);
    expect(lineOf(analysis, 'deadline')).toMatchObject({ outcome: 'unknown', points: 2.5 });
    expect(analysis.gaps).toEqual(['no deadline is published']);
    expect(analysis.nextSteps).toEqual([
      'check with the provider for a deadline: none is published',
    ]);
    expect(analysis.score).toBe(98);
  });

  it('caps the score once the deadline has passed', () => {
    const analysis = analyzeScholarship(
      profileWith({}),
      scholarship({ deadline: '2026-11-30' }),
      TODAY,
    );
    expect(lineOf(analysis, 'deadline')?.reason).toBe('the deadline 2026-11-30 passed 4 days ago');
    expect(analysis.status).toBe('eligible');
    expect(analysis.score).toBe(FAILED_SCORE_CAP);
    expect(analysis.nextSteps).toEqual([
      'watch for the next application cycle: the deadline 2026-11-30 has passed',
    ]);
  });

  it('depends only on its inputs', () => {
    const profile = profileWith({ gpa: 2.9, state: 'AZ' });
    const row = scholarship({ min_gpa: 3, state: ['AZ'] });
    expect(analyzeScholarship(profile, row, TODAY)).toEqual(
      analyzeScholarship(profile, row, TODAY),
    );
    expect(analyzeScholarship(profile, row, '2026-12-05').nextSteps).toContain(
      'deadline in 11 days: apply by 2026-12-16',
    );
  });
});
