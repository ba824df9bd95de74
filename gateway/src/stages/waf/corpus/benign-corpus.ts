import { DISPLAY_NAMES, ESSAY_SENTENCES, NOTES, SEARCH_TERMS, USER_AGENTS } from './benign-text';
import { BROWSER_HEADERS, type CorpusRequest, pick, seededRandom } from './corpus-request';

const STATES = ['TX', 'CA', 'NY', 'FL', 'IL', 'WA', 'GA', 'PA', 'OH', 'AZ'];
const FIELDS = ['nursing', 'engineering', 'computer_science', 'education', 'business', 'arts'];
const GRADE_LEVELS = ['high_school_senior', 'undergraduate', 'graduate', 'high_school_junior'];
const SAMPLE_TOKEN =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdHVkZW50LTEiLCJyb2xlcyI6W10sImV4cCI6MTkwMDAwMDAwMH0.' +
  'm2Yx0hF9VbO3k6Wl8h0b8oY3gEu4xXkq1vM6wq8bQ0s';

function uuid(random: () => number): string {
  const hex = () => Math.floor(random() * 16).toString(16);
  const part = (length: number) => Array.from({ length }, hex).join('');
  return `${part(8)}-${part(4)}-4${part(3)}-a${part(3)}-${part(12)}`;
}

/** Headers of a real client: a browser, the mobile app, or a script, signed in or not. */
function clientHeaders(random: () => number, searchTerm?: string): Record<string, string> {
  const headers: Record<string, string> = {
    ...BROWSER_HEADERS,
    'user-agent': pick(USER_AGENTS, random),
    'x-request-id': uuid(random),
    traceparent: `00-${uuid(random).replace(/-/g, '')}-${uuid(random).replace(/-/g, '').slice(0, 16)}-01`,
  };
  if (searchTerm !== undefined) {
    headers.referer = `https://app.scholarships.example/search?q=${encodeURIComponent(searchTerm)}`;
  }
  if (random() < 0.5) headers.authorization = `Bearer ${SAMPLE_TOKEN}`;
  if (random() < 0.3) headers.cookie = '_ga=GA1.2.1234567890.1700000000; theme=dark; consent=yes';
  return headers;
}

function essay(random: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => pick(ESSAY_SENTENCES, random)).join(' ');
}

function searchRequests(random: () => number): CorpusRequest[] {
  return SEARCH_TERMS.flatMap((term, index) => {
    const q = encodeURIComponent(term);
    // Form encoding, as an HTML form submits it: spaces become `+`.
    const formEncoded = encodeURIComponent(term).replace(/%20/g, '+');
    return [
      {
        name: `benign:search:${index}`,
        method: 'GET',
        url: `/api/v1/search?q=${q}`,
        headers: clientHeaders(random),
      },
      {
        name: `benign:search-filtered:${index}`,
        method: 'GET',
        url: `/api/v1/search?q=${formEncoded}&state=${pick(STATES, random)}&limit=20&cursor=eyJpZCI6MTJ9`,
        headers: clientHeaders(random, term),
      },
    ];
  });
}

function lookupRequests(random: () => number): CorpusRequest[] {
  return Array.from({ length: 40 }, (_, index) => {
    const ids = Array.from({ length: 1 + (index % 5) }, () => uuid(random));
    const url =
      index % 2 === 0
        ? `/api/v1/scholarships/${ids[0]}?fields=name,award,deadline`
        : `/api/v1/scholarships?ids=${ids.join(',')}`;
    return { name: `benign:lookup:${index}`, method: 'GET', url, headers: clientHeaders(random) };
  });
}

