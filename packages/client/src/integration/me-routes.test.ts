import {
  ApiProblemError,
  createClient,
  profileEntityTag,
  type SavedItem,
  scholarshipEntityTag,
} from '@scholarships/client';
import { signTestToken } from '@scholarships/gateway/testing';
import { type Platform, startPlatform } from './platform';

describe('client routes that need a token', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform.close();
  });

  it('stores a profile and lists its matches', async () => {
    const token = await signTestToken({ sub: 'client-student-1' });
    const client = createClient({ baseUrl: platform.url, token });

    const created = await client.putProfile({ gradeLevel: 'high_school_senior', state: 'TX' });
    const replaced = await client.putProfile(
      { gradeLevel: 'high_school_senior', state: 'TX', gpa: 3.6 },
      { ifMatch: profileEntityTag(created.version) },
    );
    const stored = await client.getProfile();
    const matches = await client.getMatches({ limit: 10 });

    expect(replaced.version).toBe(created.version + 1);
    expect(stored.profile.gpa).toBe(3.6);
    expect(matches.profileVersion).toBe(replaced.version);
    expect(matches.items.map((match) => match.scholarship.id)).toContain(
      platform.eligibilityScholarshipId,
    );
  });

  it('rejects a stale If-Match with 412', async () => {
    const token = await signTestToken({ sub: 'client-student-2' });
    const client = createClient({ baseUrl: platform.url, token: () => token });
    const created = await client.putProfile({ state: 'AZ' });
    await client.putProfile({ state: 'NM' }, { ifMatch: profileEntityTag(created.version) });

    const error = await client
      .putProfile({ state: 'CO' }, { ifMatch: profileEntityTag(created.version) })
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiProblemError);
    expect((error as ApiProblemError).status).toBe(412);
  });

  it('records interactions and pages through the saved list', async () => {
    const token = await signTestToken({ sub: 'client-student-3' });
    const client = createClient({ baseUrl: platform.url, token });
    const scholarshipId = platform.catalogScholarshipId;

    const recorded = await client.recordInteraction({ scholarshipId, type: 'saved' });
    const page = await client.getSaved({ limit: 1 });
    const all: SavedItem[] = [];
    for await (const item of client.getAllSaved({ limit: 1 })) all.push(item);
    await client.removeSaved(scholarshipId);
    const afterRemoval = await client.getSaved();

    expect(recorded).toEqual(expect.objectContaining({ scholarshipId, type: 'saved' }));
    expect(page.items.map((item) => item.scholarship.id)).toEqual([scholarshipId]);
    expect(all.map((item) => item.scholarship.id)).toEqual([scholarshipId]);
    expect(afterRemoval.items).toEqual([]);
  });

  it('creates, patches and deletes a scholarship as an admin', async () => {
    const token = await signTestToken({ sub: 'client-admin', roles: ['admin'] });
    const client = createClient({ baseUrl: platform.url, token });

    const created = await client.createScholarship({
      name: 'Client Test Award',
      award: { min: 100, max: 200, currency: 'USD' },
    });
    const patched = await client.patchScholarship(
      created.id,
      { description: 'Patched through the client.' },
      { ifMatch: scholarshipEntityTag(created) },
    );
    await client.deleteScholarship(created.id, { ifMatch: scholarshipEntityTag(patched) });
    const afterDelete = await client.getScholarship(created.id).catch((caught: unknown) => caught);

    expect(patched.description).toBe('Patched through the client.');
    expect(patched.version).toBe(created.version + 1);
    expect((afterDelete as ApiProblemError).status).toBe(404);
  });

  it('rejects an admin write without the admin role with 403', async () => {
    const token = await signTestToken({ sub: 'client-student-4' });
    const client = createClient({ baseUrl: platform.url, token });

    const error = await client
      .createScholarship({ name: 'Not Allowed' })
      .catch((caught: unknown) => caught);

    expect((error as ApiProblemError).status).toBe(403);
  });
});
