import path from 'node:path';
import { importScholarships } from '@scholarships/catalog/import';
import request from 'supertest';
import { refreshSearchTerms } from '../terms';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';

/**
 * Relevance of the ranking over the real data sets. Each case is a query a
 * student would type, with scholarships that any sensible ranking must list
 * on the first page of ten. They were chosen by reading the records: the
 * keyword is what the scholarship is about (its name, field and description
 * show it), not merely a word its description mentions. Where several
 * records tie for the last places of the page, the tie is broken by random
 * ids, so only records ranked above the tie are listed.
 *
 * `matches` lists relevant records that must at least be found, such as
 * those restricted to Hispanic students whose text never says "Hispanic".
 * `corrected` is the spelling correction a misspelled query must get.
 */
interface RelevanceCase {
  q: string;
  topTen: string[];
  matches?: string[];
  corrected?: string;
}

const NURSING = [
  'Oncology Nursing Society Grant',
  'Emergency Nursing Foundation Grant',
  'March of Dimes Graduate Nursing Scholarship',
];
const VETERINARY = [
  'Veterinary Technology Scholarships',
  'Candace Mast Veterinary Medicine Scholarship',
  'RIVMA Veterinary Student Scholarship',
];
const JOURNALISM = [
  'Fulbright-Alistair Cooke Award In Journalism',
  'Nation Institute Internship Program In Magazine Journalism',
];
const PSYCHOLOGY = [
  'Sharon Stephens Brehm Undergraduate Psychology Scholarships',
  'Dating & Relationship Psychology Scholarship',
  'Pennsylvania Psychological Foundation Education Award',
];
const ARCHITECTURE = [
  'Association For Women In Architecture Scholarship',
  'Architecture Traveling Fellowship Program',
];

const CASES: RelevanceCase[] = [
  { q: 'nursing', topTen: NURSING },
  { q: 'nursng', topTen: NURSING, corrected: 'nursing' },
  { q: 'the nursing', topTen: NURSING },
  {
    q: 'engineering women',
    topTen: [
      'Society of Women Engineers Scholarships',
      'Society of Women Engineers (SWE) Scholarship Program',
      'Society of Women Engineers - Lehigh Valley Section',
    ],
    matches: ['Google Anita Borg Memorial Scholarship'],
  },
  {
    q: 'enginering',
    topTen: [
      'SOM Structural Engineering Traveling Fellowship',
      'Construction & Engineering Scholarship',
      'ENIA Project - Petroleum Engineering',
    ],
  },
  {
    q: 'computer science',
    topTen: [
      'GSSI Computer Science PhD',
      'Westmont Scholarships for Computer Science Majors',
      'Tuition-Free Business Administration and Computer Science',
    ],
  },
  { q: 'veterinary', topTen: VETERINARY },
  { q: 'veterinery', topTen: VETERINARY, corrected: 'veterinary' },
  {
    q: 'teacher education',
    topTen: [
      'Minority Teacher Education Scholarship',
      'Oregon PTA Teacher Education Scholarship',
      'Edward G. and Helen A. Borgens Elementary and Secondary Teacher Education Scholarships',
    ],
  },
  {
    q: 'arizona',
    topTen: [
      'Arizona Leveraging Educational Assistance Partnership',
      'Arizona Education and Training Voucher Program',
      'Arizona Council Sunshine Scholarship',
    ],
  },
  {
    q: 'law school',
    topTen: [
      'Alaska Bar Association Law School Scholarships',
      'MALDEF Law School Scholarship Program',
      'GRCF Miller Johnson Michigan Diversity Law School Scholarship',
    ],
  },
  { q: 'first generation', topTen: ['Editor World First-Generation Student Scholarship'] },
  {
    q: 'hispanic',
    topTen: [
      'Hispanic Heritage Youth Awards',
      'Dr. Juan Andrade Scholarship for Young Hispanic Leaders',
      'LATPRO Scholarship',
    ],
    matches: ['CHCI Scholarship', 'GOYA Foods Culinary Arts & Food Sciences Scholarship Program'],
  },
  {
    q: 'stem graduate',
    topTen: [
      'Excedr Scholarship for STEM Graduate Students',
      "STEM Teachers for America's Future: Graduate Scholarships",
    ],
  },
  {
    q: 'women in stem',
    topTen: [
      'Zonta Club Women in STEM Scholarship',
      'Women in STEM Academic Scholarship',
      'Orchard Scholarship for Women of Color in STEM',
    ],
  },
  {
    q: 'music',
    topTen: [
      'English-Speaking Union Music Scholarship',
      'University of Rochester, Eastman School of Music Merit Scholarships',
    ],
  },
  { q: 'journalism', topTen: JOURNALISM },
  { q: 'jounalism', topTen: JOURNALISM, corrected: 'journalism' },
  { q: 'psychology', topTen: PSYCHOLOGY },
  { q: 'psycology', topTen: PSYCHOLOGY, corrected: 'psychology' },
  {
    q: 'mathmatics',
    topTen: ['GSSI Mathematics PhD', 'Janet L. Williams Mathematics Scholarship'],
    corrected: 'mathematics',
  },
  { q: 'architecture', topTen: ARCHITECTURE },
  { q: 'archtecture', topTen: ARCHITECTURE, corrected: 'architecture' },
  {
    q: 'agriculture',
    topTen: ['The United Agribusiness League & United Agricultural Benefit Trust Scholarship'],
  },
  {
    q: 'texas',
    topTen: [
      'COMTO North Texas Scholarship',
      'Texas Women in Public Finance Scholarship',
      'Texas Medical Association Diversity in Medicine Scholarship',
    ],
  },
  {
    q: 'californa',
    topTen: ['California State University Scholarship Program'],
    corrected: 'california',
  },
  {
    q: 'study abroad',
    topTen: [
      'Study Abroad Scholarships',
      'Phi Kappa Phi Study Abroad Grant',
      'Tortuga Backpacks Study Abroad Scholarship',
    ],
  },
  {
    q: 'african american',
    topTen: [
      'African American Leadership Society STEM Scholarship',
      'Advocates for African Americans Carolinas Scholarship',
      'Bill H. James Foundation for Aspiring African American Engineers',
    ],
  },
  {
    q: 'native american',
    topTen: [
      'SAA Native American Scholarships',
      'AAAE Native American Scholarship',
      'CCPA Native American Scholarship',
    ],
  },
  {
    q: 'dental',
    topTen: [
      'Future Dental Professional Scholarships',
      'Vermont Dental Hygiene Scholarship',
      'TUMS School of Dentistry Scholarship',
    ],
  },
  { q: 'pharmacy', topTen: ['TUMS School of Pharmacy Scholarship'] },
  {
    q: 'veterans',
    topTen: [
      'Google SVA Scholarship for Student Veterans',
      'VOMI Honor To Veterans Scholarship',
      'Veterans and Families Scholarship For A Bright Future',
    ],
  },
  {
    q: 'creative writing',
    topTen: [
      'Creative Writing Scholarship',
      'CINTAS Foundation Fellowship in Creative Writing',
      'Lycoming College Creative Writing Scholarship',
    ],
  },
  {
    q: 'public policy',
    topTen: [
      'Scholarships for Public Policy Degrees',
      'CWGCS Fellowship on Women & Public Policy',
      "Women's Law and Public Policy Fellowship Program",
    ],
  },
  {
    q: 'social work',
    topTen: [
      'Latino Social Work Coalition Scholarship',
      'Laurel House Social Work Racial Equity Scholarship',
    ],
  },
  {
    q: 'environmental science',
    topTen: [
      'EPA Tribal Lands Environmental Science Scholarship',
      'Environmental Studies/Natural Science Scholarship Program',
    ],
  },
  {
    q: 'physics',
    topTen: [
      'GSSI Astroparticle Physics PhD',
      'Barbara Lotze Scholarship for Future Physics Teachers',
    ],
  },
  { q: 'undocumented', topTen: ['The DREAM.US'] },
  {
    q: 'single mothers',
    topTen: ['Washington-Nixon Nursing Scholarship for Single Mothers'],
  },
];

