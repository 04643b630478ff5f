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
const peer = (id: string, displayName: string, media = OFF): PeerInfo => ({ id, displayName, joinedAt: '2030-01-01T00:00:00.000Z', media, role: 'participant' });
const result = (selfId: string, peers: PeerInfo[] = []): JoinMeetingResult => ({
  selfId,
  meetingId: MEETING,
  displayName: 'Ada',
  mediaMode: { mode: 'mesh' },
  peers,
  iceServers: [{ urls: 'stun:example.org' }],
  maxParticipants: 6,
  chat: [],
  clientKey: 'client-key-0123456789',
  role: 'participant',
  meeting: { title: null, locked: false },
  waiting: [],
});

/** A session wired to fake signaling and fake transports; `answer` plays the server's join ack. */
function setup(answer: (request: JoinMeetingRequest) => JoinMeetingResult | SignalingError = () => result('me', [peer('bob', 'Bob')])) {
  const devices = installFakeDevices();
  const signals: FakeSignaling[] = [];
  const transports: FakeTransport[] = [];
  const session = new CallSession({
    meetingId: MEETING,
    supported: () => true,
    media: new LocalMedia(),
    createSignaling: () => {
      const s = new FakeSignaling(answer);
      signals.push(s);
      return s;
    },
    createTransport: (_signaling, mode) => {
      const t = new FakeTransport(undefined, mode);
      transports.push(t);
      return t;
    },
  });
  return {
    session,
    devices,
    state: () => session.state.getSnapshot(),
    signaling: () => signals.at(-1)!,
    transport: () => transports.at(-1)!,
    transports,
  };
}

