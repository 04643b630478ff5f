import { describe, expect, it } from 'vitest';
import type {
  Admission,
  MeetingEnded,
  MeetingState,
  MutedByHost,
  RemovedFromMeeting,
  RoleChanged,
  UserLeft,
  WaitingPerson,
} from '../contract/protocol.js';
import { Meeting } from '../meetings/meeting.model.js';
import { waitUntil } from '../../../testkit/wait.js';
import { join, mustJoin, nextEvent, record, request } from '../test/server.js';
import { useSignalingServer } from '../test/signaling-suite.js';

const suite = useSignalingServer();

async function newMeeting() {
  return suite.server.meetings.create({ title: 'Standup' });
}

/** A meeting with its host and one participant seated. */
async function hostAndGuest() {
  const { meetingId, hostKey } = await newMeeting();
  const host = await suite.client();
  const guest = await suite.client();
  const hostJoin = await mustJoin(host, meetingId, 'Hana', { hostKey });
  const guestJoin = await mustJoin(guest, meetingId, 'Gus');
  return { meetingId, hostKey, host, guest, hostJoin, guestJoin };
}

async function stored(meetingId: string) {
  return Meeting.findOne({ meetingId }).lean().orFail();
}

describe('host key', () => {
  it('when the creator joins with the host key, then they are the host and others see the role', async () => {
    const { hostJoin, guestJoin, host } = await hostAndGuest();
    expect(hostJoin.role).toBe('host');
    expect(hostJoin.meeting).toEqual({ title: 'Standup', locked: false });
    expect(guestJoin.role).toBe('participant');
    expect(guestJoin.peers).toEqual([expect.objectContaining({ id: host.id, role: 'host' })]);
  });

  it('when a meeting is created, then only a hash of the host key is stored', async () => {
    const { meetingId, hostKey } = await newMeeting();
    const doc = await stored(meetingId);
    expect(JSON.stringify(doc)).not.toContain(hostKey);
    expect(doc.hostKeyHash).toEqual(expect.any(String));
  });

  it('when someone joins with a wrong host key, then FORBIDDEN and no seat', async () => {
    const { meetingId } = await newMeeting();
    const c = await suite.client();
    expect(await join(c, meetingId, 'Mallory', { hostKey: 'not-the-key' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await suite.server.presence.count(meetingId)).toBe(0);
  });
});

describe('lock and waiting room', () => {
  it('when the meeting is locked, then a newcomer waits, the host sees them by name, and admit lets them in', async () => {
    const { meetingId, host, guest } = await hostAndGuest();
    const updates = record<MeetingState>(guest, 'meeting-updated');
    expect(await request(host, 'set-locked', { locked: true })).toEqual({ ok: true });
    await waitUntil(() => updates.length === 1, 3000, 'meeting-updated');
    expect(updates[0]).toEqual({ title: 'Standup', locked: true });
    expect((await stored(meetingId)).locked).toBe(true);

    const knocker = await suite.client();
    const listed = nextEvent<{ waiting: WaitingPerson[] }>(host, 'waiting-room');
    expect(await join(knocker, meetingId, 'Kim')).toEqual({
      ok: false,
      error: { code: 'WAITING_FOR_HOST', message: 'Waiting for the host to let you in.' },
    });
    expect((await listed).waiting).toEqual([{ id: knocker.id, displayName: 'Kim', since: expect.any(String) }]);
    expect(await suite.server.presence.count(meetingId)).toBe(2);

    const decision = nextEvent<Admission>(knocker, 'admission');
    expect(await request(host, 'admit', { id: knocker.id })).toEqual({ ok: true });
    expect(await decision).toEqual({ meetingId, admitted: true });
    expect(await join(knocker, meetingId, 'Kim')).toMatchObject({ ok: true, role: 'participant' });
  });

  it('when the host denies, then the waiting person is told and cannot slip in without knocking again', async () => {
    const { meetingId, host } = await hostAndGuest();
    await request(host, 'set-locked', { locked: true });
    const knocker = await suite.client();
    await join(knocker, meetingId, 'Kim');
    const decision = nextEvent<Admission>(knocker, 'admission');
    const emptied = nextEvent<{ waiting: WaitingPerson[] }>(host, 'waiting-room');
    expect(await request(host, 'deny', { id: knocker.id })).toEqual({ ok: true });
    expect(await decision).toEqual({ meetingId, admitted: false });
    expect((await emptied).waiting).toEqual([]);
    expect(await join(knocker, meetingId, 'Kim')).toMatchObject({ ok: false, error: { code: 'WAITING_FOR_HOST' } });
  });

  it('when the host unlocks, then everyone waiting is admitted', async () => {
    const { meetingId, host } = await hostAndGuest();
    await request(host, 'set-locked', { locked: true });
    const [a, b] = [await suite.client(), await suite.client()];
    await join(a, meetingId, 'Ann');
    await join(b, meetingId, 'Ben');
    const decisions = [nextEvent<Admission>(a, 'admission'), nextEvent<Admission>(b, 'admission')];
    expect(await request(host, 'set-locked', { locked: false })).toEqual({ ok: true });
    expect((await Promise.all(decisions)).map((d) => d.admitted)).toEqual([true, true]);
    expect(await join(a, meetingId, 'Ann')).toMatchObject({ ok: true });
  });

  it('when a host joins a locked meeting with people waiting, then the ack lists them', async () => {
    const { meetingId, hostKey, host } = await hostAndGuest();
    await request(host, 'set-locked', { locked: true });
    const knocker = await suite.client();
    await join(knocker, meetingId, 'Kim');
    const secondDevice = await suite.client();
    const ack = await mustJoin(secondDevice, meetingId, 'Hana (tablet)', { hostKey });
    expect(ack.waiting.map((w) => w.displayName)).toEqual(['Kim']);
  });
});

describe('remove', () => {
  it('when the host removes someone, then they are told, the others see "removed", and their browser cannot walk back in', async () => {
    const { meetingId, host, guest, guestJoin } = await hostAndGuest();
    const guestId = guest.id;
    const watcher = await suite.client();
    await mustJoin(watcher, meetingId, 'Wes');
    const left = record<UserLeft>(watcher, 'user-left');
    const told = nextEvent<RemovedFromMeeting>(guest, 'removed');
    const gone = new Promise<void>((resolve) => guest.once('disconnect', () => resolve()));

    expect(await request(host, 'remove-participant', { id: guest.id })).toEqual({ ok: true });
    expect(await told).toEqual({ meetingId, by: 'Hana' });
    await gone;
    await waitUntil(() => left.length >= 1, 3000, 'user-left');
    expect(left).toEqual([{ id: guestId, reason: 'removed' }]);
    expect(await suite.server.presence.count(meetingId)).toBe(2);

    const again = await suite.client();
    const knocked = nextEvent<{ waiting: WaitingPerson[] }>(host, 'waiting-room');
    expect(await join(again, meetingId, 'Gus', { clientKey: guestJoin.clientKey })).toMatchObject({
      ok: false,
      error: { code: 'WAITING_FOR_HOST' },
    });
    expect((await knocked).waiting.map((w) => w.id)).toEqual([again.id]);

    // Admitted again: the removal is forgiven.
    await request(host, 'admit', { id: again.id });
    expect(await join(again, meetingId, 'Gus', { clientKey: guestJoin.clientKey })).toMatchObject({ ok: true });
    expect((await stored(meetingId)).removed).toEqual([]);
  });

  it('when the host tries to remove the host, then FORBIDDEN', async () => {
    const { meetingId, hostKey, host } = await hostAndGuest();
    const tablet = await suite.client();
    await mustJoin(tablet, meetingId, 'Hana 2', { hostKey });
    expect(await request(host, 'remove-participant', { id: tablet.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('mute', () => {
  it('when the host mutes one participant, then only that one is told', async () => {
    const { meetingId, host, guest } = await hostAndGuest();
    const other = await suite.client();
    await mustJoin(other, meetingId, 'Olga');
    const otherTold = record<MutedByHost>(other, 'muted-by-host');
    const told = nextEvent<MutedByHost>(guest, 'muted-by-host');
    expect(await request(host, 'mute-participant', { id: guest.id })).toEqual({ ok: true });
    expect(await told).toEqual({ by: 'Hana' });
    expect(otherTold).toEqual([]);
  });

  it('when the host mutes everyone, then everyone but the host is told', async () => {
    const { meetingId, host, guest } = await hostAndGuest();
    const other = await suite.client();
    await mustJoin(other, meetingId, 'Olga');
    const hostTold = record<MutedByHost>(host, 'muted-by-host');
    const told = [nextEvent<MutedByHost>(guest, 'muted-by-host'), nextEvent<MutedByHost>(other, 'muted-by-host')];
    expect(await request(host, 'mute-all')).toEqual({ ok: true });
    expect(await Promise.all(told)).toEqual([{ by: 'Hana' }, { by: 'Hana' }]);
    expect(hostTold).toEqual([]);
  });
});

describe('end for all and rename', () => {
  it('when the host ends the meeting, then everyone (waiting room included) is told and nobody can join again', async () => {
    const { meetingId, host, guest } = await hostAndGuest();
    await request(host, 'set-locked', { locked: true });
    const knocker = await suite.client();
    await join(knocker, meetingId, 'Kim');
    const told = [host, guest, knocker].map((s) => nextEvent<MeetingEnded>(s, 'meeting-ended'));
    expect(await request(host, 'end-meeting')).toEqual({ ok: true });
    expect(await Promise.all(told)).toEqual([1, 2, 3].map(() => ({ meetingId, by: 'Hana' })));
    await waitUntil(async () => (await suite.server.presence.count(meetingId)) === 0, 3000, 'everyone out');
    expect(await join(await suite.client(), meetingId, 'Late')).toMatchObject({ ok: false, error: { code: 'MEETING_ENDED' } });
    expect(await suite.server.meetings.get(meetingId)).toMatchObject({ ended: true });
  });

  it('when the host renames the meeting, then everyone sees the title and it is stored', async () => {
    const { meetingId, host, guest } = await hostAndGuest();
    const update = nextEvent<MeetingState>(guest, 'meeting-updated');
    expect(await request(host, 'set-title', { title: '  Retro  ' })).toEqual({ ok: true });
    expect(await update).toEqual({ title: 'Retro', locked: false });
    expect((await suite.server.meetings.get(meetingId)).title).toBe('Retro');
    expect(await request(host, 'set-title', { title: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('co-hosts', () => {
  it('when the host makes someone co-host and leaves, then the co-host keeps the powers, also after rejoining', async () => {
    const { meetingId, host, guest, guestJoin } = await hostAndGuest();
    const role = nextEvent<RoleChanged>(guest, 'role-changed');
    expect(await request(host, 'set-co-host', { id: guest.id, coHost: true })).toEqual({ ok: true });
    expect(await role).toEqual({ id: guest.id, role: 'cohost' });
    host.disconnect();
    await waitUntil(async () => (await suite.server.presence.count(meetingId)) === 1, 3000, 'host gone');

    expect(await request(guest, 'set-locked', { locked: true })).toEqual({ ok: true });
    guest.disconnect();
    const back = await suite.client();
    expect(await mustJoin(back, meetingId, 'Gus', { clientKey: guestJoin.clientKey })).toMatchObject({ role: 'cohost' });
    expect(await request(back, 'set-locked', { locked: false })).toEqual({ ok: true });
  });

  it('when a co-host tries to make co-hosts, then FORBIDDEN: only the host can', async () => {
    const { meetingId, host, guest } = await hostAndGuest();
    const third = await suite.client();
    await mustJoin(third, meetingId, 'Tia');
    await request(host, 'set-co-host', { id: guest.id, coHost: true });
    expect(await request(guest, 'set-co-host', { id: third.id, coHost: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('when the host withdraws co-host powers, then the former co-host is refused', async () => {
    const { host, guest } = await hostAndGuest();
    await request(host, 'set-co-host', { id: guest.id, coHost: true });
    await request(host, 'set-co-host', { id: guest.id, coHost: false });
    expect(await request(guest, 'set-locked', { locked: true })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('every host action from someone without the powers is refused and changes nothing', () => {
  /** The actions, aimed at `target` (a member) or `knocker` (someone waiting) where they take one. */
  const actions = (target: string, knocker: string): Array<[string, unknown?]> => [
    ['set-locked', { locked: true }],
    ['set-title', { title: 'Hijacked' }],
    ['admit', { id: knocker }],
    ['deny', { id: knocker }],
    ['remove-participant', { id: target }],
    ['mute-participant', { id: target }],
    ['mute-all'],
    ['end-meeting'],
    ['set-co-host', { id: target, coHost: true }],
  ];

  /** A running meeting: host, a guest, someone waiting (it is locked). */
  async function scene() {
    const s = await hostAndGuest();
    await request(s.host, 'set-locked', { locked: true });
    const waiting = await suite.client();
    await join(waiting, s.meetingId, 'Wendy');
    const before = await stored(s.meetingId);
    const seen = {
      host: record<unknown>(s.host, 'meeting-updated'),
      muted: record<unknown>(s.guest, 'muted-by-host'),
      removed: record<unknown>(s.guest, 'removed'),
      ended: record<unknown>(s.guest, 'meeting-ended'),
      role: record<unknown>(s.guest, 'role-changed'),
      admission: record<unknown>(waiting, 'admission'),
    };
    return { ...s, waiting, before, seen };
  }

  async function expectNoEffect(x: Awaited<ReturnType<typeof scene>>) {
    const after = await stored(x.meetingId);
    expect({ locked: after.locked, title: after.title, endedAt: after.endedAt, coHosts: after.coHosts, removed: after.removed }).toEqual({
      locked: x.before.locked,
      title: x.before.title,
      endedAt: x.before.endedAt,
      coHosts: x.before.coHosts,
      removed: x.before.removed,
    });
    expect(await suite.server.presence.count(x.meetingId)).toBe(2);
    // A round trip through the server, so anything wrongly emitted has arrived by now.
    await request(x.host, 'media-state', { audio: false, video: false, screen: false });
    expect(Object.values(x.seen).every((events) => events.length === 0)).toBe(true);
  }

  it('when a participant sends them, then FORBIDDEN every time', async () => {
    const x = await scene();
    for (const [event, payload] of actions(x.host.id!, x.waiting.id!)) {
      expect(await request(x.guest, event, ...(payload ? [payload] : [])), event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await expectNoEffect(x);
  });

  it('when someone in the waiting room sends them, then NOT_IN_MEETING every time', async () => {
    const x = await scene();
    for (const [event, payload] of actions(x.guest.id!, x.waiting.id!)) {
      expect(await request(x.waiting, event, ...(payload ? [payload] : [])), event).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    }
    await expectNoEffect(x);
  });

  it('when a removed person comes back and sends them, then they are refused every time', async () => {
    const x = await scene();
    const third = await suite.client();
    await request(x.host, 'set-locked', { locked: false });
    const thirdJoin = await mustJoin(third, x.meetingId, 'Rex');
    await request(x.host, 'set-locked', { locked: true });
    await request(x.host, 'remove-participant', { id: third.id });
    x.before = await stored(x.meetingId);
    x.seen.admission.length = 0;
    x.seen.host.length = 0;
    const back = await suite.client();
    expect(await join(back, x.meetingId, 'Rex', { clientKey: thirdJoin.clientKey })).toMatchObject({ ok: false, error: { code: 'WAITING_FOR_HOST' } });
    for (const [event, payload] of actions(x.guest.id!, x.waiting.id!)) {
      expect(await request(back, event, ...(payload ? [payload] : [])), event).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    }
    await expectNoEffect(x);
  });

  it("when another meeting's host aims them at this meeting, then PEER_NOT_FOUND and this meeting is untouched", async () => {
    const x = await scene();
    const other = await newMeeting();
    const stranger = await suite.client();
    await mustJoin(stranger, other.meetingId, 'Sly', { hostKey: other.hostKey });
    for (const id of [x.guest.id!, x.waiting.id!]) {
      for (const [event, payload] of actions(id, id).filter(([, p]) => p && typeof p === 'object' && 'id' in p)) {
        expect(await request(stranger, event, payload), event).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
      }
    }
    await expectNoEffect(x);
  });
});
