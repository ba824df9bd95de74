import { profileWith } from '../../test-support/profiles';
import { unrestricted } from '../../test-support/scholarship-criteria';
import { evaluateGradeLevel } from './grade-level';

const collegeOnly = unrestricted({ grade_level: ['undergraduate', 'graduate'] });

describe('evaluateGradeLevel', () => {
  it('passes every grade level when the list is empty', () => {
    const result = evaluateGradeLevel(profileWith({ gradeLevel: 'graduate' }), unrestricted());
    expect(result).toEqual({
      criterion: 'gradeLevel',
      outcome: 'pass',
      reason: 'no grade level restriction',
    });
  });

  it('passes a listed grade level', () => {
    const result = evaluateGradeLevel(profileWith({ gradeLevel: 'graduate' }), collegeOnly);
    expect(result.outcome).toBe('pass');
    expect(result.reason).toBe('open to graduate students');
  });

  it('fails a grade level not listed', () => {
    const profile = profileWith({ gradeLevel: 'high_school_senior' });
    const result = evaluateGradeLevel(profile, collegeOnly);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe(
      'open only to undergraduates or graduate students, not high school seniors',
    );
  });

  it('is unknown when the profile gives no grade level', () => {
    const result = evaluateGradeLevel(profileWith({}), collegeOnly);
    expect(result.outcome).toBe('unknown');
    expect(result.reason).toBe(
      'open only to undergraduates or graduate students; the profile gives no grade level',
    );
  });

  it('names values outside the vocabulary readably', () => {
    const odd = unrestricted({ grade_level: ['adult_learner'] });
    const result = evaluateGradeLevel(profileWith({ gradeLevel: 'graduate' }), odd);
    expect(result.outcome).toBe('fail');
    expect(result.reason).toBe('open only to adult learner, not graduate students');
  });
});
