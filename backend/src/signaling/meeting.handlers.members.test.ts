import { describe, expect, it } from 'vitest';
import { Attendance } from '../meetings/attendance.model.js';
import type { ChatMessage, ChatSent, JoinMeetingResult, PeerInfo, PeerUpdated, UserLeft } from '../contract/protocol.js';
import { waitUntil } from '../../../testkit/wait.js';
import { join, nextEvent, ok, record, request } from '../test/server.js';
import { useSignalingServer } from '../test/signaling-suite.js';

/** Membership (join, leave, seats), media state, chat and disconnects over a real Socket.io server. */
const suite = useSignalingServer({ MAX_PARTICIPANTS: '3', STUN_URLS: 'stun:stun.example:3478' });
const { client, newMeeting } = suite;

describe('join-meeting', () => {
  it('when a second participant joins, then the first is told and the second gets the peer list', async () => {
    const meetingId = await newMeeting();
    const alice = await client();
    const bob = await client();
    const first = await join(alice, meetingId, '  Alice ');
    ok<JoinMeetingResult>(first);
    expect(first).toMatchObject({ selfId: alice.id, meetingId, peers: [], maxParticipants: 3, chat: [] });
    expect(first.iceServers).toEqual([{ urls: ['stun:stun.example:3478'] }]);

    const joined = nextEvent<PeerInfo>(alice, 'user-joined');
    const second = await join(bob, meetingId, 'Bob');
    ok<JoinMeetingResult>(second);
    expect(second.peers).toEqual([expect.objectContaining({ id: alice.id, displayName: 'Alice' })]);
    expect(await joined).toMatchObject({ id: bob.id, displayName: 'Bob' });
  });

  it('when the meeting does not exist, then MEETING_NOT_FOUND', async () => {
    const c = await client();
    const ack = await join(c, 'aaaaa-bbbbb-ccccc', 'Eve');
    expect(ack).toEqual({ ok: false, error: { code: 'MEETING_NOT_FOUND', message: expect.any(String) } });
  });

  it('when the ID is pasted as a link in upper case, then the join still works', async () => {
    const meetingId = await newMeeting();
    const c = await client();
    const ack = await join(c, `  HTTPS://meet.example/${meetingId.toUpperCase()} `, 'Al');
    ok<JoinMeetingResult>(ack);
    expect(ack.meetingId).toBe(meetingId);
  });

  it.each([
    ['no payload', undefined, 'VALIDATION_FAILED'],
    ['a string payload', 'hello', 'VALIDATION_FAILED'],
    ['a malformed ID', { meetingId: 'nope', displayName: 'A' }, 'INVALID_MEETING_ID'],
    ['an ID that is an operator', { meetingId: { $gt: '' }, displayName: 'A' }, 'INVALID_MEETING_ID'],
    ['an empty name', { meetingId: 'aaaaa-bbbbb-ccccc', displayName: '   ' }, 'VALIDATION_FAILED'],
    ['a 41-character name', { meetingId: 'aaaaa-bbbbb-ccccc', displayName: 'x'.repeat(41) }, 'VALIDATION_FAILED'],
    ['a numeric name', { meetingId: 'aaaaa-bbbbb-ccccc', displayName: 7 }, 'VALIDATION_FAILED'],
    ['bad media flags', { meetingId: 'aaaaa-bbbbb-ccccc', displayName: 'A', media: { audio: 'yes' } }, 'VALIDATION_FAILED'],
  ])('when the payload has %s, then %s', async (_label, payload, code) => {
    const c = await client();
    const ack = await request(c, 'join-meeting', payload);
    expect(ack).toMatchObject({ ok: false, error: { code } });
  });

  it('when the meeting is full, then the next joiner gets MEETING_FULL and the others are not told', async () => {
    const meetingId = await newMeeting();
    const members = await Promise.all([client(), client(), client()]);
    for (const [i, m] of members.entries()) ok(await join(m, meetingId, `P${i}`));
    const joinedSeen = record<PeerInfo>(members[0]!, 'user-joined');
    const late = await client();
    const ack = await join(late, meetingId, 'Late');
    expect(ack).toMatchObject({ ok: false, error: { code: 'MEETING_FULL' } });
    expect(await suite.server.presence.count(meetingId)).toBe(3);
    expect(joinedSeen).toHaveLength(0);
  });

  it('when several people race for the last seat, then exactly one gets it', async () => {
    const meetingId = await newMeeting();
    const first = await client();
    const second = await client();
    ok(await join(first, meetingId, 'A'));
    ok(await join(second, meetingId, 'B'));
    const racers = await Promise.all([client(), client(), client()]);
    const acks = await Promise.all(racers.map((r, i) => join(r, meetingId, `R${i}`)));
    expect(acks.filter((a) => a.ok)).toHaveLength(1);
    expect(acks.filter((a) => !a.ok && a.error.code === 'MEETING_FULL')).toHaveLength(2);
  });

  it('when a socket already in a meeting joins another, then ALREADY_IN_MEETING', async () => {
    const [m1, m2] = [await newMeeting(), await newMeeting()];
    const c = await client();
    ok(await join(c, m1, 'A'));
    expect(await join(c, m2, 'A')).toMatchObject({ ok: false, error: { code: 'ALREADY_IN_MEETING' } });
  });

  it('when a participant leaves and joins again, then both work and the others see left then joined', async () => {
    const meetingId = await newMeeting();
    const alice = await client();
    const bob = await client();
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    const left = nextEvent<UserLeft>(alice, 'user-left');
    ok(await request(bob, 'leave-meeting'));
    expect(await left).toEqual({ id: bob.id, reason: 'left' });
    const rejoined = nextEvent<PeerInfo>(alice, 'user-joined');
    ok(await join(bob, meetingId, 'Bob'));
    expect((await rejoined).id).toBe(bob.id);
  });

  it('when leaving while not in a meeting, then NOT_IN_MEETING', async () => {
    const c = await client();
    expect(await request(c, 'leave-meeting')).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
  });
});

