import request from 'supertest';
import {
  daysFromToday,
  insertScholarships,
  scholarshipFixture,
} from '../test-support/scholarship-fixtures';
import { fetchAllSearchPages, fetchSearchPage } from '../test-support/search-pages';
import { type SearchTestApp, startSearchTestApp } from '../test-support/search-test-app';

interface Item {
  id: string;
  name: string;
  rank?: number;
  award: { min: number | null; max: number | null; currency: string | null };
  deadline: { next: string | null };
}

interface Page {
  items: Item[];
  total: number;
  nextCursor: string | null;
}

let search: SearchTestApp;
let robotics: ReturnType<typeof roboticsFixtures> = [];

/**
 * Twelve robotics scholarships with ties in deadline and amount, undated,
 * unknown-amount and yen rows, and keyword counts that give distinct ranks.
 */
function roboticsFixtures() {
  const rows: [string, number | null, number | null, string][] = [
    ['Robotics Pioneers Award', 10, 5000, 'robotics robotics robotics'],
    ['Robotics Builders Grant', 10, 5000, 'robotics'],
    ['Robotics League Scholarship', 20, 2500, 'robotics robotics'],
    ['Robotics Club Prize', 20, 750, 'machines'],
    ['Future Engineers Award', 40, null, 'robotics and automation'],
    ['Automation Fellowship', 40, 12000, 'robotics in factories'],
    ['Makers Scholarship', 60, 1000, 'robotics kits and robotics teams'],
    ['Circuits Award', 80, 1000, 'robotics circuits'],
    ['Autonomy Grant', 100, 300, 'robotics autonomy'],
    ['Open Robotics Fund', null, 8000, 'open robotics'],
    ['Robotics Mentors Award', null, null, 'mentoring'],
  ];
  const dollarRows = rows.map(([name, days, amount, description]) =>
    scholarshipFixture({
      name,
      description: `Supports ${description}.`,
      deadline: days === null ? null : daysFromToday(days),
      deadline_published: null,
      award_amount_min: amount,
      award_amount_max: amount,
      award_text: amount === null ? 'Varies' : `$${amount}`,
    }),
  );
  const yenRow = scholarshipFixture({
    name: 'Tokyo Robotics Exchange',
    description: 'Supports robotics study in Japan.',
    deadline: daysFromToday(50),
    award_amount_min: 1_000_000,
    award_amount_max: 1_000_000,
    award_currency: 'JPY',
    award_text: 'JPY 1,000,000',
  });
  return [...dollarRows, yenRow];
}

beforeAll(async () => {
  search = await startSearchTestApp('search_pagination');
  robotics = roboticsFixtures();
  await insertScholarships(search.db.knex, robotics);
});

afterAll(async () => {
  await search?.close();
});

function fetchPage(query: Record<string, string>): Promise<Page> {
  return fetchSearchPage<Page>(search.app, query);
}

function fetchAllPages(query: Record<string, string>): Promise<Page[]> {
  return fetchAllSearchPages<Page>(search.app, query);
}

function isAscending(values: string[]): boolean {
  return values.every((value, index) => index === 0 || (values[index - 1] as string) <= value);
}

