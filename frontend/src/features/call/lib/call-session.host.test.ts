import type { JoinMeetingRequest, JoinMeetingResult, PeerInfo } from '@contract/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from './call-session';
import { LocalMedia } from './local-media';
import { SignalingError } from './signaling-client';
import { installFakeDevices } from './testing/fake-devices';
import { FakeSignaling } from './testing/fake-signaling';
import { FakeTransport } from './testing/fake-transport';

const MEETING = 'abcde-fghij-klmno';
const OFF = { audio: false, video: false, screen: false };
const bob: PeerInfo = { id: 'bob', displayName: 'Bob', joinedAt: '2030-01-01T00:00:00.000Z', media: OFF, role: 'host' };
const result = (over: Partial<JoinMeetingResult> = {}): JoinMeetingResult => ({
  selfId: 'me',
  meetingId: MEETING,
  displayName: 'Ada',
  mediaMode: { mode: 'mesh' },
  peers: [bob],
  iceServers: [],
  maxParticipants: 6,
  chat: [],
  clientKey: 'client-key-0123456789',
  role: 'participant',
  meeting: { title: 'Standup', locked: false },
  waiting: [],
  ...over,
});

/** A session on fake signaling; `answer` plays the server's join acks, in order. */
function setup(answer: (request: JoinMeetingRequest, n: number) => JoinMeetingResult | SignalingError = () => result()) {
  installFakeDevices();
  const signals: FakeSignaling[] = [];
  const transports: FakeTransport[] = [];
  let joins = 0;
  const session = new CallSession({
    meetingId: MEETING,
    supported: () => true,
    media: new LocalMedia(),
    createSignaling: () => {
      const s = new FakeSignaling((request) => answer(request, joins++));
      signals.push(s);
      return s;
    },
    createTransport: (_s, mode) => {
      const t = new FakeTransport(undefined, mode);
      transports.push(t);
      return t;
    },
  });
  return { session, state: () => session.state.getSnapshot(), host: () => session.host.state.getSnapshot(), signaling: () => signals.at(-1)!, transports };
}

const waitingThenIn = (_r: JoinMeetingRequest, n: number) => (n === 0 ? new SignalingError('WAITING_FOR_HOST', 'The meeting is locked.') : result());

