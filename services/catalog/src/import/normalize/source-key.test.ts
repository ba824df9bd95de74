import { sourceKeyFor } from './source-key';

describe('sourceKeyFor', () => {
  it('joins lowercase words', () => {
    expect(sourceKeyFor('Harry S. Truman Scholarship')).toBe('name:harry-s-truman-scholarship');
  });

  it('ignores case, punctuation and whitespace', () => {
    expect(
      sourceKeyFor(
        'George Washington University Freeman Fellowship Program for Asian Mid-career Pro',
      ),
    ).toBe(
      sourceKeyFor(
        'George Washington University  Freeman Fellowship Program For Asian Mid career Pro',
      ),
    );
  });

  it('ignores straight and curly apostrophes', () => {
    expect(sourceKeyFor('Avisen Legal’s Business Law Scholarship')).toBe(
      sourceKeyFor("Avisen Legal's Business Law Scholarship"),
    );
  });

  it('ignores repairable mojibake', () => {
    expect(sourceKeyFor('Actuary of Tomorrow ‰ÛÒ Stuart A. Robertson Memorial Scholarship')).toBe(
      sourceKeyFor('Actuary of Tomorrow – Stuart A. Robertson Memorial Scholarship'),
    );
  });

  it('treats & as and', () => {
    expect(sourceKeyFor('Rehab & Vet Tech Scholarship')).toBe(
      sourceKeyFor('Rehab and Vet Tech Scholarship'),
    );
  });

  it('drops accents', () => {
    expect(sourceKeyFor('Nestlé Scholarship')).toBe('name:nestle-scholarship');
  });

  it('rejects a name without letters', () => {
    expect(() => sourceKeyFor(' -- ')).toThrow('Cannot derive a source key from the name " -- "');
  });
});
