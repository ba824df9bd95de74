import { issuesByPath } from '../testing/issues-by-path';
import { scholarshipDocumentSchema } from './scholarship-document';

function awardMax(max: number) {
  return scholarshipDocumentSchema.safeParse({ name: 'Award', award: { max, currency: 'USD' } });
}

describe('scholarship amounts', () => {
  it.each([1e-9, 0.005, 12.345, 999_999_999_999.9805])(
    'rejects %d, which has more than two decimals',
    (max) => {
      expect(issuesByPath(awardMax(max))).toEqual({
        'award.max': 'must have at most two decimal places',
      });
    },
  );

  it('accepts a sum with binary rounding noise as its cents', () => {
    const parsed = scholarshipDocumentSchema.parse({
      name: 'Award',
      award: { max: 0.1 + 0.2, currency: 'USD' },
    });

    expect(parsed.award?.max).toBe(0.3);
  });

  it('accepts sums with the rounding noise that additions build up', () => {
    let tenCentsTimesHundred = 0;
    for (let step = 0; step < 100; step += 1) tenCentsTimesHundred += 0.1;

    expect(awardMax(tenCentsTimesHundred).success).toBe(true);
    expect(awardMax(52 * 0.15).success).toBe(true);
  });

  it('accepts the largest amount', () => {
    expect(awardMax(999_999_999_999.99).success).toBe(true);
  });
});

describe('scholarship ethnicities', () => {
  it('drops spellings that fold to one already listed', () => {
    const parsed = scholarshipDocumentSchema.parse({
      name: 'Award',
      eligibility: { ethnicities: ['Hispanic', 'hispanic', 'HISPANIC', 'Asian'] },
    });

    expect(parsed.eligibility?.ethnicities).toEqual(['Hispanic', 'Asian']);
  });
});
