import { detectCitizenshipRequirement, parseCitizenshipText } from './citizenship';

describe('parseCitizenshipText', () => {
  it.each([
    ['US Citizen, Permanent Resident', ['us_citizen', 'permanent_resident']],
    ['US Citizen, US National, Permanent Resident', ['us_citizen', 'permanent_resident']],
    ['US Citizen, FAFSA Eligible Noncitizen', ['us_citizen', 'permanent_resident']],
    [
      'undocumented and came to the United States before November 1, 2019',
      ['daca', 'undocumented'],
    ],
    ['', []],
  ])('maps %j', (text, statuses) => {
    expect(parseCitizenshipText(text)).toEqual(statuses);
  });
});

describe('detectCitizenshipRequirement', () => {
  it.each([
    // helios ids 9, 30, 71, 41, 10 and 122
    [
      'This Scholarship is intended for US citizens who are accepted to or attending an approved college',
      ['us_citizen'],
    ],
    [
      'Successful recipients must be U.S. citizens and enrolled full-time at the senior level',
      ['us_citizen'],
    ],
    ['a minimum GPA of 2.5 or better. U.S. citizens only please.', ['us_citizen']],
    [
      'offers grants for U.S. citizen undergraduate students of limited financial means',
      ['us_citizen'],
    ],
    [
      'documentation verifying high school enrollment (i.e., official transcript) and U.S. citizenship (passport)',
      ['us_citizen'],
    ],
    ['a minimum grade point average (GPA) of 2.0; and\nUnited States Citizenship.', ['us_citizen']],
    // helios ids 77, 78, 81 and 112
    [
      'Applicant must be a U.S. Citizen or Permanent Legal Resident of the United States',
      ['us_citizen', 'permanent_resident'],
    ],
    [
      'The applicant must be:\nA high school student\nA citizen or permanent resident of the United States',
      ['us_citizen', 'permanent_resident'],
    ],
    [
      'students in grades K-12 who are U.S. citizens or permanent residents and submit a logo',
      ['us_citizen', 'permanent_resident'],
    ],
    [
      'Applicant must be a U.S. citizen or legal resident and a minority student',
      ['us_citizen', 'permanent_resident'],
    ],
  ])('finds the requirement in %j', (description, statuses) => {
    expect(detectCitizenshipRequirement(description)).toEqual(statuses);
  });

  it.each([
    // helios ids 19, 134, 82, 147, 165, 222 and 343
    'It is not necessary to be a Maryland resident or a United States citizen to apply.',
    'the District of Columbia, or the U.S. territories; and U.S. citizens attending schools overseas.',
    'U.S. Citizens residing abroad may apply through a Units Overseas Chapter',
    'without regard to race, sex, disability, marital status, age, sexual orientation, citizenship, or status as a covered veteran',
    'duties, responsibilities,rights and privileges of American citizenship.',
    'The TruFit Good Citizen Scholarship launched in 2011',
    'is open to any citizen and/or resident of the United States (and its territories and possessions)',
  ])('finds no requirement in %j', (description) => {
    expect(detectCitizenshipRequirement(description)).toEqual([]);
  });

  it('accepts a missing description', () => {
    expect(detectCitizenshipRequirement(null)).toEqual([]);
  });
});
