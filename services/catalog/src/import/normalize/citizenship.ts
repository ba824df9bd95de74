import { CITIZENSHIP_STATUSES, type CitizenshipStatus } from '@scholarships/contracts';
import { inVocabularyOrder } from './list';

const US = String.raw`(?:U\.\s?S\.|US|United States)`;

/**
 * Maps BigFuture's free-text citizenship cell (`US Citizen, Permanent
 * Resident`, `undocumented and came to the United States before ...`).
 * A FAFSA-eligible noncitizen is most often a permanent resident, so it maps
 * to `permanent_resident`. DACA recipients have no lawful status, so an award
 * open to undocumented students includes them. A US national who is no
 * citizen has no vocabulary value.
 */
export function parseCitizenshipText(value: string): CitizenshipStatus[] {
  const text = value.toLowerCase();
  const statuses: CitizenshipStatus[] = [];
  if (/\bcitizens?\b/.test(text)) statuses.push('us_citizen');
  if (/permanent resident|eligible noncitizen|green card/.test(text)) {
    statuses.push('permanent_resident');
  }
  if (/\bdaca\b|deferred action/.test(text)) statuses.push('daca');
  if (/undocumented/.test(text)) statuses.push('undocumented', 'daca');
  if (/international|any country|all nationalities/.test(text)) statuses.push('international');
  return inVocabularyOrder(CITIZENSHIP_STATUSES, statuses);
}

/**
 * Phrases that make US citizenship a requirement in helios descriptions. Each
 * was checked against the records it matches. Mentions that are no
 * requirement ("It is not necessary to be ... a United States citizen",
 * "U.S. citizens attending schools overseas" in a list of who may enter) do
 * not match.
 */
const CITIZEN_REQUIREMENTS = [
  new RegExp(String.raw`\bmust be (?:an? )?${US} citizens?`, 'i'),
  new RegExp(String.raw`\b${US} citizens? only\b`, 'i'),
  new RegExp(String.raw`\b(?:intended for|grants for|who are) ${US} citizens?\b`, 'i'),
  /(?:^|\n)\s*an? citizen or permanent resident of the United States/i,
  new RegExp(String.raw`\bdocumentation verifying\b.{0,120}?\b${US} citizenship\b`, 'is'),
  /(?:^|\n)\s*(?:and\s+)?United States Citizenship\.?\s*$/im,
];

const PERMANENT_RESIDENT = /\b(?:permanent (?:legal )?residents?|legal residents?)\b/i;

/**
 * Reads a US citizenship requirement from a helios description. The helios
 * structured fields have no citizenship column, so only these explicit
 * phrasings count. Returns `us_citizen`, plus `permanent_resident` when the
 * same sentence admits permanent or legal residents.
 */
export function detectCitizenshipRequirement(description: string | null): CitizenshipStatus[] {
  if (!description) return [];
  for (const pattern of CITIZEN_REQUIREMENTS) {
    const match = pattern.exec(description);
    if (!match) continue;
    const sentence = description.slice(match.index, match.index + match[0].length + 60);
    return PERMANENT_RESIDENT.test(sentence)
      ? ['us_citizen', 'permanent_resident']
      : ['us_citizen'];
  }
  return [];
}
