import { launcherConfigSchema } from './config';

describe('launcherConfigSchema', () => {
  it('accepts the default ports', () => {
    expect(launcherConfigSchema.safeParse({}).success).toBe(true);
  });

  it('rejects two processes on one port', () => {
    const result = launcherConfigSchema.safeParse({
      GATEWAY_PORT: '9000',
      ELIGIBILITY_PORT: '9000',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['ELIGIBILITY_PORT']);
    expect(result.error?.issues[0]?.message).toBe('must differ from GATEWAY_PORT (both are 9000)');
  });

  it('rejects port 0, which would leave the port unknown', () => {
    const result = launcherConfigSchema.safeParse({ GATEWAY_PORT: '0' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['GATEWAY_PORT']);
    expect(result.error?.issues[0]?.message).toBe('must be a port number from 1 to 65535');
  });
});
