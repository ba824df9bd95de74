import { FIELDS_OF_STUDY, GRADE_LEVELS, US_STATE_CODES } from '@scholarships/contracts';
import { type UniformRandom, ZipfSampler } from '../random';

/** Lower award bounds students pick, in US dollars. */
const AWARD_MINIMUMS = [500, 1000, 2500, 5000];

/** Shares of searches with each part, from 0 to 1. */
const SHARES = {
  /** Browse without a keyword, sorted by deadline. */
  browse: 0.1,
  twoWords: 0.2,
  state: 0.25,
  field: 0.15,
  gradeLevel: 0.1,
  awardMin: 0.05,
  sortByDeadline: 0.05,
  largePage: 0.1,
} as const;

/**
 * Composes one search query at a time: keywords by Zipf rank from the vocabulary, and filters
 * that students often add, each by an independent draw. States and fields are Zipf-popular in
 * their vocabulary order.
 */
export class SearchQueryComposer {
  private readonly terms: ZipfSampler;
  private readonly states: ZipfSampler;
  private readonly fields: ZipfSampler;

  constructor(
    private readonly vocabulary: readonly string[],
    exponent: number,
    private readonly random: UniformRandom,
  ) {
    if (vocabulary.length === 0) throw new RangeError('the search vocabulary is empty');
    this.terms = new ZipfSampler(vocabulary.length, exponent);
    this.states = new ZipfSampler(US_STATE_CODES.length, exponent);
    this.fields = new ZipfSampler(FIELDS_OF_STUDY.length, exponent);
  }

  private term(): string {
    return this.vocabulary[this.terms.sample(this.random)] ?? '';
  }

  private keyword(): string {
    const first = this.term();
    if (this.random() >= SHARES.twoWords) return first;
    const second = this.term();
    return second === first ? first : `${first} ${second}`;
  }

  compose(): URLSearchParams {
    const parameters = new URLSearchParams();
    const random = this.random;
    if (random() < SHARES.browse) parameters.set('sort', 'deadline');
    else {
      parameters.set('q', this.keyword());
      if (random() < SHARES.sortByDeadline) parameters.set('sort', 'deadline');
    }
    if (random() < SHARES.state) {
      parameters.set('state', US_STATE_CODES[this.states.sample(random)] ?? 'TX');
    }
    if (random() < SHARES.field) {
      parameters.set('field_of_study', FIELDS_OF_STUDY[this.fields.sample(random)] ?? 'nursing');
    }
    if (random() < SHARES.gradeLevel) {
      const level = GRADE_LEVELS[Math.floor(random() * GRADE_LEVELS.length)] ?? 'undergraduate';
      parameters.set('grade_level', level);
    }
    if (random() < SHARES.awardMin) {
      const minimum = AWARD_MINIMUMS[Math.floor(random() * AWARD_MINIMUMS.length)] ?? 1000;
      parameters.set('award_min', String(minimum));
    }
    if (random() < SHARES.largePage) parameters.set('limit', '50');
    return parameters;
  }
}
