import { describe, expect, it } from 'vitest';
import type { JoinMeetingResult, PeerRecording, UserLeft } from '../contract/protocol.js';
import { join, nextEvent, ok, record, request } from '../test/server.js';
import { useSignalingServer } from '../test/signaling-suite.js';

/** The "someone is recording" state everyone must see, over a real Socket.io server. */
const suite = useSignalingServer();
const { client, newMeeting } = suite;

async function twoMembers() {
  const meetingId = await newMeeting();
  const ana = await client();
  const ben = await client();
  ok(await join(ana, meetingId, 'Ana'));
  ok(await join(ben, meetingId, 'Ben'));
  return { meetingId, ana, ben };
}

describe('recording-state', () => {
  it('when a member starts and stops recording, then everyone in the meeting is told each change', async () => {
    const { ana, ben } = await twoMembers();
    const started = nextEvent<PeerRecording>(ben, 'peer-recording');
    ok(await request(ana, 'recording-state', { recording: true }));
    expect(await started).toEqual({ id: ana.id, recording: true });

    const stopped = nextEvent<PeerRecording>(ben, 'peer-recording');
    ok(await request(ana, 'recording-state', { recording: false }));
    expect(await stopped).toEqual({ id: ana.id, recording: false });
  });

  it('when a member repeats the state it already has, then nothing is broadcast again', async () => {
    const { ana, ben } = await twoMembers();
    const seen = record<PeerRecording>(ben, 'peer-recording');
    ok(await request(ana, 'recording-state', { recording: true }));
    ok(await request(ana, 'recording-state', { recording: true }));
    ok(await request(ana, 'recording-state', { recording: false }));
    ok(await request(ana, 'recording-state', { recording: false }));
    // A chat round trip after the last change: everything sent before it has been delivered.
    const marker = nextEvent(ben, 'chat-message');
    ok(await request(ana, 'chat-message', { text: 'marker' }));
    await marker;
    expect(seen.map((e) => e.recording)).toEqual([true, false]);
  });

  it('when someone joins while a member records, then the peer list says so', async () => {
    const { meetingId, ana } = await twoMembers();
    ok(await request(ana, 'recording-state', { recording: true }));
    const late = await client();
    const ack = await join(late, meetingId, 'Late');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.find((p) => p.id === ana.id)?.recording).toBe(true);
    expect(ack.peers.find((p) => p.displayName === 'Ben')?.recording).toBeUndefined();
  });

  it.each([
    ['no payload', undefined],
    ['a string', 'yes'],
    ['a non-boolean flag', { recording: 'true' }],
    ['a missing flag', {}],
  ])('when the payload is %s, then VALIDATION_FAILED and nobody is told', async (_label, payload) => {
    const { ana, ben } = await twoMembers();
    const seen = record<PeerRecording>(ben, 'peer-recording');
    const ack = await request(ana, 'recording-state', payload);
    expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const marker = nextEvent(ben, 'chat-message');
    ok(await request(ana, 'chat-message', { text: 'marker' }));
    await marker;
    expect(seen).toHaveLength(0);
  });

  it('when a connection that is not in a meeting sends it, then NOT_IN_MEETING and no meeting hears of it', async () => {
    const { ben } = await twoMembers();
    const seen = record<PeerRecording>(ben, 'peer-recording');
    const outsider = await client();
    const ack = await request(outsider, 'recording-state', { recording: true });
    expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    expect(seen).toHaveLength(0);
  });

  it('when the recorder leaves, then its state is gone: a rejoin and a late joiner see nobody recording', async () => {
    const { meetingId, ana, ben } = await twoMembers();
    ok(await request(ana, 'recording-state', { recording: true }));
    const left = nextEvent<UserLeft>(ben, 'user-left');
    ok(await request(ana, 'leave-meeting'));
    expect((await left).id).toBe(ana.id);
    expect(await suite.server.presence.list(meetingId)).toEqual([expect.not.objectContaining({ recording: true })]);

    const back = await join(ana, meetingId, 'Ana');
    ok<JoinMeetingResult>(back);
    const late = await client();
    const ack = await join(late, meetingId, 'Late');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.some((p) => p.recording)).toBe(false);
  });

  it('when the recorder disconnects, then the others get user-left and a late joiner sees nobody recording', async () => {
    const { meetingId, ana, ben } = await twoMembers();
    ok(await request(ana, 'recording-state', { recording: true }));
    const anaId = ana.id;
    const left = nextEvent<UserLeft>(ben, 'user-left');
    ana.disconnect();
    expect(await left).toEqual({ id: anaId, reason: 'disconnected' });
    const late = await client();
    const ack = await join(late, meetingId, 'Late');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.map((p) => [p.displayName, p.recording ?? false])).toEqual([['Ben', false]]);
  });
});
