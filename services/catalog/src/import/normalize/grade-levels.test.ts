import { guessGradeLevels, parseAudience, parseHeliosLevels } from './grade-levels';

describe('parseHeliosLevels', () => {
  it('maps all three levels', () => {
    expect(parseHeliosLevels('High School Senior,Current Undergraduate,Graduate')).toEqual({
      levels: ['high_school_senior', 'undergraduate', 'graduate'],
      unknown: [],
    });
  });

  it('reports unknown levels', () => {
    expect(parseHeliosLevels('Graduate,Postdoc').unknown).toEqual(['Postdoc']);
  });
});

describe('parseAudience', () => {
  it.each([
    ['High School Highschool', ['high_school_senior']],
    ['Undergraduate Undergraduate', ['undergraduate']],
    [' ', []],
  ])('maps %j', (text, levels) => {
    expect(parseAudience(text)).toEqual(levels);
  });
});

describe('guessGradeLevels', () => {
  it.each([
    [
      'Graduating high school seniors or undergraduate students seeking a degree are welcome to apply.',
      ['high_school_senior', 'undergraduate'],
    ],
    [
      'provides financial assistance to high school students in Arizona',
      ['high_school_freshman', 'high_school_sophomore', 'high_school_junior', 'high_school_senior'],
    ],
    [
      'working on an undergraduate or graduate degree in electronics',
      ['undergraduate', 'graduate'],
    ],
    ['CIA Graduate Program Scholarship', ['graduate']],
    ['Vice-Chancellor’s Scholarships: Postgraduate Study', ['graduate']],
    ['NBCC Minority Fellowship Program for Mental Health Counselors (Master’s)', ['graduate']],
    ['Behavioral Science Dissertation Grant', ['graduate']],
    ['The Kyle Robinson Memorial Scholarship', []],
  ])('guesses %j', (text, levels) => {
    expect(guessGradeLevels(text)).toEqual(levels);
  });

  it('ignores sentences that state a preference', () => {
    const about =
      'Students planning to pursue postsecondary education are welcome to apply. Special consideration is given to graduating high school seniors over current college students.';
    expect(guessGradeLevels(about)).toEqual([]);
  });
});
