import { repairHeliosText } from './helios-repairs';

describe('repairHeliosText', () => {
  it('restores Business', () => {
    expect(
      repairHeliosText(
        'Asian Women In Finance,Entrepreneurship,Business,Business Administration,Accounting,International Business,Economics,Marketing Scholarship',
      ),
    ).toBe('Asian Women In Business Scholarship');
  });

  it('restores undergraduate', () => {
    expect(repairHeliosText('enrolled full-time as an Current Undergraduate student')).toBe(
      'enrolled full-time as an undergraduate student',
    );
  });

  it('collapses the repeated engineering majors', () => {
    const expansion =
      'Biomedical Biomedical Engineering,Chemical Engineering,Electrical Engineering,Nuclear Engineering,Civil Engineering,General Engineering,Mechanical Engineering,Software Engineering,Aerospace Engineering,Chemical Biomedical Engineering,Chemical Engineering,Aerospace Engineering,';
    expect(repairHeliosText(`a career in Business or ${expansion}writing ability`)).toBe(
      'a career in Business or engineering, writing ability',
    );
  });

  it('leaves a single engineering major alone', () => {
    expect(repairHeliosText('study Civil Engineering, then apply')).toBe(
      'study Civil Engineering, then apply',
    );
  });
});
