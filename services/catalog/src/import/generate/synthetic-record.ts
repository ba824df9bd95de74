import {
  FIELDS_OF_STUDY,
  type FieldOfStudy,
  US_STATE_CODES,
  type UsStateCode,
} from '@scholarships/contracts';
import { addDays } from '../normalize/calendar-date';
import { inVocabularyOrder } from '../normalize/list';
import type { AwardAmount, ScholarshipRecord } from '../types';
import { chance, pickOne, type Random, randomInt } from './prng';

const REGIONS = [
  'Northeast',
  'Southeast',
  'Midwest',
  'Great Plains',
  'Southwest',
  'Mountain West',
  'Pacific Northwest',
  'California',
  'Gulf Coast',
  'Mid-Atlantic',
];

/** Identity of one synthetic row: the seed and its position in the generated sequence. */
export interface SyntheticSlot {
  seed: number;
  index: number;
}

/** Rounds to a plausible award step: 50 below 1,000, 100 below 10,000, else 500. */
function roundAward(value: number): number {
  let step = 500;
  if (value < 1_000) step = 50;
  else if (value < 10_000) step = 100;
  return Math.max(step, Math.round(value / step) * step);
}

/** Writes bounds the way the sources do: `$5,000`, `$5,000 - $12,500`, `Up to EUR 6,000`. */
function formatAwardText(min: number | null, max: number | null, currency: string | null): string {
  let symbol = currency ? `${currency} ` : '';
  if (currency === 'USD') symbol = '$';
  const format = (value: number) => `${symbol}${value.toLocaleString('en-US')}`;
  if (min !== null && max !== null && min !== max) return `${format(min)} - ${format(max)}`;
  if (min === null && max !== null) return `Up to ${format(max)}`;
  return format(min ?? max ?? 0);
}

function varyAward(random: Random, award: AwardAmount): AwardAmount {
  if (award.min === null && award.max === null) return award;
  // A log-uniform factor from 0.5 to 2 keeps the skew of the real amounts.
  const factor = 2 ** (random() * 2 - 1);
  const min = award.min === null ? null : roundAward(award.min * factor);
  const max = award.max === null ? null : Math.max(min ?? 0, roundAward(award.max * factor));
  return { min, max, currency: award.currency, text: formatAwardText(min, max, award.currency) };
}

function varyStates(random: Random, states: readonly UsStateCode[]): UsStateCode[] {
  if (states.length === 0) return chance(random, 0.01) ? [pickOne(random, US_STATE_CODES)] : [];
  if (states.length > 1 || chance(random, 0.5)) return [...states];
  return [pickOne(random, US_STATE_CODES)];
}

function varyFields(random: Random, fields: readonly FieldOfStudy[]): FieldOfStudy[] {
  if (fields.length === 0 || !chance(random, 0.3)) return [...fields];
  const dropped = randomInt(random, 0, fields.length - 1);
  const remaining = fields.filter((_, position) => position !== dropped);
  return inVocabularyOrder(FIELDS_OF_STUDY, [...remaining, pickOne(random, FIELDS_OF_STUDY)]);
}

function varyGpa(random: Random, gpa: number | null): number | null {
  if (gpa === null) return chance(random, 0.02) ? randomInt(random, 20, 35) / 10 : null;
  const jittered = gpa + randomInt(random, -3, 3) / 10;
  return Math.min(4, Math.max(2, Math.round(jittered * 100) / 100));
}

/**
 * Derives one synthetic scholarship from a real one: the name gets a region
 * and cohort year, and amount, deadline, states, fields and GPA vary around
 * the real values. The source key is `synthetic:<seed>:<index>`, so the same
 * slot always maps to the same row.
 */
export function deriveSyntheticRecord(
  random: Random,
  base: ScholarshipRecord,
  slot: SyntheticSlot,
): ScholarshipRecord {
  const cohort = 2026 + randomInt(random, 0, 3);
  const region = pickOne(random, REGIONS);
  const deadlineShift = randomInt(random, -30, 30);
  return {
    ...base,
    sourceKey: `synthetic:${slot.seed}:${slot.index}`,
    name: `${base.name} (${region} Cohort ${cohort})`,
    award: varyAward(random, base.award),
    deadlinePublished:
      base.deadlinePublished === null ? null : addDays(base.deadlinePublished, deadlineShift),
    states: varyStates(random, base.states),
    fieldsOfStudy: varyFields(random, base.fieldsOfStudy),
    minGpa: varyGpa(random, base.minGpa),
    sources: [
      { source: 'synthetic', ref: `seed ${slot.seed} row ${slot.index} from ${base.sourceKey}` },
    ],
    guessed: [],
  };
}
