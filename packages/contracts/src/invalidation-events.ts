/**
 * Events that tell gateways which cached responses are stale. Services
 * record them in an outbox table in the same transaction as the write, and
 * a relay publishes them on the Redis channel below.
 */
export const INVALIDATION_CHANNEL = 'cache:invalidation';

/** Redis key holding the catalog generation, part of search and eligibility cache keys. */
export const CATALOG_GENERATION_KEY = 'cache:catalog-generation';

export type InvalidationEvent =
  | { type: 'scholarship.changed'; scholarshipId: string; version: number }
  | { type: 'scholarship.deleted'; scholarshipId: string }
  | { type: 'profile.changed'; userId: string; version: number };

/**
 * An event as subscribers receive it. Scholarship events also carry `generation`, the catalog
 * generation their publisher's increment produced, so a subscriber learns the new value without
 * a read of its own, which could fail or time out right when every listing key changes.
 */
export type PublishedInvalidationEvent = InvalidationEvent & { generation?: number };

/**
 * Lua script that publishes a batch of events in one atomic step. KEYS[1] is the generation key,
 * ARGV[1] the channel and ARGV[2] onwards the events as JSON. The first scholarship event of the
 * batch increments the generation, and every scholarship event is published with the new value
 * as `generation`. Profile events are published as given. Returns the new generation, or 0 when
 * the batch held no scholarship event.
 */
export const PUBLISH_EVENTS_SCRIPT = `
local generation = nil
for index = 2, #ARGV do
  local payload = ARGV[index]
  local event = cjson.decode(payload)
  if event.type ~= 'profile.changed' then
    generation = generation or redis.call('INCR', KEYS[1])
    event.generation = generation
    payload = cjson.encode(event)
  end
  redis.call('PUBLISH', ARGV[1], payload)
end
return generation or 0
`;

/** Arguments of PUBLISH_EVENTS_SCRIPT after the key count: key, channel, then each event. */
export function publishEventsArguments(
  generationKey: string,
  channel: string,
  events: readonly InvalidationEvent[],
): string[] {
  return [generationKey, channel, ...events.map((event) => JSON.stringify(event))];
}
