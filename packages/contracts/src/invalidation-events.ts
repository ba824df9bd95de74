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
 * ARGV[1] the channel, then two arguments per event (see `publishEventsArguments`): '1' and the
 * event's JSON without its closing brace when it carries the generation, else '0' and its whole
 * JSON. The first such event increments the generation, and each one is published with the new
 * value appended as `generation`. The payloads are never parsed, so each one reaches subscribers
 * exactly as the service wrote it. Returns the new generation, or 0 when nothing was incremented.
 */
export const PUBLISH_EVENTS_SCRIPT = `
local generation = nil
for index = 2, #ARGV, 2 do
  local payload = ARGV[index + 1]
  if ARGV[index] == '1' then
    generation = generation or redis.call('INCR', KEYS[1])
    payload = payload .. ',"generation":' .. string.format('%d', generation) .. '}'
  end
  redis.call('PUBLISH', ARGV[1], payload)
end
return generation or 0
`;

/** Arguments of PUBLISH_EVENTS_SCRIPT after the key count: key, channel, then two per event. */
export function publishEventsArguments(
  generationKey: string,
  channel: string,
  events: readonly InvalidationEvent[],
): string[] {
  const eventArguments = events.flatMap((event) => {
    const json = JSON.stringify(event);
    // JSON.stringify of an object always ends with its closing brace.
    return event.type === 'profile.changed' ? ['0', json] : ['1', json.slice(0, -1)];
  });
  return [generationKey, channel, ...eventArguments];
}
