import type { JoinMeetingResult, PeerInfo } from '@contract/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallSession } from './call-session';
import { LocalMedia } from './local-media';
import { installFakeDevices } from './testing/fake-devices';
import { FakeSignaling } from './testing/fake-signaling';
import { FakeTransport } from './testing/fake-transport';

const MEETING = 'abcde-fghij-klmno';
const peer = (id: string, displayName: string, recording?: boolean): PeerInfo => ({
  id,
  displayName,
  joinedAt: '2030-01-01T00:00:00.000Z',
  media: { audio: false, video: false, screen: false },
  role: 'participant',
  ...(recording ? { recording } : {}),
});
const result = (peers: PeerInfo[]): JoinMeetingResult => ({
  selfId: 'me',
  meetingId: MEETING,
  displayName: 'Ada',
  mediaMode: { mode: 'mesh' },
  peers,
  iceServers: [],
  maxParticipants: 6,
  chat: [],
  clientKey: 'client-key-0123456789',
  role: 'participant',
  meeting: { title: null, locked: false },
  waiting: [],
});

async function joined(peers: PeerInfo[]) {
  installFakeDevices();
  let signaling: FakeSignaling | null = null;
  const session = new CallSession({
    meetingId: MEETING,
    supported: () => true,
    media: new LocalMedia(),
    createSignaling: () => (signaling = new FakeSignaling(() => result(peers))),
    createTransport: () => new FakeTransport(),
  });
  await session.join('Ada');
  return { session, signaling: signaling!, state: () => session.state.getSnapshot() };
}

describe('CallSession: who is recording', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('when we join while Bob records, then his tile says so', async () => {
    const t = await joined([peer('bob', 'Bob', true), peer('cy', 'Cy')]);
    expect(t.state().peers.map((p) => [p.displayName, p.recording ?? false])).toEqual([['Bob', true], ['Cy', false]]);
  });

  it('when Bob starts and then stops recording, then the roster follows and each change is announced by name', async () => {
    const t = await joined([peer('bob', 'Bob')]);
    t.signaling.fire('peer-recording', { id: 'bob', recording: true });
    expect(t.state().peers[0]?.recording).toBe(true);
    expect(t.state().notice?.notice).toEqual({ type: 'recording', name: 'Bob', on: true });
    t.signaling.fire('peer-recording', { id: 'bob', recording: false });
    expect(t.state().peers[0]?.recording).toBe(false);
    expect(t.state().notice?.notice).toEqual({ type: 'recording', name: 'Bob', on: false });
  });

  it('when this environment cannot record, then starting says so and the meeting is not told anything', async () => {
    const t = await joined([]);
    t.session.recorder.start();
    expect(t.session.recorder.recording).toBe(false);
    expect(t.state().notice?.notice).toEqual({ type: 'recording-failed', reason: 'unsupported' });
    expect(t.signaling.recordingUpdates).toEqual([]);
  });
});
