import type { FieldOfStudy } from '@scholarships/contracts';

/**
 * Words in scholarship titles that name a field of study. Only titles of data
 * sets without a major column are matched, because a title keyword is a guess:
 * a "Business Success Scholarship" may be open to every major.
 */
export const FIELD_KEYWORDS: ReadonlyArray<readonly [RegExp, readonly FieldOfStudy[]]> = [
  // Upper case only: a lowercase "stem" is a plant part or a cell type.
  [
    /\bSTEM\b/,
    ['computer_science', 'engineering', 'life_sciences', 'mathematics', 'physical_sciences'],
  ],
  [/\bnurs(?:e|es|ing)\b/i, ['nursing']],
  [/\bengineer(?:s|ing)?\b/i, ['engineering']],
  [/\b(?:medicine|medical|physicians?|pre-?med|surgeons?|surgery|osteopathic)\b/i, ['medicine']],
  [
    /\b(?:health|pharmacy|pharmaceutical|pharmacists?|dental|dentistry|hygienists?|therapy|therapists?|nutrition|dietetics?|kinesiology|radiolog\w*|optometry|audiology|paramedics?)\b/i,
    ['health_sciences'],
  ],
  [/\b(?:veterinar\w*|vet tech|animal science)\b/i, ['veterinary']],
  [
    /\b(?:computer|computing|software|cyber\s?security|cyber|information technology|information security|data science|programming|coding)\b/i,
    ['computer_science'],
  ],
  [
    /\b(?:business|accounting|accountants?|finance|marketing|entrepreneurs?|entrepreneurship|MBA|insurance|real estate|banking|supply chain|hospitality|logistics|economics)\b/i,
    ['business'],
  ],
  [/\b(?:law(?! enforcement)|legal|attorneys?|lawyers?|paralegal)\b/i, ['law']],
  [
    /\b(?:criminal justice|law enforcement|police|policing|forensics?|corrections)\b/i,
    ['criminal_justice'],
  ],
  [
    /\b(?:teachers?|teaching|educators?|(?:early childhood|elementary|secondary|special|music|art|science|math) education)\b/i,
    ['education'],
  ],
  [
    /(?<!culinary |liberal |martial )\b(?:arts?|artists?|music|musicians?|guitar|piano|orchestra|theat(?:er|re)|dance|film|photography|graphic design|fashion|painting|sculpture|creative writing|poetry|visual|performing)\b/i,
    ['arts'],
  ],
  [/\b(?:architecture|architects?|interior design|urban planning|landscape)\b/i, ['architecture']],
  [
    /\b(?:agricultur\w*|farm(?:ing|ers?)?|agronomy|horticultur\w*|forestry|ranch\w*|FFA|4-H|dairy|cattle|beef|livestock|equine)\b/i,
    ['agriculture'],
  ],
  [
    /\b(?:environment\w*|conservation|sustainab\w*|ecolog\w*|climate|wildlife|natural resources?|water resources|stormwater|fisheries)\b/i,
    ['environmental_science'],
  ],
  [
    /\b(?:biology|biological|life sciences?|biotech\w*|biomedical|genetics?|microbiology|botany|zoology|entomolog\w*|neuroscience)\b/i,
    ['life_sciences'],
  ],
  [/\b(?:math|mathematics|mathematical|statistics|actuarial)\b/i, ['mathematics']],
  [
    /\b(?:physics|chemistry|chemists?|geolog\w*|geoscience|astronomy|meteorolog\w*|earth sciences?|physical sciences?)\b/i,
    ['physical_sciences'],
  ],
  [/\b(?:psycholog\w*|mental health|counseling|counselors?)\b/i, ['psychology']],
  [
    /\b(?:public policy|public administration|public service|government|political|international relations|public affairs)\b/i,
    ['public_policy'],
  ],
  [
    /\b(?:sociology|anthropology|social sciences?|economics|geography|cartography)\b/i,
    ['social_sciences'],
  ],
  [/\bsocial work(?:ers?)?\b/i, ['social_work']],
  [
    /\b(?:journalism|journalists?|communications?|broadcast\w*|media|public relations|advertising)\b/i,
    ['communications'],
  ],
  [
    /\b(?:history|historical|philosophy|religio\w*|theolog\w*|humanities|literature|classics|liberal arts)\b/i,
    ['humanities'],
  ],
  [/\b(?:languages?|linguistics|translation|translators?|interpret\w*)\b/i, ['languages']],
  [
    /\b(?:culinary|welding|welders?|HVACR?|plumbing|electricians?|automotive|technicians?|trades|trade school|vocational|cosmetology|construction|carpentry|machinists?|diesel|funeral|roofing|trucking|aviation|pilots?)\b/i,
    ['trades'],
  ],
];
