import type { PublishedInvalidationEvent } from '@scholarships/contracts';
import { z } from 'zod';

/** Absent in events of publishers that do not send it; the subscriber then reads the value. */
const generation = z.number().int().nonnegative().optional();

const invalidationEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('scholarship.changed'),
    scholarshipId: z.string().min(1),
    version: z.number().int(),
    generation,
  }),
  z.object({
    type: z.literal('scholarship.deleted'),
    scholarshipId: z.string().min(1),
    generation,
  }),
  z.object({
    type: z.literal('profile.changed'),
    userId: z.string().min(1),
    version: z.number().int(),
  }),
]);

/**
 * Invalidations one gateway replica sends the others after a write it proxied, so they apply it
 * before the service's own event arrives. `sender` lets a replica skip its own messages.
 */
export type GatewayMessage =
  | { type: 'keys'; sender: string; hashes: string[]; generation?: number }
  | { type: 'profile-written'; sender: string; userId: string };

const gatewayMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('keys'),
    sender: z.string(),
    hashes: z.array(z.string()),
    generation: z.number().int().optional(),
  }),
  z.object({ type: z.literal('profile-written'), sender: z.string(), userId: z.string().min(1) }),
]);

/** Parses a message of the event channel; undefined for anything else, e.g. a newer event type. */
export function parseInvalidationEvent(message: string): PublishedInvalidationEvent | undefined {
  return parseWith(invalidationEvent, message);
}

export function parseGatewayMessage(message: string): GatewayMessage | undefined {
  return parseWith(gatewayMessage, message);
}

function parseWith<T>(schema: z.ZodType<T>, message: string): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(message));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
