import { analysisCacheControl, MAX_ANALYSIS_AGE_SECONDS } from './cache-control';

describe('analysisCacheControl', () => {
  it('lasts until the next midnight UTC', () => {
    expect(analysisCacheControl(new Date('2026-03-01T00:00:00Z'))).toBe('public, max-age=86400');
    expect(analysisCacheControl(new Date('2026-03-01T23:00:00Z'))).toBe('public, max-age=3600');
  });

  it('never drops to 0 seconds', () => {
    expect(analysisCacheControl(new Date('2026-03-01T23:59:59.900Z'))).toBe('public, max-age=1');
  });

  it('stays within the gateway policy', () => {
    expect(MAX_ANALYSIS_AGE_SECONDS).toBe(604_800);
  });
});
