import { DEFAULT_TERMS_REFRESH_SECONDS, searchConfigSchema } from './config';

const DATABASE_URL = 'postgres://search@127.0.0.1:5432/scholarships';

describe('search configuration', () => {
  it('refreshes search terms every 300 s by default', () => {
    const config = searchConfigSchema.parse({ DATABASE_URL });
    expect(config.SEARCH_TERMS_REFRESH_SECONDS).toBe(DEFAULT_TERMS_REFRESH_SECONDS);
    expect(DEFAULT_TERMS_REFRESH_SECONDS).toBe(300);
  });

  it('accepts 0 to turn refreshes off', () => {
    const config = searchConfigSchema.parse({ DATABASE_URL, SEARCH_TERMS_REFRESH_SECONDS: '0' });
    expect(config.SEARCH_TERMS_REFRESH_SECONDS).toBe(0);
  });

  it.each(['-1', '1.5', 'often', '86401'])('rejects %s', (value) => {
    const result = searchConfigSchema.safeParse({
      DATABASE_URL,
      SEARCH_TERMS_REFRESH_SECONDS: value,
    });
    expect(result.success).toBe(false);
  });
});
