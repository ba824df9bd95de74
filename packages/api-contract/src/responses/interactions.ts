import { INTERACTION_TYPES } from '@scholarships/contracts';
import { z } from 'zod';
import { awardSchema, deadlineSchema, timestampText } from './scholarship';

/** The interaction as recorded; 201 when it is new, 200 when the same one existed. */
export const interactionResultSchema = z.strictObject({
  scholarshipId: z.uuid(),
  type: z.enum(INTERACTION_TYPES),
  createdAt: timestampText,
});

export const savedItemSchema = z.strictObject({
  savedAt: timestampText,
  scholarship: z.strictObject({
    id: z.uuid(),
    name: z.string(),
    provider: z.string().nullable(),
    url: z.string().nullable(),
    award: awardSchema,
    deadline: deadlineSchema,
    version: z.int().min(1),
  }),
});

/** One page of the saved list, most recently saved first. */
export const savedPageSchema = z.strictObject({
  items: z.array(savedItemSchema),
  /** Cursor of the next page, `null` on the last page. */
  nextCursor: z.string().nullable(),
});

export type InteractionResult = z.output<typeof interactionResultSchema>;
export type SavedItem = z.output<typeof savedItemSchema>;
export type SavedPage = z.output<typeof savedPageSchema>;
