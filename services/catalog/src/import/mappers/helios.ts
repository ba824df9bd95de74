import { parseAwardAmount } from '../normalize/award-amount';
import { parseNeedOrMerit } from '../normalize/award-basis';
import { detectCitizenshipRequirement } from '../normalize/citizenship';
import { parseEthnicities, parseGenders } from '../normalize/demographics';
import { mapMajors } from '../normalize/fields-of-study';
import { parseHeliosLevels } from '../normalize/grade-levels';
import { repairHeliosText } from '../normalize/helios-repairs';
import { splitList } from '../normalize/list';
import { parseMinGpa } from '../normalize/min-gpa';
import { parsePublishedDate } from '../normalize/published-date';
import { cleanLine, cleanText } from '../normalize/text';
import { cleanUrl } from '../normalize/url';
import { parseStateList } from '../normalize/us-states';
import type { HeliosRow } from '../sources/helios';
import type { MappedRow } from '../types';
import { joinNotes, recordRow, SKIP_REASONS, skippedRow } from './record';

function listNote(label: string, items: readonly string[]): string | null {
  return items.length > 0 ? `${label}: ${items.join(', ')}` : null;
}

/** Maps one helios record. Its structured columns are curated; the description adds citizenship. */
export function mapHeliosRow(row: HeliosRow): MappedRow {
  const ref = `id ${row.id}`;
  const name = cleanLine(repairHeliosText(row.name));
  if (!name) return skippedRow('helios', ref, SKIP_REASONS.missingName, JSON.stringify(row.name));
  const description = cleanText(
    row.description === null ? null : repairHeliosText(row.description),
  );
  const majors = mapMajors(splitList(row.major));
  const states = parseStateList(row.state);
  const levels = parseHeliosLevels(row.level);
  return recordRow('helios', ref, {
    name,
    description,
    url: cleanUrl(row.weblink),
    award: parseAwardAmount(row.award),
    deadlinePublished: parsePublishedDate(row.deadline),
    fieldsOfStudy: majors.fields,
    gradeLevels: levels.levels,
    citizenship: detectCitizenshipRequirement(description),
    states: states.codes,
    minGpa: parseMinGpa(row.gpa),
    genders: parseGenders(row.gender),
    ethnicities: parseEthnicities(row.race),
    basis: parseNeedOrMerit(row.needormerit),
    eligibilityNotes: joinNotes([
      listNote('Other requirements', splitList(row.misc)),
      listNote('Majors without a catalog field', majors.unknown),
      listNote('Places that are no US state', states.unknown),
      listNote('Unrecognized levels', levels.unknown),
    ]),
  });
}
