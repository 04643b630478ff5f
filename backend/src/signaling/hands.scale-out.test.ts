import { beforeAll, describe, expect, it } from 'vitest';
import type { HandRaised, HandUpdated, ReactionSent } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { useTwoInstances } from '../test/two-instances.js';
import { mustJoin, nextEvent, request } from '../test/server.js';

// Hands and reactions across instances: the hand lives in the shared (Redis) presence entry, the
// broadcasts go through the Redis adapter.

const cluster = useTwoInstances();
const client = cluster.client;
let a: RunningServer;
let b: RunningServer;
beforeAll(() => {
  ({ a, b } = cluster);
});

describe('hands and reactions across two instances', () => {
  it('when hands go up on both instances, then a late joiner anywhere sees the queue in order, a host elsewhere can lower one, and reactions cross over', async () => {
    const { meetingId, hostKey } = await a.meetings.create({});
    const host = await client(b);
    const ben = await client(a);
    const cat = await client(b);
    await mustJoin(host, meetingId, 'Hana', { hostKey });
    await mustJoin(ben, meetingId, 'Ben');
    await mustJoin(cat, meetingId, 'Cat');

    const hostSeesBen = nextEvent<HandUpdated>(host, 'hand-updated');
    const benUp = await request<HandRaised>(ben, 'raise-hand');
    expect(await hostSeesBen).toMatchObject({ id: ben.id, raisedAt: expect.any(String) });
    const catUp = await request<HandRaised>(cat, 'raise-hand');
    if (!benUp.ok || !catUp.ok) throw new Error('raise failed');
    // Raising again on its own instance keeps the first time (the check and write are one script).
    expect(await request(ben, 'raise-hand')).toEqual({ ok: true, raisedAt: benUp.raisedAt });

    const late = await mustJoin(await client(a), meetingId, 'Lou');
    const queue = late.peers.filter((p) => p.handRaisedAt).sort((x, y) => x.handRaisedAt!.localeCompare(y.handRaisedAt!));
    expect(queue.map((p) => [p.displayName, p.handRaisedAt])).toEqual([
      ['Ben', benUp.raisedAt],
      ['Cat', catUp.raisedAt],
    ]);

    // A participant on B may not lower Ben's hand on A; the host on B may.
    expect(await request(cat, 'lower-hand', { id: ben.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const benTold = nextEvent<HandUpdated>(ben, 'hand-updated');
    expect(await request(host, 'lower-hand', { id: ben.id })).toEqual({ ok: true });
    expect(await benTold).toEqual({ id: ben.id, raisedAt: null, loweredBy: 'Hana' });
    expect((await b.presence.list(meetingId)).filter((p) => p.handRaisedAt).map((p) => p.displayName)).toEqual(['Cat']);

    const reaction = nextEvent<ReactionSent>(host, 'reaction');
    expect(await request(ben, 'send-reaction', { emoji: '❤️' })).toEqual({ ok: true });
    expect(await reaction).toMatchObject({ id: ben.id, emoji: '❤️' });
  });
});
