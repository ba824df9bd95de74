import { CatalogGeneration, type GenerationSource } from '../invalidation/catalog-generation';
import { ProfileTokens, type ProfileVersionSource } from '../invalidation/profile-tokens';
import { ScholarshipVersions } from '../invalidation/scholarship-versions';
import { type KeyContext, ROUTE_POLICIES, type RoutePolicy } from '../policy';
import type { CacheRuntime } from '../runtime';
import { silentLogger } from '../testing/cache-fixture';
import { createTestClock } from '../testing/test-clock';
import { type KeyContextResult, resolveKeyContext } from './key-context';

const generationSource: GenerationSource = {
  read: async () => 7,
  increment: async () => 8,
};

/** Creates a profile store whose reads wait until the test releases them. */
function heldProfileSource() {
  const waitingReads: (() => void)[] = [];
  const source: ProfileVersionSource = {
    read: () => new Promise((resolve) => waitingReads.push(() => resolve(3))),
    raise: async () => {},
  };
  const release = () => {
    for (const resolve of waitingReads.splice(0)) resolve();
  };
  return { source, release };
}

async function createRuntime(profileSource?: ProfileVersionSource) {
  const clock = createTestClock();
  const generation = new CatalogGeneration(generationSource, 'boot', silentLogger, clock.now);
  await generation.refresh();
  const profiles = new ProfileTokens(profileSource, {
    clock: clock.now,
    pendingWindowMs: 1000,
    maxUsers: 10,
    bootId: 'boot',
    logger: silentLogger,
  });
  const versions = new ScholarshipVersions(10);
  const runtime = { clock: clock.now, generation, profiles, versions };
  return { runtime: runtime as unknown as CacheRuntime, generation, versions };
}

function policyWith(keyContext: KeyContext[]): RoutePolicy {
  return { ...(ROUTE_POLICIES[0] as RoutePolicy), audience: 'shared', keyContext };
}

function partsOf(result: KeyContextResult): string[] {
  if (!result.ok) throw new Error(`expected a key context, got ${result.reason}`);
  return result.parts;
}

describe('resolveKeyContext', () => {
  it('returns at once when nothing is read', async () => {
    const { runtime } = await createRuntime();

    const result = resolveKeyContext(runtime, policyWith(['generation']), {
      userId: undefined,
      scholarshipId: undefined,
    });

    expect(result).not.toBeInstanceOf(Promise);
    expect(partsOf(result as KeyContextResult)).toEqual(['generation:g7']);
  });

  it('keeps a known version beside the generation', async () => {
    const { runtime, versions } = await createRuntime();
    versions.record('s-1', 3);

    const result = await resolveKeyContext(
      runtime,
      policyWith(['generation', 'scholarship-version']),
      { userId: undefined, scholarshipId: 's-1' },
    );

    expect(partsOf(result)).toEqual(['generation:g7', 'scholarship:s-1@3']);
  });

  it('keeps the version known at the start', async () => {
    const profiles = heldProfileSource();
    const { runtime, versions } = await createRuntime(profiles.source);
    versions.record('s-1', 3);

    const resolving = resolveKeyContext(runtime, policyWith(['profile', 'scholarship-version']), {
      userId: 'alice',
      scholarshipId: 's-1',
    });
    // A lost subscription clears every known version while the profile version is read.
    versions.clear();
    profiles.release();

    expect(partsOf(await resolving)).toEqual(['profile:p3', 'scholarship:s-1@3']);
  });

  it('reads the generation after a profile read', async () => {
    const profiles = heldProfileSource();
    const { runtime, generation } = await createRuntime(profiles.source);

    const resolving = resolveKeyContext(runtime, policyWith(['profile', 'generation']), {
      userId: 'alice',
      scholarshipId: undefined,
    });
    // A catalog write lands while the profile version is read.
    generation.accept(8);
    profiles.release();

    expect(partsOf(await resolving)).toEqual(['profile:p3', 'generation:g8']);
  });
});
