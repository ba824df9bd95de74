import { US_STATE_CODES } from '@scholarships/contracts';
import request from 'supertest';
import {
  daysFromToday,
  insertScholarships,
  scholarshipFixture,
} from '../test-support/scholarship-fixtures';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';
import type { Facets } from './facets';

let search: SearchTestApp;

/** Open to all unless stated: every empty list means no restriction. */
const fixtures = [
  scholarshipFixture({
    name: 'Texas Nursing Award',
    field_of_study: ['nursing'],
    state: ['TX'],
    basis: 'need',
  }),
  scholarshipFixture({
    name: 'Graduate Health Engineering Award',
    field_of_study: ['engineering', 'nursing'],
    grade_level: ['graduate'],
    basis: 'merit',
  }),
  scholarshipFixture({
    name: 'California Citizens Award',
    state: ['CA'],
    citizenship: ['us_citizen'],
  }),
  scholarshipFixture({ name: 'Open Merit Award', basis: 'merit' }),
  scholarshipFixture({
    name: 'Closed Texas Engineering Award',
    field_of_study: ['engineering'],
    state: ['TX'],
    deadline: daysFromToday(-10),
  }),
  scholarshipFixture({
    name: 'Robotics Award',
    description: 'For robotics teams.',
    field_of_study: ['engineering'],
  }),
];

beforeAll(async () => {
  search = await startSearchTestApp('search_facets');
  await insertScholarships(search.db.knex, fixtures);
});

afterAll(async () => {
  await search?.close();
});

async function fetchFacets(
  query: Record<string, string>,
): Promise<{ total: number; facets: Facets }> {
  const response = await request(search.app)
    .get('/api/v1/search')
    .query({ ...query, facets: 'true' });
  expect(response.status).toBe(200);
  return response.body;
}

describe('facet counts', () => {
  it('count every open and listed scholarship per value', async () => {
    const { total, facets } = await fetchFacets({});
    expect(total).toBe(5);
    expect(facets.field_of_study.nursing).toBe(4);
    expect(facets.field_of_study.engineering).toBe(4);
    expect(facets.field_of_study.law).toBe(2);
    expect(facets.state.TX).toBe(4);
    expect(facets.state.CA).toBe(4);
    expect(facets.state.NY).toBe(3);
    expect(facets.grade_level.graduate).toBe(5);
    expect(facets.grade_level.undergraduate).toBe(4);
    expect(facets.citizenship.us_citizen).toBe(5);
    expect(facets.citizenship.international).toBe(4);
    expect(facets.basis).toEqual({ need: 1, merit: 2 });
  });

  it('list every vocabulary value in order', async () => {
    const { facets } = await fetchFacets({});
    expect(Object.keys(facets.grade_level)).toEqual([
      'high_school_freshman',
      'high_school_sophomore',
      'high_school_junior',
      'high_school_senior',
      'undergraduate',
      'graduate',
    ]);
    expect(Object.keys(facets.state)).toEqual([...US_STATE_CODES]);
  });

  it('equal the total of choosing each value', async () => {
    const { facets } = await fetchFacets({});
    for (const state of ['TX', 'CA', 'NY']) {
      const { total } = await fetchFacets({ state });
      expect([state, total]).toEqual([state, facets.state[state]]);
    }
    for (const field of ['nursing', 'engineering', 'law']) {
      const { total } = await fetchFacets({ field_of_study: field });
      expect([field, total]).toEqual([field, facets.field_of_study[field]]);
    }
  });

  it('ignore their own filter and apply the others', async () => {
    const { total, facets } = await fetchFacets({ state: 'TX' });
    expect(total).toBe(4);
    expect(facets.state.TX).toBe(4);
    expect(facets.state.CA).toBe(4);
    expect(facets.field_of_study.nursing).toBe(3);
    expect(facets.field_of_study.law).toBe(1);
    expect(facets.basis).toEqual({ need: 1, merit: 2 });
  });

  it('apply basis to other dimensions only', async () => {
    const { total, facets } = await fetchFacets({ basis: 'need' });
    expect(total).toBe(1);
    expect(facets.basis).toEqual({ need: 1, merit: 2 });
    expect(facets.state.TX).toBe(1);
    expect(facets.state.CA).toBe(0);
    expect(facets.field_of_study.engineering).toBe(0);
  });

  it('count only keyword matches', async () => {
    const { total, facets } = await fetchFacets({ q: 'robotics' });
    expect(total).toBe(1);
    expect(facets.field_of_study.engineering).toBe(1);
    expect(facets.field_of_study.nursing).toBe(0);
    expect(facets.state.WY).toBe(1);
  });

  it('apply the deadline window', async () => {
    const range = { deadline_from: daysFromToday(-20), deadline_to: daysFromToday(-5) };
    const { total, facets } = await fetchFacets(range);
    expect(total).toBe(1);
    expect(facets.field_of_study.engineering).toBe(1);
    expect(facets.state.TX).toBe(1);
  });

  it('count without a keyword of stop words only', async () => {
    const response = await request(search.app)
      .get('/api/v1/search')
      .query({ q: 'the', facets: 'true' });
    expect(response.body.query.q).toBeNull();
    expect(response.body.facets.basis).toEqual({ need: 1, merit: 2 });
  });

  it('are absent unless requested', async () => {
    const response = await request(search.app).get('/api/v1/search');
    expect(response.body).not.toHaveProperty('facets');
    expect(response.body.query.facets).toBe(false);
  });

  it('reject a value other than true or false', async () => {
    const response = await request(search.app).get('/api/v1/search?facets=yes');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.facets');
  });
});
