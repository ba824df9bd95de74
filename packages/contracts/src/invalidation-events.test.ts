import { publishEventsArguments } from './invalidation-events';

describe('publishEventsArguments', () => {
  it('opens scholarship events for the generation', () => {
    const event = { type: 'scholarship.deleted', scholarshipId: 'a' } as const;
    const args = publishEventsArguments('generation-key', 'channel', [event]);

    expect(args).toEqual([
      'generation-key',
      'channel',
      '1',
      '{"type":"scholarship.deleted","scholarshipId":"a"',
    ]);
  });

  it('passes profile events whole', () => {
    const event = { type: 'profile.changed', userId: 'u', version: 3 } as const;
    const args = publishEventsArguments('generation-key', 'channel', [event]);

    expect(args.slice(2)).toEqual(['0', JSON.stringify(event)]);
  });
});
