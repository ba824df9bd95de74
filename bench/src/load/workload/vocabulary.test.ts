import { buildVocabulary } from './vocabulary';

describe('buildVocabulary', () => {
  it('ranks name words and fields by frequency, ties alphabetically', () => {
    const vocabulary = buildVocabulary([
      { name: 'Nursing Excellence Scholarship', fieldsOfStudy: ['nursing'] },
      { name: 'Future Nurses Award', fieldsOfStudy: ['nursing', 'health_sciences'] },
      { name: 'Excellence in Engineering', fieldsOfStudy: [] },
    ]);
    // nursing: once in a name and twice as a field; excellence: twice in names.
    expect(vocabulary.slice(0, 2)).toEqual(['nursing', 'excellence']);
    expect(vocabulary.slice(2)).toEqual(['engineering', 'future', 'health sciences', 'nurses']);
  });

  it('leaves out short words and words every scholarship name has', () => {
    const vocabulary = buildVocabulary([
      { name: 'The A.B. Smith Scholarship Fund for Teachers', fieldsOfStudy: [] },
    ]);
    expect(vocabulary.sort()).toEqual(['smith', 'teachers']);
  });
});