describe('sort', () => {
  it('orders by deadline with undated last', async () => {
    const { items } = await fetchPage({ sort: 'deadline', limit: '50' });
    const deadlines = items.map((item) => item.deadline.next);
    const dated = deadlines.filter((deadline): deadline is string => deadline !== null);
    expect(isAscending(dated)).toBe(true);
    expect(deadlines.slice(-2)).toEqual([null, null]);
  });

  it('orders by deadline by default without q', async () => {
    const byDefault = await fetchPage({ limit: '50' });
    const byDeadline = await fetchPage({ sort: 'deadline', limit: '50' });
    expect(byDefault.items.map((item) => item.id)).toEqual(byDeadline.items.map((item) => item.id));
  });

  it('orders by amount with unknown last', async () => {
    const { items } = await fetchPage({ sort: 'amount', limit: '50' });
    const dollars = items.filter((item) => item.award.currency === 'USD');
    const amounts = dollars.map((item) => item.award.max);
    expect(amounts.slice(0, 3)).toEqual([12000, 8000, 5000]);
    const known = amounts.filter((amount): amount is number => amount !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    expect(amounts.slice(-2)).toEqual([null, null]);
  });

  it('orders other currencies with unknown amounts', async () => {
    const { items } = await fetchPage({ sort: 'amount', limit: '50' });
    const yen = items.findIndex((item) => item.award.currency === 'JPY');
    const lastKnownDollars = items.findLastIndex(
      (item) => item.award.currency === 'USD' && item.award.max !== null,
    );
    expect(yen).toBeGreaterThan(lastKnownDollars);
  });

  it('orders by relevance by default with q', async () => {
    const { items } = await fetchPage({ q: 'robotics', limit: '50' });
    const ranks = items.map((item) => item.rank as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(items[0]?.name).toBe('Robotics Pioneers Award');
  });

  it('orders keyword matches by deadline on request', async () => {
    const { items } = await fetchPage({ q: 'robotics', sort: 'deadline', limit: '50' });
    const dated = items
      .map((item) => item.deadline.next)
      .filter((deadline): deadline is string => deadline !== null);
    expect(isAscending(dated)).toBe(true);
    for (const item of items) expect(typeof item.rank).toBe('number');
  });

  it('breaks ties by id', async () => {
    const { items } = await fetchPage({ sort: 'deadline', limit: '2' });
    const [first, second] = items;
    expect(first?.deadline.next).toBe(second?.deadline.next);
    expect((first?.id as string) < (second?.id as string)).toBe(true);
  });
});

describe('pagination', () => {
  const pagedQueries: { label: string; query: Record<string, string> }[] = [
    { label: 'deadline', query: { sort: 'deadline' } },
    { label: 'amount', query: { sort: 'amount' } },
    { label: 'relevance', query: { sort: 'relevance', q: 'robotics' } },
    { label: 'amount with q', query: { sort: 'amount', q: 'robotics' } },
  ];

  it.each(pagedQueries)('pages through $label without duplicates or gaps', async ({ query }) => {
    const all = await fetchPage({ ...query, limit: '50' });
    const pages = await fetchAllPages({ ...query, limit: '4' });
    const expectedPages = Math.ceil(all.total / 4);
    expect(all.total).toBeGreaterThan(8);
    expect(pages).toHaveLength(expectedPages);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    for (const page of pages) expect(page.total).toBe(all.total);
    const paged = pages.flatMap((page) => page.items.map((item) => item.id));
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual(all.items.map((item) => item.id));
  });

  it('returns no cursor on a single page', async () => {
    const page = await fetchPage({ limit: '50' });
    expect(page.nextCursor).toBeNull();
  });

  it('allows another limit on later pages', async () => {
    const all = await fetchPage({ limit: '50' });
    const first = await fetchPage({ limit: '3' });
    const second = await fetchPage({ limit: '5', cursor: first.nextCursor as string });
    expect(second.items.map((item) => item.id)).toEqual(
      all.items.slice(3, 8).map((item) => item.id),
    );
  });

  it('stays stable when rows are inserted between pages', async () => {
    const all = await fetchPage({ sort: 'deadline', limit: '50' });
    const first = await fetchPage({ sort: 'deadline', limit: '4' });
    const early = scholarshipFixture({ name: 'Early Inserted Award', deadline: daysFromToday(2) });
    const late = scholarshipFixture({ name: 'Late Inserted Award', deadline: daysFromToday(300) });
    await insertScholarships(search.db.knex, [early, late]);
    try {
      const rest = await fetchAllPages({
        sort: 'deadline',
        limit: '4',
        cursor: first.nextCursor as string,
      });
      const restIds = rest.flatMap((page) => page.items.map((item) => item.id));
      const lastDated = all.items.filter((item) => item.deadline.next !== null).length;
      const expected = [
        ...all.items.slice(4, lastDated).map((item) => item.id),
        late.id,
        ...all.items.slice(lastDated).map((item) => item.id),
      ];
      expect(restIds).toEqual(expected);
      expect(restIds).not.toContain(early.id);
      expect(rest[0]?.total).toBe(all.total + 2);
    } finally {
      await search.db.knex('scholarships').whereIn('id', [early.id, late.id]).delete();
    }
  });

  it('stays stable when a row of the next page is deleted', async () => {
    const all = await fetchPage({ sort: 'amount', limit: '50' });
    const first = await fetchPage({ sort: 'amount', limit: '4' });
    const removed = all.items[5] as Item;
    const fixture = robotics.find((candidate) => candidate.id === removed.id);
    expect(fixture).toBeDefined();
    await search.db.knex('scholarships').where('id', removed.id).delete();
    try {
      const second = await fetchPage({
        sort: 'amount',
        limit: '4',
        cursor: first.nextCursor as string,
      });
      const expected = all.items.slice(4, 9).filter((item) => item.id !== removed.id);
      expect(second.items.map((item) => item.id)).toEqual(expected.map((item) => item.id));
    } finally {
      await insertScholarships(search.db.knex, fixture ? [fixture] : []);
    }
  });

  it('rejects a cursor from another query', async () => {
    const first = await fetchPage({ sort: 'deadline', limit: '4' });
    const response = await request(search.app)
      .get('/api/v1/search')
      .query({ sort: 'deadline', limit: '4', state: 'TX', cursor: first.nextCursor as string });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.cursor');
  });

  it('rejects a cursor from another sort', async () => {
    const first = await fetchPage({ sort: 'deadline', limit: '4' });
    const response = await request(search.app)
      .get('/api/v1/search')
      .query({ sort: 'amount', limit: '4', cursor: first.nextCursor as string });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.cursor');
  });
});
