import { describe, expect, it } from 'vitest';
import type { HandRaised, HandUpdated, ReactionSent } from '../contract/protocol.js';
import { REACTION_BURST, REACTIONS } from '../contract/reactions.js';
import { waitUntil } from '../../../testkit/wait.js';
import { mustJoin, nextEvent, record, request, type TestClient } from '../test/server.js';
import { useSignalingServer } from '../test/signaling-suite.js';

const suite = useSignalingServer();

/** A meeting with its host (Hana) and two participants (Ben, Cat) seated, and a watcher's view of hands. */
async function meeting() {
  const { meetingId, hostKey } = await suite.server.meetings.create({});
  const [host, ben, cat] = [await suite.client(), await suite.client(), await suite.client()];
  await mustJoin(host, meetingId, 'Hana', { hostKey });
  const benJoin = await mustJoin(ben, meetingId, 'Ben');
  await mustJoin(cat, meetingId, 'Cat');
  const seenByHost = record<HandUpdated>(host, 'hand-updated');
  return { meetingId, hostKey, host, ben, cat, benJoin, seenByHost };
}

/** Hands as presence holds them: participant id → raisedAt. */
async function hands(meetingId: string): Promise<Record<string, string>> {
  const peers = await suite.server.presence.list(meetingId);
  return Object.fromEntries(peers.flatMap((p) => (p.handRaisedAt ? [[p.id, p.handRaisedAt]] : [])));
}

/**
 * Everything `actor` sent before has been handled and reached `watcher`: `actor` (hand down)
 * raises its hand, and the server tells `watcher` in the order it handled things.
 */
async function settled(actor: TestClient, watcher: TestClient): Promise<void> {
  const up = new Promise<void>((resolve) =>
    watcher.on('hand-updated', (u) => {
      if (u.id === actor.id && u.raisedAt) resolve();
    }),
  );
  expect(await request(actor, 'raise-hand')).toMatchObject({ ok: true });
  await up;
}

