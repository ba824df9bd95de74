import { DEFAULT_MIX_TEXT, MixPicker, parseMix, parseMixPairs } from './traffic-mix';

const noFiles = (file: string): string => {
  throw new Error(`unexpected read of ${file}`);
};

describe('parseMix', () => {
  it('parses the default pairs', () => {
    expect(parseMix(DEFAULT_MIX_TEXT, noFiles)).toEqual({
      search: 50,
      lookup: 25,
      check: 15,
      analysis: 7,
      write: 0.02,
    });
  });

  it('names an unreadable mix file', () => {
    expect(() => parseMix('/missing/mix.json', noFiles)).toThrow(
      '--mix /missing/mix.json: the file cannot be read (unexpected read of /missing/mix.json)',
    );
  });

  it('fills kinds left out with 0', () => {
    expect(parseMixPairs('search=1')).toEqual({
      search: 1,
      lookup: 0,
      check: 0,
      analysis: 0,
      write: 0,
    });
  });

  it('accepts decimal weights and spaces', () => {
    expect(parseMixPairs(' search=0.5 , write=1.5 ').write).toBe(1.5);
  });

  it('reads a JSON file for a .json argument', () => {
    const mix = parseMix('mix.json', () => '{"lookup": 70, "search": 30}');
    expect(mix.lookup).toBe(70);
    expect(mix.search).toBe(30);
  });

  it.each([
    ['search=50,browse=5', 'unknown kind "browse"'],
    ['search=50,search=5', 'given twice'],
    ['search:50', 'is not kind=weight'],
    ['search=-1', 'is not kind=weight'],
    ['search=0,write=0', 'at least one weight'],
  ])('rejects %s', (text, message) => {
    expect(() => parseMix(text, noFiles)).toThrow(message);
  });

  it.each([
    ['[1, 2]', 'must contain a JSON object'],
    ['{"search": "50"}', 'must be a number'],
    ['{search: 50}', 'not valid JSON'],
  ])('rejects the mix file %s', (json, message) => {
    expect(() => parseMix('mix.json', () => json)).toThrow(message);
  });
});

describe('MixPicker', () => {
  it('picks kinds in proportion to their weights', () => {
    const picker = new MixPicker(parseMixPairs('search=50,lookup=25,write=25'));
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i += 1) {
      const kind = picker.pick((i + 0.5) / 1000);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    expect(counts.get('search')).toBe(500);
    expect(counts.get('lookup')).toBe(250);
    expect(counts.get('write')).toBe(250);
    expect(counts.has('check')).toBe(false);
  });
});