function eligibilityRequests(random: () => number): CorpusRequest[] {
  return Array.from({ length: 110 }, (_, index) => {
    // Every tenth essay is long, about 60 sentences (roughly 5 KB).
    const sentences = index % 10 === 0 ? 60 : 1 + Math.floor(random() * 12);
    const body = {
      gradeLevel: pick(GRADE_LEVELS, random),
      gpa: Math.round((2 + random() * 2) * 100) / 100,
      state: pick(STATES, random),
      citizenship: random() < 0.8 ? 'us_citizen' : 'permanent_resident',
      fieldsOfStudy: [pick(FIELDS, random), pick(FIELDS, random)],
      essay: essay(random, sentences),
      activities: [pick(NOTES, random), pick(SEARCH_TERMS, random)],
    };
    return {
      name: `benign:eligibility:${index}`,
      method: 'POST',
      url: '/api/v1/eligibility/check',
      headers: { ...clientHeaders(random), 'content-type': 'application/json' },
      body: JSON.stringify(body, null, index % 3 === 0 ? 2 : undefined),
    };
  });
}

function accountRequests(random: () => number): CorpusRequest[] {
  const profiles = DISPLAY_NAMES.flatMap((name, index) => [
    {
      name: `benign:profile:${index}`,
      method: 'PUT',
      url: '/api/v1/me/profile',
      headers: { ...clientHeaders(random), 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        displayName: name,
        state: pick(STATES, random),
        bio: essay(random, 3),
      }),
    },
    {
      name: `benign:profile-patch:${index}`,
      method: 'PATCH',
      url: '/api/v1/me/profile',
      headers: { ...clientHeaders(random), 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ displayName: name }),
    },
  ]);
  const notes = NOTES.flatMap((note, index) => [
    {
      name: `benign:saved:${index}`,
      method: 'POST',
      url: `/api/v1/me/saved/${uuid(random)}`,
      headers: { ...clientHeaders(random), 'content-type': 'application/json' },
      body: JSON.stringify({ note }),
    },
    {
      name: `benign:saved-delete:${index}`,
      method: 'DELETE',
      url: `/api/v1/me/saved/${uuid(random)}`,
      headers: clientHeaders(random),
    },
  ]);
  const interactions = Array.from({ length: 20 }, (_, index) => ({
    name: `benign:interactions:${index}`,
    method: 'GET',
    url: `/api/v1/me/interactions?since=2024-0${1 + (index % 9)}-01T00:00:00Z&limit=50`,
    headers: clientHeaders(random),
  }));
  return [...profiles, ...notes, ...interactions];
}

function adminRequests(random: () => number): CorpusRequest[] {
  return Array.from({ length: 25 }, (_, index) => ({
    name: `benign:admin:${index}`,
    method: index % 5 === 0 ? 'POST' : 'PUT',
    url:
      index % 5 === 0 ? '/api/v1/admin/scholarships' : `/api/v1/admin/scholarships/${uuid(random)}`,
    headers: { ...clientHeaders(random), 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `${pick(DISPLAY_NAMES, random)} Scholarship for ${pick(SEARCH_TERMS, random)}`,
      description: essay(random, 4),
      amount: { min: 500, max: 10_000, currency: 'USD' },
      eligibility: { states: [pick(STATES, random)], minGpa: 3.0, notes: pick(NOTES, random) },
      url: 'https://www.example.org/apply?ref=portal&utm_source=newsletter',
    }),
  }));
}

function preflightRequests(random: () => number): CorpusRequest[] {
  return Array.from({ length: 10 }, (_, index) => ({
    name: `benign:preflight:${index}`,
    method: 'OPTIONS',
    url: index % 2 === 0 ? '/api/v1/eligibility/check' : '/api/v1/me/profile',
    headers: {
      ...clientHeaders(random),
      'access-control-request-method': index % 2 === 0 ? 'POST' : 'PUT',
      'access-control-request-headers': 'authorization, content-type',
    },
  }));
}

/** Builds every benign request of the corpus, at least 500, the same on every run. */
export function buildBenignCorpus(): CorpusRequest[] {
  const random = seededRandom(20_240_601);
  return [
    ...searchRequests(random),
    ...lookupRequests(random),
    ...eligibilityRequests(random),
    ...accountRequests(random),
    ...adminRequests(random),
    ...preflightRequests(random),
  ];
}
