import type { JoinMeetingResult, PeerInfo, Role } from '@contract/protocol';
import { describe, expect, it } from 'vitest';
import { Hands } from './hands';
import { Store } from './observable';
import { FakeSignaling } from './testing/fake-signaling';

const OFF = { audio: false, video: false, screen: false };
const peer = (id: string, handRaisedAt?: string): PeerInfo => ({
  id,
  displayName: id,
  joinedAt: '2030-01-01T00:00:00.000Z',
  media: OFF,
  role: 'participant',
  ...(handRaisedAt ? { handRaisedAt } : {}),
});
const joined = (peers: PeerInfo[], role: Role = 'participant'): JoinMeetingResult => ({
  selfId: 'me',
  meetingId: 'abcde-fghij-kmnpq',
  displayName: 'Me',
  mediaMode: { mode: 'mesh' },
  peers,
  iceServers: [],
  maxParticipants: 6,
  chat: [],
  clientKey: 'client-key-0123456789',
  role,
  meeting: { title: null, locked: false },
  waiting: [],
});
const at = (s: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, s)).toISOString();

function setup(peers: PeerInfo[] = [], role: Role = 'participant') {
  const level = new Store(0);
  const hands = new Hands(level);
  const signaling = new FakeSignaling(() => joined(peers, role));
  hands.attach(signaling);
  hands.seat(joined(peers, role));
  return { hands, signaling, level, queue: () => hands.state.getSnapshot().queue.map((h) => h.id) };
}

describe('Hands', () => {
  it('when a late joiner seats, then the queue is the peers with raised hands, first raised first', () => {
    const { queue } = setup([peer('cat', at(5)), peer('ann'), peer('ben', at(3))]);
    expect(queue()).toEqual(['ben', 'cat']);
  });

  it('when hands go up out of order, then the queue follows the server times, not arrival', () => {
    const { signaling, queue, hands } = setup([peer('ben'), peer('cat')]);
    signaling.fire('hand-updated', { id: 'cat', raisedAt: at(7) });
    signaling.fire('hand-updated', { id: 'ben', raisedAt: at(6) });
    expect(queue()).toEqual(['ben', 'cat']);
    expect(hands.state.getSnapshot().last).toMatchObject({ id: 'ben', raised: true });
  });

  it('when a hand is lowered (by a host) or its owner leaves, then it leaves the queue, announced only when it was lowered', () => {
    const { signaling, queue, hands } = setup([peer('ben', at(1)), peer('cat', at(2))]);
    signaling.fire('hand-updated', { id: 'ben', raisedAt: null, loweredBy: 'Hana' });
    expect(queue()).toEqual(['cat']);
    expect(hands.state.getSnapshot().last).toMatchObject({ id: 'ben', raised: false, loweredBy: 'Hana' });
    const seq = hands.state.getSnapshot().last?.seq;
    signaling.fire('user-left', { id: 'cat', reason: 'left' });
    expect(queue()).toEqual([]);
    expect(hands.state.getSnapshot().last?.seq).toBe(seq);
  });

  it('when the same update arrives twice, then nothing changes the second time', () => {
    const { signaling, hands } = setup([peer('ben')]);
    signaling.fire('hand-updated', { id: 'ben', raisedAt: at(1) });
    const before = hands.state.getSnapshot();
    signaling.fire('hand-updated', { id: 'ben', raisedAt: at(1) });
    signaling.fire('hand-updated', { id: 'cat', raisedAt: null });
    expect(hands.state.getSnapshot()).toBe(before);
  });

  it('when we toggle, then we raise, and once our hand is up, toggling lowers our own', async () => {
    const { signaling, hands } = setup();
    await hands.toggle();
    expect(signaling.handRequests).toEqual([{ raise: true }]);
    signaling.fire('hand-updated', { id: 'me', raisedAt: at(1) });
    expect(hands.raised).toBe(true);
    await hands.toggle();
    expect(signaling.handRequests.at(-1)).toEqual({ raise: false });
  });

  it('when we are made a co-host, then we may lower others; a participant may not', async () => {
    const { signaling, hands } = setup([peer('ben', at(1))]);
    expect(hands.state.getSnapshot().canLowerOthers).toBe(false);
    signaling.fire('role-changed', { id: 'me', role: 'cohost' });
    expect(hands.state.getSnapshot().canLowerOthers).toBe(true);
    await hands.lower('ben');
    expect(signaling.handRequests).toEqual([{ raise: false, id: 'ben' }]);
    expect(setup([], 'host').hands.state.getSnapshot().canLowerOthers).toBe(true);
  });

  it('when our hand is up and we talk for about 3 s, then it lowers itself; talking with the hand down does nothing', () => {
    const { signaling, hands, level } = setup();
    let now = 0;
    const realNow = Date.now;
    Date.now = () => now;
    try {
      for (; now <= 4_000; now += 80) level.set(0.3 + (now % 160 ? 0.01 : 0));
      expect(signaling.handRequests).toEqual([]);

      signaling.fire('hand-updated', { id: 'me', raisedAt: at(1) });
      for (; now <= 6_800; now += 80) level.set(0.3 + (now % 160 ? 0.01 : 0));
      expect(signaling.handRequests).toEqual([]);
      for (; now <= 7_400; now += 80) level.set(0.3 + (now % 160 ? 0.01 : 0));
      expect(signaling.handRequests).toEqual([{ raise: false }]);
      expect(hands.raised).toBe(true); // until the server's broadcast says otherwise
    } finally {
      Date.now = realNow;
    }
  });

  it('when we leave, then the queue empties and broadcasts from the old connection are ignored', () => {
    const { signaling, hands, queue } = setup([peer('ben', at(1))]);
    hands.reset();
    signaling.fire('hand-updated', { id: 'cat', raisedAt: at(2) });
    expect(queue()).toEqual([]);
  });
});