describe('media state and chat', () => {
  it('when a participant mutes, then the others get peer-updated and late joiners see it', async () => {
    const meetingId = await newMeeting();
    const alice = await client();
    const bob = await client();
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    const update = nextEvent<PeerUpdated>(alice, 'peer-updated');
    ok(await request(bob, 'media-state', { audio: false, video: true, screen: false }));
    expect(await update).toEqual({ id: bob.id, media: { audio: false, video: true, screen: false } });

    const carol = await client();
    const ack = await join(carol, meetingId, 'Carol');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.find((p) => p.id === bob.id)?.media).toEqual({ audio: false, video: true, screen: false });
  });

  it('when a chat message is sent, then everyone in the meeting gets it with the name and time, and nobody else', async () => {
    const meetingId = await newMeeting();
    const alice = await client();
    const bob = await client();
    const outsider = await client();
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    ok(await join(outsider, await newMeeting(), 'Out'));
    const outsiderSeen = record(outsider, 'chat-message');
    const atBob = nextEvent<ChatMessage>(bob, 'chat-message');
    const atAlice = nextEvent<ChatMessage>(alice, 'chat-message');
    const ack = await request<ChatSent>(alice, 'chat-message', { text: '  <img src=x onerror=alert(1)> hi ' });
    ok<ChatSent>(ack);
    // The sender's ack is small (id and time); the message itself reaches it once, as the broadcast.
    expect(Object.keys(ack).sort()).toEqual(['id', 'ok', 'sentAt']);
    const message = await atAlice;
    expect(message).toMatchObject({ id: ack.id, sentAt: ack.sentAt, from: alice.id, displayName: 'Alice', text: '<img src=x onerror=alert(1)> hi' });
    expect(await atBob).toEqual(message);
    expect(outsiderSeen).toHaveLength(0);

    const carol = await client();
    const joined = await join(carol, meetingId, 'Carol');
    ok<JoinMeetingResult>(joined);
    expect(joined.chat).toEqual([message]);
  });

  it('when a chat message is empty or too long, then VALIDATION_FAILED', async () => {
    const alice = await client();
    ok(await join(alice, await newMeeting(), 'Alice'));
    expect(await request(alice, 'chat-message', { text: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await request(alice, 'chat-message', { text: 'x'.repeat(2001) })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('when an outsider asks for ICE servers, then it is refused; a member gets them', async () => {
    const outsider = await client();
    expect(await request(outsider, 'refresh-ice-servers')).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    const member = await client();
    ok(await join(member, await newMeeting(), 'M'));
    expect(await request(member, 'refresh-ice-servers')).toMatchObject({ ok: true, iceServers: [{ urls: ['stun:stun.example:3478'] }] });
  });
});

describe('disconnects and attendance', () => {
  it('when a participant disconnects, then the others get user-left and its attendance record closes', async () => {
    const meetingId = await newMeeting();
    const alice = await client();
    const bob = await client();
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    const bobId = bob.id;
    await suite.server.attendance.drained();
    const open = await Attendance.find({ meetingId, leftAt: null }).lean();
    expect(open.map((r) => r.displayName).sort()).toEqual(['Alice', 'Bob']);

    const left = nextEvent<UserLeft>(alice, 'user-left');
    bob.disconnect();
    expect(await left).toEqual({ id: bobId, reason: 'disconnected' });
    await waitUntil(async () => (await suite.server.presence.count(meetingId)) === 1, 3000, 'presence to drop');
    await suite.server.attendance.drained();
    const bobRecord = await Attendance.findOne({ meetingId, participantId: bobId }).lean();
    expect(bobRecord?.leftAt).toBeInstanceOf(Date);
    expect(bobRecord?.leaveReason).toBe('disconnected');
    expect(bobRecord!.leftAt!.getTime()).toBeGreaterThanOrEqual(bobRecord!.joinedAt.getTime());
  });

  it('when a meeting has people in it, then its REST info counts them', async () => {
    const meetingId = await newMeeting();
    const a = await client();
    const b = await client();
    ok(await join(a, meetingId, 'A'));
    ok(await join(b, meetingId, 'B'));
    expect((await suite.server.meetings.get(meetingId)).participantCount).toBe(2);
  });
});