describe('CallSession with host controls', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when the meeting is locked, then we wait on the open connection, and an admission joins us on it', async () => {
    const t = setup(waitingThenIn);
    await t.session.join('Ada');
    expect(t.state().phase).toEqual({ name: 'waiting' });
    expect(t.signaling().closed).toBe(false);

    t.signaling().fire('admission', { meetingId: MEETING, admitted: true });
    await vi.waitFor(() => expect(t.state().phase).toEqual({ name: 'joined' }));
    expect(t.signaling().joins).toHaveLength(2);
    expect(t.signaling().joins[1]).toMatchObject({ meetingId: MEETING, displayName: 'Ada' });
    expect(t.state().peers.map((p) => p.displayName)).toEqual(['Bob']);
    expect(t.host()).toMatchObject({ role: 'participant', meeting: { title: 'Standup', locked: false }, roles: { bob: 'host' } });
  });

  it('when the host denies us, then the session ends as denied and the connection closes', async () => {
    const t = setup(waitingThenIn);
    await t.session.join('Ada');
    t.signaling().fire('admission', { meetingId: MEETING, admitted: false });
    expect(t.state().phase).toMatchObject({ name: 'error', code: 'ADMISSION_DENIED' });
    expect(t.signaling().closed).toBe(true);
    expect(t.signaling().joins).toHaveLength(1);
  });

  it('when we leave the waiting room, then the session has left and the connection is closed', async () => {
    const t = setup(waitingThenIn);
    await t.session.join('Ada');
    t.session.leave();
    expect(t.state().phase).toEqual({ name: 'left' });
    expect(t.signaling().closed).toBe(true);
  });

  it('when the connection drops while we wait, then the session ends as CONNECTION_LOST, so "Try again" knocks again', async () => {
    const t = setup(waitingThenIn);
    await t.session.join('Ada');
    t.signaling().fire('knock-lost', { reason: 'transport close' });
    expect(t.state().phase).toMatchObject({ name: 'error', code: 'CONNECTION_LOST' });
    expect(t.signaling().closed).toBe(true);
  });

  it('when our connection drops in a locked meeting and the rejoin has to knock, then we wait, and an admission brings us back on a fresh transport', async () => {
    const t = setup((_r, n) => (n === 0 ? result() : result({ selfId: 'me-2' })));
    await t.session.join('Ada');
    const first = t.transports.at(-1)!;
    t.signaling().fire('dropped', { reason: 'transport close' });
    t.signaling().fire('rejoin-failed', { code: 'WAITING_FOR_HOST', message: 'The meeting is locked.' });
    expect(t.state().phase).toEqual({ name: 'waiting' });
    expect(first.closed).toBe(true);
    expect(t.signaling().closed).toBe(false);

    t.signaling().fire('admission', { meetingId: MEETING, admitted: true });
    await vi.waitFor(() => expect(t.state().phase).toEqual({ name: 'joined' }));
    expect(t.transports.at(-1)!.setup?.selfId).toBe('me-2');
    expect(t.state().peers.map((p) => p.id)).toEqual(['bob']);
  });

  it('when a host removes us, then the session ends as removed, closed before the server disconnects (no rejoin)', async () => {
    const t = setup();
    await t.session.join('Ada');
    const signaling = t.signaling();
    signaling.fire('removed', { meetingId: MEETING, by: 'Bob' });
    expect(t.state().phase).toMatchObject({ name: 'error', code: 'REMOVED_BY_HOST' });
    expect(signaling.closed).toBe(true);
    expect(t.transports.at(-1)!.closed).toBe(true);
    // The server's disconnect would arrive now; a closed client has no listener left to rejoin.
    signaling.fire('dropped', { reason: 'io server disconnect' });
    expect(t.state().phase).toMatchObject({ name: 'error', code: 'REMOVED_BY_HOST' });
  });

  it('when the host ends the meeting, then the session ends as MEETING_ENDED', async () => {
    const t = setup();
    await t.session.join('Ada');
    t.signaling().fire('meeting-ended', { meetingId: MEETING, by: 'Bob' });
    expect(t.state().phase).toMatchObject({ name: 'error', code: 'MEETING_ENDED' });
  });

  it('when a host mutes us, then our microphone really goes off and we are told; we can turn it on again', async () => {
    const t = setup();
    await t.session.devices.startPreview();
    await t.session.join('Ada');
    expect(t.session.devices.media.snapshot.micOn).toBe(true);
    t.signaling().fire('muted-by-host', { by: 'Bob' });
    expect(t.session.devices.media.snapshot.micOn).toBe(false);
    expect(t.signaling().mediaUpdates.at(-1)).toMatchObject({ audio: false });
    expect(t.state().notice?.notice).toEqual({ type: 'muted-by-host', by: 'Bob' });
    t.session.devices.toggleMic();
    expect(t.session.devices.media.snapshot.micOn).toBe(true);
  });

  it('when the host makes us a co-host, then our role changes, it is announced and the waiting list arrives', async () => {
    const t = setup();
    await t.session.join('Ada');
    t.signaling().fire('role-changed', { id: 'me', role: 'cohost' });
    expect(t.host().role).toBe('cohost');
    expect(t.state().notice?.notice).toEqual({ type: 'role-changed', name: null, role: 'cohost' });
    t.signaling().fire('waiting-room', { waiting: [{ id: 'w1', displayName: 'Eve', since: '2030-01-01T00:00:00.000Z' }] });
    expect(t.host().waiting.map((p) => p.displayName)).toEqual(['Eve']);
    expect(t.state().notice?.notice).toEqual({ type: 'knock', name: 'Eve' });
  });
});
