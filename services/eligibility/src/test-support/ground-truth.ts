import type { CriterionName } from '../eligibility/criteria';

/**
 * Ground truth for eligibility on the imported data: profiles just inside and
 * just outside each limit of real records, with the status a student must
 * get. Every base profile passes every criterion of its record, and each case
 * changes one value, so exactly one criterion decides it: it passes at its
 * limit (`eligible`), is unknown (`possibly_eligible`), or fails
 * (`ineligible`, left out of the check).
 *
 * The criteria below were read from the importer's output for `today`
 * 2026-12-04; the records come from `data/scholarships/helios` and
 * `data/scholarships/bigfuture_arizona`, and names are unique among them.
 */

export type ExpectedStatus = 'eligible' | 'possibly_eligible' | 'ineligible';

/** A profile as the API receives it; omitted fields are unstated. */
export interface ProfileInput {
  gradeLevel?: string;
  gpa?: number;
  state?: string;
  citizenship?: string;
  fieldsOfStudy?: string[];
  gender?: string;
  ethnicities?: string[];
  financialNeed?: boolean;
}

export interface GroundTruthCase {
  /** Exact name of the imported record. */
  scholarship: string;
  profile: ProfileInput;
  expected: ExpectedStatus;
  /** The criterion at its limit, unknown, or failing. */
  deciding: CriterionName;
  /** Summary of the case, shown in the test name. */
  summary: string;
}

type Variation = [
  summary: string,
  change: ProfileInput & { omit?: keyof ProfileInput },
  expected: ExpectedStatus,
  deciding: CriterionName,
];

/** Cases of one record: its passing base profile and one change per case. */
function around(scholarship: string, base: ProfileInput, variations: Variation[]) {
  return variations.map(([summary, change, expected, deciding]): GroundTruthCase => {
    const { omit, ...values } = change;
    const profile: ProfileInput = { ...base, ...values };
    if (omit) delete profile[omit];
    return { scholarship, profile, expected, deciding, summary };
  });
}

const SENIOR = 'high_school_senior';

