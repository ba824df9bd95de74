import {
  ApiProblemError,
  createClient,
  type SearchHit,
  type SearchPage,
} from '@scholarships/client';
import { NURSING_SCHOLARSHIPS, type Platform, startPlatform } from './platform';

describe('client reads through the gateway', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform.close();
  });

  it('search returns a typed page with the applied query', async () => {
    const client = createClient({ baseUrl: platform.url });

    const page: SearchPage = await client.search({ q: 'nursing', limit: 2, facets: true });

    expect(page.items).toHaveLength(2);
    expect(page.total).toBe(NURSING_SCHOLARSHIPS);
    expect(page.query.limit).toBe(2);
    expect(page.facets?.state.TX).toBe(NURSING_SCHOLARSHIPS);
    expect(typeof page.nextCursor).toBe('string');
  });

  it('search sends list filters the API accepts', async () => {
    const client = createClient({ baseUrl: `${platform.url}/` });

    const page = await client.search({
      q: 'nursing',
      state: ['TX', 'CA'],
      field_of_study: ['nursing'],
      sort: 'deadline',
    });

    expect(page.query.state).toEqual(['CA', 'TX']);
    expect(page.query.sort).toBe('deadline');
    expect(page.items.map((item) => item.deadline.next)).toEqual(
      [...page.items.map((item) => item.deadline.next)].sort(),
    );
  });

  it('search sends every filter parameter', async () => {
    const client = createClient({ baseUrl: platform.url });

    const page = await client.search({
      q: 'nursing',
      grade_level: ['high_school_senior'],
      citizenship: ['us_citizen'],
      award_min: 500,
      award_max: 5000,
      deadline_from: '2099-01-01',
      deadline_to: '2099-03-31',
      basis: 'merit',
      sort: 'amount',
      limit: 50,
      facets: false,
    });

    expect(page.query).toEqual(
      expect.objectContaining({
        grade_level: ['high_school_senior'],
        citizenship: ['us_citizen'],
        award_min: 500,
        award_max: 5000,
        deadline_from: '2099-01-01',
        deadline_to: '2099-03-31',
        basis: 'merit',
        sort: 'amount',
        limit: 50,
        facets: false,
      }),
    );
    expect(page.facets).toBeUndefined();
  });

  it('searchAll follows cursors across every page', async () => {
    const client = createClient({ baseUrl: platform.url });
    const hits: SearchHit[] = [];

    for await (const hit of client.searchAll({ q: 'nursing', limit: 2, sort: 'deadline' })) {
      hits.push(hit);
    }

    expect(hits).toHaveLength(NURSING_SCHOLARSHIPS);
    expect(new Set(hits.map((hit) => hit.id)).size).toBe(NURSING_SCHOLARSHIPS);
    expect(hits.map((hit) => hit.name)).toEqual(
      Array.from(
        { length: NURSING_SCHOLARSHIPS },
        (_, index) => `Nursing Futures Award ${index + 1}`,
      ),
    );
  });

  it('suggest completes the typed text', async () => {
    const client = createClient({ baseUrl: platform.url });

    const result = await client.suggest({ q: 'nursing fut', limit: 3 });

    expect(result.query).toEqual({ q: 'nursing fut', limit: 3 });
    expect(result.scholarships.length).toBeGreaterThan(0);
  });

  it('getScholarship and getScholarships read catalog records', async () => {
    const client = createClient({ baseUrl: platform.url });
    const missingId = '00000000-0000-4000-8000-000000000000';

    const record = await client.getScholarship(platform.catalogScholarshipId);
    const batch = await client.getScholarships([platform.catalogScholarshipId, missingId]);

    expect(record.id).toBe(platform.catalogScholarshipId);
    expect(record.eligibility.states).toEqual(['TX']);
    expect(batch.items.map((item) => item.id)).toEqual([platform.catalogScholarshipId]);
    expect(batch.missing).toEqual([missingId]);
  });

  it('getScholarship rejects an unknown id with a 404 problem', async () => {
    const client = createClient({ baseUrl: platform.url });

    const error = await client
      .getScholarship('00000000-0000-4000-8000-000000000000')
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).status).toBe(404);
    expect((error as ApiProblemError).code).toBe('NOT_FOUND');
    expect((error as ApiProblemError).problem.requestId).not.toBe('');
  });

  it('checkEligibility and analyzeEligibility explain a match', async () => {
    const client = createClient({ baseUrl: platform.url });
    const profile = { gradeLevel: 'high_school_senior', gpa: 3.4, state: 'TX' } as const;

    const check = await client.checkEligibility(
      { ...profile, fieldsOfStudy: ['nursing'] },
      { limit: 5 },
    );
    const analysis = await client.analyzeEligibility({
      scholarshipId: platform.eligibilityScholarshipId,
      profile,
    });

    expect(check.limit).toBe(5);
    expect(check.items.map((match) => match.scholarship.id)).toContain(
      platform.eligibilityScholarshipId,
    );
    expect(analysis.scholarship.id).toBe(platform.eligibilityScholarshipId);
    expect(analysis.score).toBeGreaterThan(0);
  });
});
