import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateBasis } from './basis';

const needBased = unrestricted({ basis: 'need' });

describe('evaluateBasis', () => {
  it('passes when no basis is stated', () => {
    const result = evaluateBasis(profileWith({ financialNeed: false }), unrestricted());
    expect(result).toEqual({
      criterion: 'basis',
      outcome: 'pass',
      reason: 'no need or merit basis stated',
    });
  });

  it('passes merit awards without financial need', () => {
    const profile = profileWith({ financialNeed: false });
    const result = evaluateBasis(profile, unrestricted({ basis: 'merit' }));
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('merit-based; financial need is not required');
  });

  it('passes need awards for students with need', () => {
    const result = evaluateBasis(profileWith({ financialNeed: true }), needBased);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('need-based, and the student has financial need');
  });

  it('fails need awards for students without need', () => {
    const result = evaluateBasis(profileWith({ financialNeed: false }), needBased);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe('need-based, but the profile states no financial need');
  });

  it('is unknown when the profile does not say', () => {
    const result = evaluateBasis(profileWith({}), needBased);
    expect(result.outcome).toBe('unknown');
  });
});