/** Date the deadlines are projected from and the service's today, so the window never moves. */
const TODAY = '2026-12-04';
const DATA_DIR = path.resolve(__dirname, '../../../../data/scholarships');

let search: SearchTestApp;

beforeAll(async () => {
  search = await startSearchTestApp('search_relevance', { today: () => TODAY });
  await importScholarships(search.db.knex, { dataDir: DATA_DIR, today: TODAY });
  await refreshSearchTerms(search.db.knex, true);
}, 60_000);

afterAll(async () => {
  await search?.close();
});

async function searchNames(q: string, limit: number) {
  const response = await request(search.app)
    .get('/api/v1/search')
    .query({ q, limit: String(limit) });
  expect(response.status).toBe(200);
  const names = (response.body.items as { name: string }[]).map((item) => item.name);
  return { names, corrected: response.body.correctedQuery as string | null };
}

describe('search relevance on the real data', () => {
  it('has at least 30 queries', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it('names records that exist exactly once', async () => {
    const expected = [
      ...new Set(CASES.flatMap((item) => [...item.topTen, ...(item.matches ?? [])])),
    ];
    const rows: { name: string; count: number }[] = await search.db
      .knex('scholarships')
      .select('name')
      .count({ count: '*' })
      .whereIn('name', expected)
      .groupBy('name');
    const counts = Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
    for (const name of expected) expect([name, counts[name]]).toEqual([name, 1]);
  });

  it.each(CASES)('ranks "$q"', async ({ q, topTen, matches, corrected }) => {
    const page = await searchNames(q, 10);
    for (const name of topTen) expect(page.names).toContain(name);
    expect(page.corrected).toBe(corrected ?? null);
    if (matches) {
      const all = await searchNames(q, 50);
      for (const name of matches) expect(all.names).toContain(name);
    }
  });
});
