import request from 'supertest';
import {
  daysFromToday,
  insertScholarships,
  type ScholarshipFixture,
  scholarshipFixture,
} from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';

let search: SearchTestApp;

/** Each fixture differs from the unrestricted default ($1,000, due in 30 days) in one way. */
const overrides = {
  unrestricted: {},
  texas: { state: ['TX'] },
  california: { state: ['CA'] },
  texasOrCalifornia: { state: ['TX', 'CA'] },
  nursing: { field_of_study: ['nursing'] },
  engineering: { field_of_study: ['engineering'] },
  graduate: { grade_level: ['graduate'] },
  senior: { grade_level: ['high_school_senior'] },
  citizen: { citizenship: ['us_citizen'] },
  international: { citizenship: ['international'] },
  small: { award_amount_min: 500, award_amount_max: 500, award_text: '$500' },
  large: { award_amount_min: 10_000, award_amount_max: 10_000, award_text: '$10,000' },
  range: { award_amount_min: 2000, award_amount_max: 5000, award_text: '$2,000 - $5,000' },
  maxOnly: { award_amount_min: null, award_amount_max: 3000, award_text: 'Up to $3,000' },
  unknownAmount: {
    award_amount_min: null,
    award_amount_max: null,
    award_currency: null,
    award_text: 'Varies',
  },
  euros: { award_amount_min: 6000, award_amount_max: 6000, award_currency: 'EUR' },
  noCurrency: { award_amount_min: 2600, award_amount_max: 2600, award_currency: null },
  need: { basis: 'need' },
  merit: { basis: 'merit' },
  past: { deadline: daysFromToday(-30) },
  soon: { deadline: daysFromToday(5) },
  later: { deadline: daysFromToday(90) },
  undated: { deadline: null, deadline_published: null },
} satisfies Record<string, Partial<ScholarshipFixture>>;

type FixtureName = keyof typeof overrides;
const ids = {} as Record<FixtureName, string>;
const names = Object.keys(overrides) as FixtureName[];
const upcoming = names.filter((name) => name !== 'past');

beforeAll(async () => {
  search = await startSearchTestApp('search_filters');
  const fixtures = names.map((name) => {
    const fixture = scholarshipFixture({ name: `Fixture ${name}`, ...overrides[name] });
    ids[name] = fixture.id;
    return fixture;
  });
  await insertScholarships(search.db.knex, fixtures);
});

afterAll(async () => {
  await search?.close();
});

async function matches(query: Record<string, string | string[]>): Promise<FixtureName[]> {
  const response = await request(search.app)
    .get('/api/v1/search')
    .query({ limit: '50', ...query });
  expect(response.status).toBe(200);
  const found = response.body.items.map((item: { id: string }) => item.id) as string[];
  expect(response.body.total).toBe(found.length);
  return names.filter((name) => found.includes(ids[name]));
}

function upcomingExcept(...excluded: FixtureName[]): FixtureName[] {
  return upcoming.filter((name) => !excluded.includes(name));
}

describe('state filter', () => {
  it('returns the state and nationwide scholarships', async () => {
    expect(await matches({ state: 'TX' })).toEqual(upcomingExcept('california'));
  });

  it('accepts lowercase codes', async () => {
    expect(await matches({ state: 'tx' })).toEqual(upcomingExcept('california'));
  });

  it('accepts comma-separated values', async () => {
    expect(await matches({ state: 'TX,CA' })).toEqual(upcoming);
  });

  it('accepts repeated parameters', async () => {
    expect(await matches({ state: ['CA', 'NY'] })).toEqual(upcomingExcept('texas'));
  });
});

describe('eligibility filters', () => {
  it('filters by field of study', async () => {
    expect(await matches({ field_of_study: 'nursing' })).toEqual(upcomingExcept('engineering'));
  });

  it('filters by grade level', async () => {
    expect(await matches({ grade_level: 'graduate' })).toEqual(upcomingExcept('senior'));
  });

  it('filters by citizenship', async () => {
    expect(await matches({ citizenship: 'international' })).toEqual(upcomingExcept('citizen'));
  });

  it('combines filters with AND', async () => {
    expect(await matches({ state: 'TX', field_of_study: 'engineering' })).toEqual(
      upcomingExcept('california', 'nursing'),
    );
  });

  it('treats empty arrays as unrestricted', async () => {
    const found = await matches({
      state: 'WY',
      field_of_study: 'law',
      grade_level: 'undergraduate',
      citizenship: 'daca',
    });
    expect(found).toContain('unrestricted');
    expect(found).not.toContain('texas');
    expect(found).not.toContain('nursing');
    expect(found).not.toContain('graduate');
    expect(found).not.toContain('citizen');
  });
});

describe('award filters', () => {
  it('keeps awards that reach award_min', async () => {
    expect(await matches({ award_min: '2500' })).toEqual([
      'large',
      'range',
      'maxOnly',
      'noCurrency',
    ]);
  });

  it('keeps awards that start at or below award_max', async () => {
    expect(await matches({ award_max: '800' })).toEqual(['small']);
  });

  it('keeps ranges that overlap both bounds', async () => {
    expect(await matches({ award_min: '4000', award_max: '4500' })).toEqual(['range']);
  });

  it('excludes unknown amounts when filtering', async () => {
    expect(await matches({ award_min: '0' })).toEqual(upcomingExcept('unknownAmount', 'euros'));
  });

  it('excludes amounts in other currencies', async () => {
    expect(await matches({ award_max: '100000' })).not.toContain('euros');
  });
});

describe('basis filter', () => {
  it('returns need-based scholarships only', async () => {
    expect(await matches({ basis: 'need' })).toEqual(['need']);
  });

  it('returns merit-based scholarships only', async () => {
    expect(await matches({ basis: 'merit' })).toEqual(['merit']);
  });
});

describe('deadline filters', () => {
  it('defaults to upcoming and undated scholarships', async () => {
    expect(await matches({})).toEqual(upcoming);
  });

  it('lists undated scholarships after dated ones', async () => {
    const response = await request(search.app).get('/api/v1/search').query({ limit: '50' });
    const order = response.body.items.map((item: { id: string }) => item.id) as string[];
    expect(order.at(-1)).toBe(ids.undated);
  });

  it('applies deadline_from and excludes undated', async () => {
    expect(await matches({ deadline_from: daysFromToday(60) })).toEqual(['later']);
  });

  it('keeps today as the lower bound with deadline_to alone', async () => {
    expect(await matches({ deadline_to: daysFromToday(10) })).toEqual(['soon']);
  });

  it('returns past deadlines inside an explicit range', async () => {
    const range = { deadline_from: daysFromToday(-40), deadline_to: daysFromToday(-20) };
    expect(await matches(range)).toEqual(['past']);
  });
});

describe('total', () => {
  it('counts every match beyond the page', async () => {
    const response = await request(search.app)
      .get('/api/v1/search')
      .query({ state: 'TX', limit: '2' });
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(2);
    expect(response.body.total).toBe(upcomingExcept('california').length);
  });
});
