import { parseProfileOptions } from './profile-options';

const noFiles = (file: string): string => {
  throw new Error(`unexpected read of ${file}`);
};

describe('parseProfileOptions', () => {
  it.each([
    ['separate values', ['--service', 'catalog', '--top', '3']],
    ['joined values', ['--service=catalog', '--top=3']],
  ])('reads %s', (_label, args) => {
    const options = parseProfileOptions(args, noFiles);
    expect(options.service).toBe('catalog');
    expect(options.top).toBe(3);
  });

  it('rejects an unknown service', () => {
    expect(() => parseProfileOptions(['--service=billing'], noFiles)).toThrow(
      '--service must be one of',
    );
  });
});
