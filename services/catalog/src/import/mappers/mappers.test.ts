import type { BigFutureRow } from '../sources/bigfuture';
import type { HeliosRow } from '../sources/helios';
import type { MappedRow, ScholarshipRecord } from '../types';
import { mapBigFutureRow } from './bigfuture';
import { mapHeliosRow } from './helios';
import { mapIefaRow } from './iefa';
import { mapIsltRow } from './islt';

function recordOf(mapped: MappedRow): ScholarshipRecord {
  if (mapped.kind !== 'record')
    throw new Error(`Expected a record, got a skip: ${mapped.skipped.reason}`);
  return mapped.record;
}

describe('mapHeliosRow', () => {
  // helios id 91, shortened description
  const row: HeliosRow = {
    id: 91,
    name: 'Endowment for South Asian Students of Indian Descent',
    description:
      'A scholarship for a South Asian Indian student. Applicants must be residents of Pennsylvania.',
    weblink: 'http://www.pamedsoc.org/',
    gender: 'N/A',
    race: 'Indian',
    gpa: 100,
    state: 'Pennsylvania',
    major: 'Pre-Med',
    needormerit: 'Need Based',
    misc: 'Going to Medical School',
    level: 'Graduate',
    award: '$2,500',
    deadline: '3/31/2015',
  };
  const record = recordOf(mapHeliosRow(row));

  it('maps the structured columns', () => {
    expect(record.states).toEqual(['PA']);
    expect(record.fieldsOfStudy).toEqual(['medicine']);
    expect(record.gradeLevels).toEqual(['graduate']);
    expect(record.ethnicities).toEqual(['indian']);
    expect(record.basis).toBe('need');
    expect(record.minGpa).toBeNull();
  });

  it('maps award and deadline', () => {
    expect(record.award).toEqual({ min: 2500, max: 2500, currency: 'USD', text: '$2,500' });
    expect(record.deadlinePublished).toBe('2015-03-31');
  });

  it('keeps misc as a note', () => {
    expect(record.eligibilityNotes).toBe('Other requirements: Going to Medical School');
  });

  it('cites the helios id', () => {
    expect(record.sources).toEqual([{ source: 'helios', ref: 'id 91' }]);
    expect(record.sourceKey).toBe('name:endowment-for-south-asian-students-of-indian-descent');
  });

  it('treats TBA as no deadline', () => {
    expect(recordOf(mapHeliosRow({ ...row, deadline: 'TBA' })).deadlinePublished).toBeNull();
  });
});

describe('mapBigFutureRow', () => {
  // BigFuture row 1
  const row: BigFutureRow = {
    name: 'The DREAM.US',
    audience: 'Undergraduate',
    about:
      'We think of our National Scholarship as the “Pell Grant” for highly motivated undocumented students.',
    website: 'https://www.thedream.us/scholarships/national-scholarship/',
    amount: 'tuition and fees at one of our Partner Colleges up to a maximum of $33,000',
    closes: 'February 28, 2026',
    schoolLevel: 'Undergraduate',
    subject: 'N/A',
    age: 'Came to the United States before the age of 16',
    grade: 'N/A',
    collegeAcceptance: 'Yes',
    gpa: '2.5',
    ethnicity: 'N/A',
    intendedLevel: 'associate or bachelor’s degree',
    gender: 'N/A',
    location: 'N/A',
    financialNeed: 'Yes',
    citizenship: 'undocumented and came to the United States before November 1, 2019',
    requirements: '',
  };
  const record = recordOf(mapBigFutureRow(row, 1));

  it('maps eligibility columns', () => {
    expect(record.gradeLevels).toEqual(['undergraduate']);
    expect(record.citizenship).toEqual(['daca', 'undocumented']);
    expect(record.states).toEqual([]);
    expect(record.minGpa).toBe(2.5);
    expect(record.basis).toBe('need');
  });

  it('reads the maximum and the deadline', () => {
    expect(record.award.max).toBe(33000);
    expect(record.award.min).toBeNull();
    expect(record.deadlinePublished).toBe('2026-02-28');
  });

  it('keeps free-text criteria as notes', () => {
    expect(record.eligibilityNotes).toBe(
      [
        'Age: Came to the United States before the age of 16',
        'College acceptance required: Yes',
        'Intended level of study: associate or bachelor’s degree',
        'Citizenship: undocumented and came to the United States before November 1, 2019',
      ].join('\n'),
    );
  });

  it('maps Arizona to AZ', () => {
    expect(recordOf(mapBigFutureRow({ ...row, location: 'Arizona' }, 1)).states).toEqual(['AZ']);
  });
});

describe('mapIefaRow', () => {
  const row = {
    rowNumber: 3,
    title: 'Siemens Westinghouse Competition',
    sponsor: 'Sponsor: Siemens Foundation',
    categories:
      'Biology/Life Sciences, Computer & Information Systems, Mathematics, Medicine and Health Sciences, Sciences and Chemistry',
    amount: '$10,000-$100,000 USD',
    description:
      'The Siemens Competition in Math, Science & Technology recognizes remarkable talent early on.',
  };

  it('maps sponsor, fields and amount', () => {
    const record = recordOf(mapIefaRow(row));
    expect(record.provider).toBe('Siemens Foundation');
    expect(record.fieldsOfStudy).toEqual([
      'computer_science',
      'health_sciences',
      'life_sciences',
      'mathematics',
      'medicine',
      'physical_sciences',
    ]);
    expect(record.award).toEqual({
      min: 10000,
      max: 100000,
      currency: 'USD',
      text: '$10,000-$100,000 USD',
    });
  });

  it('skips placeholder rows', () => {
    const mapped = mapIefaRow({
      rowNumber: 1,
      title: 'Browse Awards',
      sponsor: 'N/A',
      categories: 'N/A',
      amount: 'N/A',
      description: 'N/A',
    });
    expect(mapped).toEqual({
      kind: 'skipped',
      skipped: {
        source: 'scholarship_for_everyone',
        ref: 'row 1',
        reason: 'placeholder row: every field except the title is "N/A" (site navigation text)',
        detail: 'Browse Awards',
      },
    });
  });

  it('notes a cut-off field list', () => {
    const record = recordOf(mapIefaRow({ ...row, categories: 'Engineering, Mathematics...' }));
    expect(record.eligibilityNotes).toContain('cut off its list of fields of study');
  });
});

describe('mapIsltRow', () => {
  const row = {
    rowNumber: 12,
    title: 'Golden State Nursing Foundation BSN Scholarship',
    amount: '$5,000',
    dueDate: '2024-06-30',
  };

  it('guesses the field from the title', () => {
    const record = recordOf(mapIsltRow(row));
    expect(record.fieldsOfStudy).toEqual(['nursing']);
    expect(record.guessed).toEqual(['fieldsOfStudy', 'gradeLevels']);
  });

  it('reads the amount as a maximum', () => {
    expect(recordOf(mapIsltRow(row)).award).toEqual({
      min: null,
      max: 5000,
      currency: 'USD',
      text: '$5,000',
    });
  });

  it('skips an empty title', () => {
    expect(mapIsltRow({ ...row, title: '  ' }).kind).toBe('skipped');
  });
});
