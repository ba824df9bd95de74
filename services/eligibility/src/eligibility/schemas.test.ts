import { MAX_FIELDS_OF_STUDY, pageQuery, profileBody } from '@scholarships/api-contract';

describe('profileBody', () => {
  it('turns omitted and null values into null', () => {
    const profile = profileBody.parse({ gpa: null });
    expect(profile).toEqual({
      gradeLevel: null,
      gpa: null,
      state: null,
      citizenship: null,
      fieldsOfStudy: null,
      gender: null,
      ethnicities: null,
      financialNeed: null,
    });
  });

  it('lower-cases, trims and deduplicates ethnicities', () => {
    const profile = profileBody.parse({ ethnicities: [' Hispanic', 'HISPANIC', 'Asian'] });
    expect(profile.ethnicities).toEqual(['hispanic', 'asian']);
  });

  it('deduplicates fields of study and keeps an empty list', () => {
    expect(profileBody.parse({ fieldsOfStudy: ['nursing', 'nursing'] }).fieldsOfStudy).toEqual([
      'nursing',
    ]);
    expect(profileBody.parse({ fieldsOfStudy: [] }).fieldsOfStudy).toEqual([]);
  });

  it('rejects too many fields of study', () => {
    const tooMany = Array.from({ length: MAX_FIELDS_OF_STUDY + 1 }, () => 'nursing');
    const result = profileBody.safeParse({ fieldsOfStudy: tooMany });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toBe(
      `must list at most ${MAX_FIELDS_OF_STUDY} fields of study`,
    );
  });

  it('rejects a long list without checking items', () => {
    const invalid = Array.from({ length: 30_000 }, () => 0);
    const result = profileBody.safeParse({ fieldsOfStudy: invalid });
    expect(result.error?.issues).toHaveLength(1);
  });

  it('accepts the maximum of duplicate fields', () => {
    const maximum = Array.from({ length: MAX_FIELDS_OF_STUDY }, () => 'nursing');
    expect(profileBody.parse({ fieldsOfStudy: maximum }).fieldsOfStudy).toEqual(['nursing']);
  });

  it('accepts the GPA limits and rejects just outside them', () => {
    expect(profileBody.safeParse({ gpa: 0 }).success).toBe(true);
    expect(profileBody.safeParse({ gpa: 4 }).success).toBe(true);
    expect(profileBody.safeParse({ gpa: -0.01 }).success).toBe(false);
    expect(profileBody.safeParse({ gpa: 4.01 }).success).toBe(false);
  });

  it.each(['tx', 'Tx', 'TX'])('upper-cases state code %s', (state) => {
    expect(profileBody.parse({ state }).state).toBe('TX');
  });

  it.each(['XX', ' TX', 'T X', 42])('rejects state %j', (state) => {
    const result = profileBody.safeParse({ state });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('must be a USPS state code such as TX');
  });
});

describe('pageQuery', () => {
  it('defaults to the first 50 matches', () => {
    expect(pageQuery.parse({})).toEqual({ limit: 50, offset: 0 });
  });

  it('accepts the limit bounds and rejects just outside them', () => {
    expect(pageQuery.parse({ limit: '1' }).limit).toBe(1);
    expect(pageQuery.parse({ limit: '100' }).limit).toBe(100);
    expect(pageQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(pageQuery.safeParse({ limit: '101' }).success).toBe(false);
  });

  it('rejects non-integer and repeated values', () => {
    expect(pageQuery.safeParse({ offset: '-1' }).success).toBe(false);
    expect(pageQuery.safeParse({ offset: '1.5' }).success).toBe(false);
    expect(pageQuery.safeParse({ limit: ['1', '2'] }).success).toBe(false);
  });
});