describe('CallSession', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when joining a meeting Bob is in, then the session is joined, Bob is on the roster and the transport offers to him with our tracks', async () => {
    const t = setup();
    await t.session.devices.startPreview();
    await t.session.join('Ada');
    expect(t.state().phase).toEqual({ name: 'joined' });
    expect(t.state().selfId).toBe('me');
    expect(t.state().peers.map((p) => p.displayName)).toEqual(['Bob']);
    const transport = t.transport();
    expect(transport.setup).toMatchObject({ selfId: 'me', iceServers: [{ urls: 'stun:example.org' }] });
    expect(transport.setup?.local.audio?.kind).toBe('audio');
    expect(transport.setup?.local.video?.kind).toBe('video');
    expect(transport.participants.get('bob')?.initiator).toBe(true);
    expect(t.signaling().joins[0]).toMatchObject({ meetingId: MEETING, displayName: 'Ada', media: { audio: true, video: true, screen: false } });
  });

  it('when the meeting is full, then the session ends in that error and holds no transport', async () => {
    const t = setup(() => new SignalingError('MEETING_FULL', 'The meeting is full.'));
    await t.session.join('Ada');
    expect(t.state().phase).toMatchObject({ name: 'error', code: 'MEETING_FULL' });
    expect(t.transport().closed).toBe(true);
  });

  it('when Carol joins and her video arrives, then she is on the roster with her video and it is announced', async () => {
    const t = setup();
    await t.session.join('Ada');
    t.signaling().fire('user-joined', peer('carol', 'Carol', { audio: true, video: true, screen: false }));
    expect(t.transport().participants.get('carol')?.initiator).toBe(false);
    expect(t.state().notice?.notice).toEqual({ type: 'peer-joined', name: 'Carol' });
    const video = { kind: 'video' } as MediaStreamTrack;
    t.transport().deliver('carol', { video });
    t.transport().setState('carol', 'connected');
    expect(t.state().peers.find((p) => p.id === 'carol')).toMatchObject({ video, connectionState: 'connected' });
  });

  it('when Bob leaves, then he is off the roster, his media connection is closed and it is announced', async () => {
    const t = setup();
    await t.session.join('Ada');
    t.signaling().fire('user-left', { id: 'bob', reason: 'left' });
    expect(t.state().peers).toEqual([]);
    expect(t.transport().participants.has('bob')).toBe(false);
    expect(t.state().notice?.notice).toEqual({ type: 'peer-left', name: 'Bob' });
  });

  it('when media arrives from someone signaling has not announced yet, then they get a tile and their name follows', async () => {
    const t = setup(() => result('me'));
    await t.session.join('Ada');
    t.transport().unannounced('dan');
    expect(t.state().peers.map((p) => [p.id, p.displayName])).toEqual([['dan', 'Guest']]);
    t.signaling().fire('user-joined', peer('dan', 'Dan'));
    expect(t.state().peers.map((p) => [p.id, p.displayName])).toEqual([['dan', 'Dan']]);
  });

  it('when the connection drops and the client rejoins, then the old transport closes and a new one serves the new roster, without our old seat', async () => {
    let selfId = 'me';
    const t = setup(() => result(selfId, [peer('bob', 'Bob')]));
    await t.session.join('Ada');
    const first = t.transport();
    t.signaling().fire('dropped', { reason: 'transport close' });
    expect(t.state().phase.name).toBe('reconnecting');
    selfId = 'me-2';
    // After a server restart our old seat can linger in shared presence: it is not a person.
    t.signaling().fire('rejoined', result('me-2', [peer('me', 'Ada'), peer('bob-2', 'Bob')]));
    expect(t.state().phase).toEqual({ name: 'joined' });
    expect(first.closed).toBe(true);
    expect(t.transports).toHaveLength(2);
    expect(t.transport().setup?.selfId).toBe('me-2');
    expect(t.state().peers.map((p) => p.id)).toEqual(['bob-2']);
    expect([...t.transport().participants.keys()]).toEqual(['bob-2']);
  });

  it('when a chat message is sent, then it shows once even though the server also broadcasts it', async () => {
    const t = setup();
    await t.session.join('Ada');
    await t.session.sendChat('hello');
    const [sent] = t.state().chat;
    t.signaling().fire('chat-message', sent!);
    t.signaling().fire('chat-message', { id: 'b1', from: 'bob', displayName: 'Bob', text: 'hi', sentAt: '2031-01-01T00:00:00.000Z' });
    expect(t.state().chat.map((m) => m.text)).toEqual(['hello', 'hi']);
  });

  it('when the microphone is muted, then our media-state says so, with which stream is the camera and which the screen', async () => {
    const t = setup();
    await t.session.devices.startPreview();
    await t.session.join('Ada');
    t.session.devices.toggleMic();
    expect(t.signaling().mediaUpdates.at(-1)).toEqual({
      audio: false,
      video: true,
      screen: false,
      sources: { 'cam-stream': 'camera', 'screen-stream': 'screen' },
    });
  });

  it("when Bob's media-state changes, then the roster shows it and the transport learns his camera/screen mapping", async () => {
    const t = setup();
    await t.session.join('Ada');
    const media = { audio: true, video: false, screen: true, sources: { s1: 'camera' as const, s2: 'screen' as const } };
    t.signaling().fire('peer-updated', { id: 'bob', media });
    expect(t.state().peers[0]?.media).toEqual(media);
    expect(t.transport().participants.get('bob')?.participant.media).toEqual(media);
  });

  it('when the camera is turned off in the meeting, then the transport stops sending it (and leaves the track alone)', async () => {
    const t = setup();
    await t.session.devices.startPreview();
    await t.session.join('Ada');
    await t.session.devices.media.setCameraEnabled(false);
    expect(t.transport().localChanges).toContainEqual(['video', null]);
  });

  it('when someone with the camera off and the microphone muted leaves and rejoins, then both stay as they were', async () => {
    const t = setup();
    await t.session.devices.startPreview();
    await t.session.join('Ada');
    t.session.devices.toggleMic();
    t.session.devices.toggleCamera();
    t.session.leave();
    expect(t.state().phase.name).toBe('left');
    expect(t.devices.tracks.every((track) => track.readyState === 'ended')).toBe(true);

    await t.session.rejoin();
    expect(t.state().phase.name).toBe('joined');
    expect(t.session.devices.media.snapshot).toMatchObject({ camOn: false, micOn: false, videoTrack: null });
    expect(t.session.devices.media.snapshot.audioTrack?.readyState).toBe('live');
    expect(t.signaling().joins[0]?.media).toEqual({ audio: false, video: false, screen: false, sources: expect.any(Object) });
  });

  it('when a join fails and the person tries again, then their devices are left as they were', async () => {
    let fail = true;
    const t = setup(() => (fail ? new SignalingError('CONNECTION_LOST', 'Could not reach the server.') : result('me')));
    await t.session.devices.startPreview();
    t.session.devices.toggleCamera();
    await t.session.join('Ada');
    expect(t.state().phase.name).toBe('error');
    fail = false;
    await t.session.rejoin();
    expect(t.state().phase.name).toBe('joined');
    expect(t.session.devices.media.snapshot.camOn).toBe(false);
    expect(t.devices.mediaDevices.getUserMedia).toHaveBeenCalledTimes(1);
  });

  it('when the person leaves, then signaling says goodbye and the transport is closed without stopping tracks itself', async () => {
    const t = setup();
    await t.session.join('Ada');
    const transport = t.transport();
    t.session.leave();
    expect(t.signaling().left).toBe(true);
    expect(transport.closed).toBe(true);
  });

  it('when the join ack says the meeting is on the SFU, then the session goes straight there: no mesh transport is connected', async () => {
    const t = setup(() => ({ ...result('me', [peer('bob', 'Bob')]), mediaMode: { mode: 'sfu', url: 'ws://sfu.test' } }));
    await t.session.join('Ada');
    const [mesh, sfu] = t.transports;
    expect(mesh?.closed).toBe(true);
    expect(mesh?.setup).toBeNull();
    expect(sfu?.kind).toBe('sfu');
    expect(sfu?.setup?.selfId).toBe('me');
    expect([...sfu!.participants.keys()]).toEqual(['bob']);
    expect(t.session.mediaMode).toBe('sfu');
  });

  it('when the join ack of an SFU meeting carries a LiveKit token, then the SFU transport is built with it (no second round trip for one)', async () => {
    const sfuToken = { url: 'ws://sfu.test', token: 'jwt', expiresAt: '2030-01-01T00:10:00.000Z' };
    const tokens: unknown[] = [];
    installFakeDevices();
    const session = new CallSession({
      meetingId: MEETING,
      supported: () => true,
      media: new LocalMedia(),
      createSignaling: () => new FakeSignaling(() => ({ ...result('me', [peer('bob', 'Bob')]), mediaMode: { mode: 'sfu', url: 'ws://sfu.test' }, sfuToken })),
      createTransport: (_signaling, mode, token) => {
        tokens.push([mode, token]);
        return new FakeTransport(undefined, mode);
      },
    });
    await session.join('Ada');
    expect(tokens).toEqual([['mesh', undefined], ['sfu', sfuToken]]);
    session.leave();
  });

  it('when the meeting moves to the SFU while we are on the mesh, then an SFU transport connects next to the mesh, the tiles stay, and everyone is announced to it', async () => {
    const t = setup();
    await t.session.devices.startPreview();
    await t.session.join('Ada');
    const mesh = t.transport();
    const bobVideo = { kind: 'video', readyState: 'live' } as MediaStreamTrack;
    mesh.deliver('bob', { video: bobVideo });
    t.signaling().fire('media-mode', { mode: 'sfu', url: 'ws://sfu.test' });
    const sfu = t.transport();
    expect(sfu).not.toBe(mesh);
    expect(sfu.kind).toBe('sfu');
    expect(mesh.closed).toBe(false);
    expect(sfu.setup).toMatchObject({ selfId: 'me', meetingId: MEETING });
    expect(sfu.setup?.local.video?.kind).toBe('video');
    expect([...sfu.participants.keys()]).toEqual(['bob']);
    expect(t.state().peers.map((p) => [p.id, p.video])).toEqual([['bob', bobVideo]]);
    expect(t.session.mediaMode).toBe('switching');
    // The same event again (another instance, a retry) changes nothing.
    t.signaling().fire('media-mode', { mode: 'sfu', url: 'ws://sfu.test' });
    expect(t.transports).toHaveLength(2);
  });

  it('when the layout shows only some people and the meeting moves to the SFU, then the SFU transport is told who is on screen', async () => {
    const t = setup(() => result('me', [peer('bob', 'Bob'), peer('carol', 'Carol')]));
    await t.session.join('Ada');
    const mesh = t.transport();
    t.session.setViewports(new Map([['bob', { visible: true, width: 640, height: 360 }], ['carol', { visible: false, width: 320, height: 180 }]]));
    t.signaling().fire('media-mode', { mode: 'sfu', url: 'ws://sfu.test' });
    const sfu = t.transport();
    expect(sfu).not.toBe(mesh);
    expect(sfu.viewports.get('bob')).toEqual({ visible: true, width: 640, height: 360 });
    expect(sfu.viewports.get('carol')?.visible).toBe(false);
  });

  it('when the connection drops on an SFU meeting, then the rejoin reads the mode again and reconnects to the SFU with a fresh transport', async () => {
    const t = setup(() => ({ ...result('me', [peer('bob', 'Bob')]), mediaMode: { mode: 'sfu', url: 'ws://sfu.test' } }));
    await t.session.join('Ada');
    const before = t.transport();
    t.signaling().fire('dropped', { reason: 'transport close' });
    t.signaling().fire('rejoined', { ...result('me-2', [peer('bob-2', 'Bob')]), mediaMode: { mode: 'sfu', url: 'ws://sfu.test' } });
    expect(before.closed).toBe(true);
    expect(t.transport().kind).toBe('sfu');
    expect(t.transport().setup?.selfId).toBe('me-2');
    expect([...t.transport().participants.keys()]).toEqual(['bob-2']);
  });

  it('when the microphone is muted and unmuted, then the transport is told each time (the SFU mutes its publication), besides our media-state', async () => {
    const t = setup();
    await t.session.devices.startPreview();
    await t.session.join('Ada');
    t.session.devices.toggleMic();
    expect(t.transport().micMuted.at(-1)).toBe(true);
    expect(t.signaling().mediaUpdates.at(-1)).toMatchObject({ audio: false });
    t.session.devices.toggleMic();
    expect(t.transport().micMuted.at(-1)).toBe(false);
  });

  it("when the transport reports Bob's audio level above the speaking threshold, then Bob's tile is marked speaking, and not once it drops", async () => {
    const t = setup();
    await t.session.join('Ada');
    t.transport().levels.set('bob', 0.4);
    await vi.waitFor(() => expect(t.state().peers.find((p) => p.id === 'bob')?.speaking).toBe(true), { timeout: 3_000 });
    t.transport().levels.set('bob', 0);
    await vi.waitFor(() => expect(t.state().peers.find((p) => p.id === 'bob')?.speaking).toBe(false), { timeout: 3_000 });
  });
});
