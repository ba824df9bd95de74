import { env, serviceEnv } from '@scholarships/config';

/** Default time between two checks of whether `search_terms` needs a refresh, in seconds. */
export const DEFAULT_TERMS_REFRESH_SECONDS = 300;

export const searchConfigSchema = serviceEnv(8081).extend({
  /** Seconds between two refresh checks of `search_terms`; 0 turns automatic refreshes off. */
  SEARCH_TERMS_REFRESH_SECONDS: env.integer(DEFAULT_TERMS_REFRESH_SECONDS, { min: 0, max: 86_400 }),
  /**
   * Whether keyword pages sorted by deadline or amount, and facets with a keyword, come from an
   * index of every scholarship's words in memory (about 40 MB for 100,000 scholarships). Off,
   * every keyword search runs its statement.
   */
  SEARCH_KEYWORD_INDEX: env.boolean(true),
});

export type SearchConfig = ReturnType<typeof searchConfigSchema.parse>;