export const GROUND_TRUTH: GroundTruthCase[] = [
  // helios: senior, GPA 2.50, merit.
  ...around('Burger King Scholars Program', { gradeLevel: SENIOR, gpa: 2.5 }, [
    ['GPA equal to the 2.50 minimum', {}, 'eligible', 'gpa'],
    ['GPA 0.01 below the minimum', { gpa: 2.49 }, 'ineligible', 'gpa'],
    [
      'a junior for a seniors-only award',
      { gradeLevel: 'high_school_junior' },
      'ineligible',
      'gradeLevel',
    ],
    ['no GPA stated', { omit: 'gpa' }, 'possibly_eligible', 'gpa'],
    ['no need on a merit award', { financialNeed: false }, 'eligible', 'basis'],
  ]),
  // helios: senior, GPA 3.00, merit.
  ...around('Coca Cola Scholars Program', { gradeLevel: SENIOR, gpa: 3 }, [
    ['GPA equal to the 3.00 minimum', {}, 'eligible', 'gpa'],
    ['GPA 0.01 below the minimum', { gpa: 2.99 }, 'ineligible', 'gpa'],
    [
      'an undergraduate for a seniors-only award',
      { gradeLevel: 'undergraduate' },
      'ineligible',
      'gradeLevel',
    ],
    ['no grade level stated', { omit: 'gradeLevel' }, 'possibly_eligible', 'gradeLevel'],
  ]),
  // helios: undergraduate, GPA 3.50, computer science or engineering, female, merit.
  ...around(
    'Google Anita Borg Memorial Scholarship',
    {
      gradeLevel: 'undergraduate',
      gpa: 3.5,
      fieldsOfStudy: ['computer_science'],
      gender: 'female',
    },
    [
      ['a woman in computer science', {}, 'eligible', 'gender'],
      ['a man', { gender: 'male' }, 'ineligible', 'gender'],
      ['a nonbinary student', { gender: 'nonbinary' }, 'ineligible', 'gender'],
      ['no gender stated', { omit: 'gender' }, 'possibly_eligible', 'gender'],
      ['an arts major', { fieldsOfStudy: ['arts'] }, 'ineligible', 'fieldOfStudy'],
      [
        'arts and engineering',
        { fieldsOfStudy: ['arts', 'engineering'] },
        'eligible',
        'fieldOfStudy',
      ],
      ['an undeclared field', { fieldsOfStudy: [] }, 'possibly_eligible', 'fieldOfStudy'],
      ['GPA 0.01 below the 3.50 minimum', { gpa: 3.49 }, 'ineligible', 'gpa'],
    ],
  ),
  // helios: senior, Maine, merit.
  ...around('Clyde Russell Scholarship', { gradeLevel: SENIOR, state: 'ME' }, [
    ['a Maine resident', {}, 'eligible', 'state'],
    ['a New Hampshire resident', { state: 'NH' }, 'ineligible', 'state'],
    ['no state stated', { omit: 'state' }, 'possibly_eligible', 'state'],
  ]),
  // helios: senior, GPA 3.30, four ethnicities, need.
  ...around(
    'Gates Millennium Scholars Program',
    { gradeLevel: SENIOR, gpa: 3.3, ethnicities: ['asian'], financialNeed: true },
    [
      ['an Asian student with need', {}, 'eligible', 'basis'],
      ['no financial need', { financialNeed: false }, 'ineligible', 'basis'],
      ['need not stated', { omit: 'financialNeed' }, 'possibly_eligible', 'basis'],
      ['an ethnicity not listed', { ethnicities: ['white'] }, 'ineligible', 'ethnicity'],
      [
        'a listed ethnicity in other case',
        { ethnicities: [' Native American '] },
        'eligible',
        'ethnicity',
      ],
      ['no ethnicity stated', { omit: 'ethnicities' }, 'possibly_eligible', 'ethnicity'],
      ['GPA 0.01 below the 3.30 minimum', { gpa: 3.29 }, 'ineligible', 'gpa'],
    ],
  ),
  // helios: senior, GPA 2.50, U.S. citizens only, merit.
  ...around(
    'Courage To Grow Scholarship',
    { gradeLevel: SENIOR, gpa: 2.5, citizenship: 'us_citizen' },
    [
      ['a U.S. citizen', {}, 'eligible', 'citizenship'],
      ['a permanent resident', { citizenship: 'permanent_resident' }, 'ineligible', 'citizenship'],
      ['no citizenship stated', { omit: 'citizenship' }, 'possibly_eligible', 'citizenship'],
    ],
  ),
  // helios: senior or undergraduate, female, need.
  ...around(
    'Talbots Scholarship Foundation',
    { gradeLevel: 'undergraduate', gender: 'female', financialNeed: true },
    [
      ['the highest listed grade level', {}, 'eligible', 'gradeLevel'],
      ['a graduate student', { gradeLevel: 'graduate' }, 'ineligible', 'gradeLevel'],
      ['a junior', { gradeLevel: 'high_school_junior' }, 'ineligible', 'gradeLevel'],
      ['a man', { gender: 'male' }, 'ineligible', 'gender'],
      ['GPA 0.0 without a minimum', { gpa: 0 }, 'eligible', 'gpa'],
    ],
  ),
  // helios: graduate, Pennsylvania, medicine, Indian.
  ...around(
    'Endowment for South Asian Students of Indian Descent',
    { gradeLevel: 'graduate', state: 'PA', fieldsOfStudy: ['medicine'], ethnicities: ['indian'] },
    [
      ['an Indian medical student in PA', {}, 'eligible', 'ethnicity'],
      ['the ethnicity in capitals', { ethnicities: ['INDIAN'] }, 'eligible', 'ethnicity'],
      ['another ethnicity', { ethnicities: ['asian'] }, 'ineligible', 'ethnicity'],
      ['a New Jersey resident', { state: 'NJ' }, 'ineligible', 'state'],
      ['a nursing student', { fieldsOfStudy: ['nursing'] }, 'ineligible', 'fieldOfStudy'],
      ['an undergraduate', { gradeLevel: 'undergraduate' }, 'ineligible', 'gradeLevel'],
    ],
  ),
  // helios: undergraduate, GPA 3.50, education.
  ...around(
    'Edward G. and Helen A. Borgens Elementary and Secondary Teacher Education Scholarships',
    { gradeLevel: 'undergraduate', gpa: 3.5, fieldsOfStudy: ['education'] },
    [
      ['GPA equal to the 3.50 minimum', {}, 'eligible', 'gpa'],
      ['GPA 0.01 below the minimum', { gpa: 3.49 }, 'ineligible', 'gpa'],
      ['an undeclared field', { fieldsOfStudy: [] }, 'possibly_eligible', 'fieldOfStudy'],
    ],
  ),
  // helios: undergraduate, GPA 3.50, computer science or engineering.
  ...around(
    'Future Engineers Scholarship Program',
    { gradeLevel: 'undergraduate', gpa: 3.5, fieldsOfStudy: ['engineering'] },
    [
      ['an engineering major', {}, 'eligible', 'fieldOfStudy'],
      ['a nursing major', { fieldsOfStudy: ['nursing'] }, 'ineligible', 'fieldOfStudy'],
    ],
  ),
  // helios: senior, GPA 2.00, Maryland, need.
  ...around(
    'The Lessans Family Scholarship',
    { gradeLevel: SENIOR, gpa: 2, state: 'MD', financialNeed: true },
    [
      ['GPA equal to the 2.00 minimum', {}, 'eligible', 'gpa'],
      ['GPA 0.01 below the minimum', { gpa: 1.99 }, 'ineligible', 'gpa'],
      ['no financial need', { financialNeed: false }, 'ineligible', 'basis'],
      ['a Virginia resident', { state: 'VA' }, 'ineligible', 'state'],
    ],
  ),
  // helios: senior, GPA 3.30, U.S. citizens or permanent residents, Asian, need.
  ...around(
    "Denny's Hallmark Scholarship",
    {
      gradeLevel: SENIOR,
      gpa: 3.3,
      citizenship: 'permanent_resident',
      ethnicities: ['asian'],
      financialNeed: true,
    },
    [
      ['a permanent resident', {}, 'eligible', 'citizenship'],
      ['a DACA recipient', { citizenship: 'daca' }, 'ineligible', 'citizenship'],
      ['an international student', { citizenship: 'international' }, 'ineligible', 'citizenship'],
    ],
  ),
  // BigFuture: senior, GPA 2.50, Arizona, five STEM fields.
  ...around(
    'Alpha Omicron #2520 Arizona Scholarship',
    { gradeLevel: SENIOR, gpa: 2.5, state: 'AZ', fieldsOfStudy: ['mathematics'] },
    [
      ['an Arizona resident', {}, 'eligible', 'state'],
      ['a New Mexico resident', { state: 'NM' }, 'ineligible', 'state'],
      ['GPA 0.01 below the 2.50 minimum', { gpa: 2.49 }, 'ineligible', 'gpa'],
      ['an arts major', { fieldsOfStudy: ['arts'] }, 'ineligible', 'fieldOfStudy'],
    ],
  ),
  // BigFuture: Arizona, U.S. citizens or permanent residents.
  ...around(
    'Arizona Education and Training Voucher Program',
    { state: 'AZ', citizenship: 'us_citizen' },
    [
      ['a U.S. citizen in Arizona', {}, 'eligible', 'citizenship'],
      ['an international student', { citizenship: 'international' }, 'ineligible', 'citizenship'],
      ['no citizenship stated', { omit: 'citizenship' }, 'possibly_eligible', 'citizenship'],
      ['no state stated', { omit: 'state' }, 'possibly_eligible', 'state'],
      ['a California resident', { state: 'CA' }, 'ineligible', 'state'],
    ],
  ),
  // BigFuture: undergraduate or graduate, GPA 2.50, Arizona, need.
  ...around(
    'Charles N. Fisher Memorial Scholarship',
    { gradeLevel: 'graduate', gpa: 2.5, state: 'AZ', financialNeed: true },
    [
      ['GPA equal to the 2.50 minimum', {}, 'eligible', 'gpa'],
      ['a high school senior', { gradeLevel: SENIOR }, 'ineligible', 'gradeLevel'],
      ['need not stated', { omit: 'financialNeed' }, 'possibly_eligible', 'basis'],
      ['GPA 0.01 below the minimum', { gpa: 2.49 }, 'ineligible', 'gpa'],
    ],
  ),
  // BigFuture: high school freshmen to seniors, GPA 2.75, Arizona.
  ...around(
    'BBB Ethical Athlete Scholarship',
    { gradeLevel: 'high_school_freshman', gpa: 2.75, state: 'AZ' },
    [
      ['the lowest listed grade level', {}, 'eligible', 'gradeLevel'],
      ['GPA 0.01 below the 2.75 minimum', { gpa: 2.74 }, 'ineligible', 'gpa'],
      ['an undergraduate', { gradeLevel: 'undergraduate' }, 'ineligible', 'gradeLevel'],
    ],
  ),
  // BigFuture: undergraduate, GPA 3.00, Arizona.
  ...around(
    'Phoenix Metropolitan Chapter WTS Molitoris Leadership Undergraduate Scholarship',
    { gradeLevel: 'undergraduate', gpa: 3, state: 'AZ' },
    [
      ['GPA equal to the 3.00 minimum', {}, 'eligible', 'gpa'],
      ['GPA 0.01 below the minimum', { gpa: 2.99 }, 'ineligible', 'gpa'],
    ],
  ),
  // BigFuture: GPA 3.00, Arizona.
  ...around('Pima Merit Tuition Award', { gpa: 3, state: 'AZ' }, [
    ['GPA equal to the 3.00 minimum', {}, 'eligible', 'gpa'],
    ['no GPA stated', { omit: 'gpa' }, 'possibly_eligible', 'gpa'],
  ]),
];
