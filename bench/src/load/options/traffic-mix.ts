/** The kinds of request the synthetic workload sends. */
export const REQUEST_KINDS = ['search', 'lookup', 'check', 'analysis', 'write'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Relative weight of each request kind; they need not add up to 100. */
export type TrafficMix = Readonly<Record<RequestKind, number>>;

/**
 * Default weights. Writes are rare because each one bumps the catalog generation that search
 * and eligibility cache keys include, so the write share sets how long those cached responses
 * last. The weights add up to about 100, so write=0.02 is 0.02 % of requests: at 500 requests/s,
 * one write about every 10 s.
 */
export const DEFAULT_MIX_TEXT = 'search=50,lookup=25,check=15,analysis=7,write=0.02';

function isRequestKind(name: string): name is RequestKind {
  return (REQUEST_KINDS as readonly string[]).includes(name);
}

function mixError(source: string, problem: string): RangeError {
  return new RangeError(
    `--mix ${source}: ${problem}. Give kind=weight pairs such as ${DEFAULT_MIX_TEXT}, ` +
      `or a JSON file with an object of the same weights; kinds are ${REQUEST_KINDS.join(', ')}`,
  );
}

/** Checks weights by kind and fills the kinds left out with 0. */
function buildMix(source: string, entries: readonly [string, unknown][]): TrafficMix {
  const mix: Record<RequestKind, number> = {
    search: 0,
    lookup: 0,
    check: 0,
    analysis: 0,
    write: 0,
  };
  const seen = new Set<string>();
  for (const [name, weight] of entries) {
    if (!isRequestKind(name)) throw mixError(source, `unknown kind "${name}"`);
    if (seen.has(name)) throw mixError(source, `kind "${name}" is given twice`);
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0) {
      throw mixError(source, `weight of "${name}" must be a number of 0 or more`);
    }
    seen.add(name);
    mix[name] = weight;
  }
  if (Object.values(mix).every((weight) => weight === 0)) {
    throw mixError(source, 'at least one weight must be above 0');
  }
  return mix;
}

/** Parses `search=50,lookup=25,...`. */
export function parseMixPairs(text: string): TrafficMix {
  const entries = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item): [string, unknown] => {
      const match = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(item);
      if (match === null) throw mixError(`"${text}"`, `"${item}" is not kind=weight`);
      return [match[1] ?? '', Number(match[2])];
    });
  return buildMix(`"${text}"`, entries);
}

/** Parses the JSON text of a mix file: an object of weights by kind. */
export function parseMixJson(file: string, json: string): TrafficMix {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw mixError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw mixError(file, 'the file must contain a JSON object');
  }
  return buildMix(file, Object.entries(parsed));
}

/**
 * Parses `--mix`: a file name ending in `.json` is read with `readFile`, anything else is
 * parsed as kind=weight pairs.
 */
export function parseMix(text: string, readFile: (file: string) => string): TrafficMix {
  if (!text.trim().endsWith('.json')) return parseMixPairs(text);
  const file = text.trim();
  let json: string;
  try {
    json = readFile(file);
  } catch (error) {
    throw mixError(file, `the file cannot be read (${(error as Error).message})`);
  }
  return parseMixJson(file, json);
}

/** Picks kinds in proportion to their weights from uniform numbers in [0, 1). */
export class MixPicker {
  private readonly kinds: RequestKind[] = [];
  private readonly thresholds: number[] = [];

  constructor(mix: TrafficMix) {
    const total = REQUEST_KINDS.reduce((sum, kind) => sum + mix[kind], 0);
    let cumulative = 0;
    for (const kind of REQUEST_KINDS) {
      if (mix[kind] === 0) continue;
      cumulative += mix[kind] / total;
      this.kinds.push(kind);
      this.thresholds.push(cumulative);
    }
  }

  pick(uniform: number): RequestKind {
    for (let index = 0; index < this.kinds.length; index += 1) {
      if (uniform < (this.thresholds[index] ?? 1)) return this.kinds[index] ?? 'search';
    }
    return this.kinds.at(-1) ?? 'search';
  }
}
