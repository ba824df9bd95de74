import { AWARD_BASES, type AwardBasis } from '@scholarships/contracts';
import { isNoValue } from './sentinel';

/** Maps need/merit text such as helios `Need Based` or `Merit Based`; anything else is `null`. */
export function parseNeedOrMerit(value: string | null | undefined): AwardBasis | null {
  if (isNoValue(value) || value === null || value === undefined) return null;
  const text = value.trim().toLowerCase();
  return AWARD_BASES.find((basis) => text.startsWith(basis)) ?? null;
}

/** Maps a yes/no financial-need cell (BigFuture): `Yes` means need-based, anything else `null`. */
export function parseFinancialNeedFlag(value: string | null | undefined): AwardBasis | null {
  return value?.trim().toLowerCase() === 'yes' ? 'need' : null;
}
