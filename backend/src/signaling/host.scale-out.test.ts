import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admission, RemovedFromMeeting, RoleChanged, UserLeft, WaitingPerson } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { waitUntil } from '../../../testkit/wait.js';
import { useTwoInstances } from '../test/two-instances.js';
import { join, nextEvent, record, request, startTestServer } from '../test/server.js';

// Host controls across instances (shared Redis + MongoDB) and across a restart (MongoDB only).

const cluster = useTwoInstances();
const client = cluster.client;
let a: RunningServer;
let b: RunningServer;
beforeAll(() => {
  ({ a, b } = cluster);
});
/** Instance A after the restart test replaced it (the cluster stops the original). */
let restarted: RunningServer | undefined;
afterAll(() => restarted?.close());

describe('host controls across two instances', () => {
  it('when the host is on one instance and the others on another, then knock, admit, co-host and remove all work', async () => {
    const { meetingId, hostKey } = await a.meetings.create({});
    const host = await client(a);
    const guest = await client(b);
    expect(await join(host, meetingId, 'Hana', { hostKey })).toMatchObject({ ok: true, role: 'host' });
    const guestJoin = await join(guest, meetingId, 'Gus');
    expect(guestJoin).toMatchObject({ ok: true, peers: [expect.objectContaining({ id: host.id, role: 'host' })] });

    // Lock on A; a knock on B reaches the host on A; the admission made on A lets B's socket in.
    expect(await request(host, 'set-locked', { locked: true })).toEqual({ ok: true });
    const knocker = await client(b);
    const listed = nextEvent<{ waiting: WaitingPerson[] }>(host, 'waiting-room');
    expect(await join(knocker, meetingId, 'Kim')).toMatchObject({ ok: false, error: { code: 'WAITING_FOR_HOST' } });
    expect((await listed).waiting.map((w) => w.displayName)).toEqual(['Kim']);
    const decision = nextEvent<Admission>(knocker, 'admission');
    expect(await request(host, 'admit', { id: knocker.id })).toEqual({ ok: true });
    expect(await decision).toEqual({ meetingId, admitted: true });
    expect(await join(knocker, meetingId, 'Kim')).toMatchObject({ ok: true });

    // A co-host grant made on A holds for the guest's socket on B.
    const role = nextEvent<RoleChanged>(guest, 'role-changed');
    expect(await request(host, 'set-co-host', { id: guest.id, coHost: true })).toEqual({ ok: true });
    expect(await role).toEqual({ id: guest.id, role: 'cohost' });
    await waitUntil(async () => (await request(guest, 'set-title', { title: 'From B' })).ok, 3000, 'co-host powers on B');

    // A removal made on A disconnects the knocker on B; the others hear of it once, as `removed`.
    const knockerId = knocker.id;
    const left = record<UserLeft>(guest, 'user-left');
    const told = nextEvent<RemovedFromMeeting>(knocker, 'removed');
    expect(await request(host, 'remove-participant', { id: knocker.id })).toEqual({ ok: true });
    expect(await told).toMatchObject({ meetingId });
    await waitUntil(() => knocker.disconnected, 3000, 'removed socket disconnected');
    await waitUntil(async () => (await a.presence.count(meetingId)) === 2, 3000, 'seat freed');
    // Round trip to the guest's instance so a duplicate user-left would have arrived.
    await request(guest, 'media-state', { audio: false, video: false, screen: false });
    expect(left).toEqual([{ id: knockerId, reason: 'removed' }]);
  });
});

describe('host controls across a restart', () => {
  it('when the backend restarts, then the lock, the co-hosts and the removed list still hold', async () => {
    const { meetingId, hostKey } = await a.meetings.create({});
    const host = await client(a);
    const cohost = await client(a);
    const removed = await client(a);
    await join(host, meetingId, 'Hana', { hostKey });
    const cohostJoin = await join(cohost, meetingId, 'Cleo');
    const removedJoin = await join(removed, meetingId, 'Rex');
    if (!cohostJoin.ok || !removedJoin.ok) throw new Error('joins failed');
    await request(host, 'set-co-host', { id: cohost.id, coHost: true });
    await request(host, 'remove-participant', { id: removed.id });
    await request(host, 'set-locked', { locked: true });

    await a.close();
    a = restarted = await startTestServer({ REDIS_URL: cluster.redis.url });

    expect(await join(await client(a), meetingId, 'Cleo', { clientKey: cohostJoin.clientKey })).toMatchObject({ ok: true, role: 'cohost' });
    expect(await join(await client(a), meetingId, 'Rex', { clientKey: removedJoin.clientKey })).toMatchObject({
      ok: false,
      error: { code: 'WAITING_FOR_HOST' },
    });
    expect(await join(await client(a), meetingId, 'New')).toMatchObject({ ok: false, error: { code: 'WAITING_FOR_HOST' } });
    expect(await a.meetings.get(meetingId)).toMatchObject({ locked: true });
  });
});