describe('raise hand', () => {
  it('when a participant raises their hand, then everyone (they included) is told with the server time, and raising again keeps the place', async () => {
    const { meetingId, ben, cat, seenByHost } = await meeting();
    const seenByBen = record<HandUpdated>(ben, 'hand-updated');
    const catTold = nextEvent<HandUpdated>(cat, 'hand-updated');
    const before = Date.now();
    const ack = await request<HandRaised>(ben, 'raise-hand');
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    expect(Date.parse(ack.raisedAt)).toBeGreaterThanOrEqual(before - 5);
    expect(await catTold).toEqual({ id: ben.id, raisedAt: ack.raisedAt });

    expect(await request(ben, 'raise-hand')).toEqual({ ok: true, raisedAt: ack.raisedAt });
    await waitUntil(() => seenByBen.length >= 1, 3000, 'own echo');
    expect(seenByHost).toEqual([{ id: ben.id, raisedAt: ack.raisedAt }]);
    expect(await hands(meetingId)).toEqual({ [ben.id!]: ack.raisedAt });
  });

  it('when B then C raise their hands, then a late joiner gets both in the peer list, in the order raised', async () => {
    const { meetingId, ben, cat } = await meeting();
    const b = await request<HandRaised>(ben, 'raise-hand');
    const c = await request<HandRaised>(cat, 'raise-hand');
    if (!b.ok || !c.ok) throw new Error('raise failed');
    expect(Date.parse(b.raisedAt)).toBeLessThanOrEqual(Date.parse(c.raisedAt));

    const late = await mustJoin(await suite.client(), meetingId, 'Lou');
    const queue = late.peers.filter((p) => p.handRaisedAt).sort((x, y) => x.handRaisedAt!.localeCompare(y.handRaisedAt!));
    expect(queue.map((p) => p.displayName)).toEqual(['Ben', 'Cat']);
    expect(late.peers.find((p) => p.displayName === 'Hana')?.handRaisedAt).toBeUndefined();
  });

  it('when a participant lowers their own hand, then everyone is told, without a loweredBy', async () => {
    const { meetingId, ben, seenByHost } = await meeting();
    await request(ben, 'raise-hand');
    expect(await request(ben, 'lower-hand', {})).toEqual({ ok: true });
    await waitUntil(() => seenByHost.length === 2, 3000, 'two updates');
    expect(seenByHost[1]).toEqual({ id: ben.id, raisedAt: null });
    expect(await hands(meetingId)).toEqual({});
  });

  it('when a participant tries to lower someone else’s hand, then FORBIDDEN and the hand stays up', async () => {
    const { meetingId, host, ben, cat, seenByHost } = await meeting();
    const raised = await request<HandRaised>(ben, 'raise-hand');
    if (!raised.ok) throw new Error('raise failed');
    expect(await request(cat, 'lower-hand', { id: ben.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await settled(cat, host);
    expect(seenByHost.filter((u) => u.id === ben.id)).toEqual([{ id: ben.id, raisedAt: raised.raisedAt }]);
    expect((await hands(meetingId))[ben.id!]).toBe(raised.raisedAt);
  });

  it('when the host lowers someone’s hand, then everyone is told who did it; a co-host may too', async () => {
    const { meetingId, host, ben, cat } = await meeting();
    await request(ben, 'raise-hand');
    await request(cat, 'raise-hand');
    const benTold = record<HandUpdated>(ben, 'hand-updated');
    expect(await request(host, 'lower-hand', { id: ben.id })).toEqual({ ok: true });
    await waitUntil(() => benTold.some((u) => u.raisedAt === null), 3000, 'lowered');
    expect(benTold.at(-1)).toEqual({ id: ben.id, raisedAt: null, loweredBy: 'Hana' });

    await request(host, 'set-co-host', { id: ben.id, coHost: true });
    expect(await request(ben, 'lower-hand', { id: cat.id })).toEqual({ ok: true });
    expect(Object.keys(await hands(meetingId))).toEqual([]);
  });

  it('when a host lowers a hand that is already down, then ok and nobody is told', async () => {
    const { host, ben, cat } = await meeting();
    const catSaw = record<HandUpdated>(cat, 'hand-updated');
    expect(await request(host, 'lower-hand', { id: ben.id })).toEqual({ ok: true });
    await settled(host, cat);
    expect(catSaw.map((u) => u.id)).toEqual([host.id]);
  });

  it('when a host aims at someone outside the meeting, then PEER_NOT_FOUND', async () => {
    const { host } = await meeting();
    const elsewhere = await meeting();
    await request(elsewhere.ben, 'raise-hand');
    expect(await request(host, 'lower-hand', { id: elsewhere.ben.id })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
    expect(Object.keys(await hands(elsewhere.meetingId))).toEqual([elsewhere.ben.id]);
  });

  it('when lower-hand carries a malformed id, then VALIDATION_FAILED', async () => {
    const { host } = await meeting();
    for (const payload of [{ id: '../../x' }, { id: 42 }, { id: 'x'.repeat(65) }, 'nope']) {
      expect(await request(host, 'lower-hand', payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
  });

  it('when a participant leaves, then their hand goes with them and a rejoin starts with it down', async () => {
    const { meetingId, ben, benJoin } = await meeting();
    await request(ben, 'raise-hand');
    expect(await request(ben, 'leave-meeting')).toEqual({ ok: true });
    expect(await hands(meetingId)).toEqual({});
    await mustJoin(ben, meetingId, 'Ben', { clientKey: benJoin.clientKey });
    expect(await hands(meetingId)).toEqual({});
  });
});

describe('reactions', () => {
  it('when a participant reacts, then everyone (they included) sees it with their id', async () => {
    const { ben, cat } = await meeting();
    const catSees = nextEvent<ReactionSent>(cat, 'reaction');
    const benSees = nextEvent<ReactionSent>(ben, 'reaction');
    expect(await request(ben, 'send-reaction', { emoji: '🎉' })).toEqual({ ok: true });
    const seen = await catSees;
    expect(seen).toEqual({ id: ben.id, emoji: '🎉', sentAt: expect.any(String) });
    expect(await benSees).toEqual(seen);
  });

  it('when the emoji is not one of the set, then VALIDATION_FAILED naming the set, and nothing is sent', async () => {
    const { ben, cat } = await meeting();
    const catSaw = record<ReactionSent>(cat, 'reaction');
    for (const payload of [{ emoji: '💩' }, { emoji: '👍🏽' }, { emoji: '' }, {}, { emoji: ['👍'] }, null]) {
      expect(await request(ben, 'send-reaction', payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(await request(ben, 'send-reaction', { emoji: '💩' })).toMatchObject({ error: { message: expect.stringContaining(REACTIONS.join(' ')) } });
    await request(ben, 'send-reaction', { emoji: '👍' });
    await waitUntil(() => catSaw.length > 0, 3000, 'the valid reaction');
    expect(catSaw.map((r) => r.emoji)).toEqual(['👍']);
  });

  it('when someone reacts faster than the limit, then RATE_LIMITED and only the allowed ones reach the others', async () => {
    const { ben, cat } = await meeting();
    const catSaw = record<ReactionSent>(cat, 'reaction');
    const acks = [];
    for (let i = 0; i < REACTION_BURST + 2; i++) acks.push(await request(ben, 'send-reaction', { emoji: '👏' }));
    expect(acks.filter((a) => a.ok)).toHaveLength(REACTION_BURST);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    // Others are not limited by Ben's spending.
    expect(await request(cat, 'send-reaction', { emoji: '😮' })).toEqual({ ok: true });
    await waitUntil(() => catSaw.some((r) => r.emoji === '😮'), 3000, 'cat’s reaction');
    expect(catSaw.filter((r) => r.id === ben.id)).toHaveLength(REACTION_BURST);
  });
});

describe('who may not', () => {
  it('when a connection that never joined raises a hand or reacts, then NOT_IN_MEETING', async () => {
    const stranger = await suite.client();
    expect(await request(stranger, 'raise-hand')).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    expect(await request(stranger, 'lower-hand', {})).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    expect(await request(stranger, 'send-reaction', { emoji: '👍' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
  });

  it('when someone in the waiting room, or someone removed who knocks again, raises a hand or reacts, then NOT_IN_MEETING and the meeting sees nothing', async () => {
    const { meetingId, host, ben, benJoin } = await meeting();
    const hostSawReactions = record<ReactionSent>(host, 'reaction');
    const hostSawHands = record<HandUpdated>(host, 'hand-updated');
    await request(host, 'remove-participant', { id: ben.id });
    await request(host, 'set-locked', { locked: true });

    const waiting = await suite.client();
    expect(await request(waiting, 'join-meeting', { meetingId, displayName: 'Kim' })).toMatchObject({ error: { code: 'WAITING_FOR_HOST' } });
    const removed = await suite.client();
    expect(await request(removed, 'join-meeting', { meetingId, displayName: 'Ben', clientKey: benJoin.clientKey })).toMatchObject({
      error: { code: 'WAITING_FOR_HOST' },
    });
    for (const outsider of [waiting, removed]) {
      expect(await request(outsider, 'raise-hand')).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
      expect(await request(outsider, 'send-reaction', { emoji: '👍' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    }
    await settled(host, host);
    expect(hostSawReactions).toEqual([]);
    expect(hostSawHands.map((u) => u.id)).toEqual([host.id]);
    expect(Object.keys(await hands(meetingId))).toEqual([host.id]);
  });
});
