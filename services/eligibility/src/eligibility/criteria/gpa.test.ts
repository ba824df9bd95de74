import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateGpa } from './gpa';

describe('evaluateGpa', () => {
  it('passes any GPA when there is no minimum', () => {
    const result = evaluateGpa(profileWith({ gpa: 0 }), unrestricted());
    expect(result).toEqual({ criterion: 'gpa', outcome: 'pass', reason: 'no minimum GPA' });
  });

  it('passes a GPA equal to the minimum', () => {
    const result = evaluateGpa(profileWith({ gpa: 3 }), unrestricted({ min_gpa: 3 }));
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('GPA 3.0 meets the minimum of 3.0');
  });

  it('passes a GPA above the minimum', () => {
    const result = evaluateGpa(profileWith({ gpa: 3.5 }), unrestricted({ min_gpa: 3 }));
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('GPA 3.5 meets the minimum of 3.0');
  });

  it('fails a GPA 0.01 below the minimum', () => {
    const result = evaluateGpa(profileWith({ gpa: 2.99 }), unrestricted({ min_gpa: 3 }));
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe('GPA 2.99 is below the minimum of 3.0');
  });

  it('compares fractional minimums exactly', () => {
    const minimum = unrestricted({ min_gpa: 3.3 });
    expect(evaluateGpa(profileWith({ gpa: 3.3 }), minimum).outcome).toBe('pass');
    expect(evaluateGpa(profileWith({ gpa: 3.29 }), minimum).outcome).toBe('fail');
  });

  it('passes the top of the scale against the highest minimum', () => {
    const result = evaluateGpa(profileWith({ gpa: 4 }), unrestricted({ min_gpa: 4 }));
    expect(result.outcome).toBe('pass');
  });

  it('is unknown when the profile gives no GPA', () => {
    const result = evaluateGpa(profileWith({}), unrestricted({ min_gpa: 2.5 }));
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe('requires the minimum of 2.5; the profile gives no GPA');
  });
});
