import { describe, expect, it } from 'vitest';
import { mergeChat } from './session-types';

const msg = (id: string, sentAt: string) => ({ id, from: 'x', displayName: 'X', text: id, sentAt });

describe('mergeChat', () => {
  it('when the ack and the broadcast deliver the same message, then it is shown once', () => {
    const first = mergeChat([], [msg('1', '2024-01-01T00:00:01Z')]);
    expect(mergeChat(first, [msg('1', '2024-01-01T00:00:01Z')])).toBe(first);
  });

  it('when history and live messages interleave, then they are ordered by time', () => {
    const merged = mergeChat([msg('2', '2024-01-01T00:00:02Z')], [msg('1', '2024-01-01T00:00:01Z')]);
    expect(merged.map((m) => m.id)).toEqual(['1', '2']);
  });
});
