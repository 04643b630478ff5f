import { beforeAll, describe, expect, it } from 'vitest';
import type { JoinMeetingResult, PeerRecording, UserLeft } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { useTwoInstances } from '../test/two-instances.js';
import { join, nextEvent, ok, request } from '../test/server.js';

// The recording flag across two backend instances sharing one Redis: it travels like media-state
// (presence entry + adapter broadcast), so a late joiner on the other instance sees it too.

const cluster = useTwoInstances({ REDIS_PRESENCE_LEASE_MS: '1500' });
const client = cluster.client;
let a: RunningServer;
let b: RunningServer;
beforeAll(() => {
  ({ a, b } = cluster);
});

describe('recording state with two instances sharing Redis', () => {
  it('when a member on one instance records, then members and late joiners on the other see it until it leaves', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const ana = await client(a);
    const ben = await client(b);
    ok(await join(ana, meetingId, 'Ana'));
    ok(await join(ben, meetingId, 'Ben'));

    const started = nextEvent<PeerRecording>(ben, 'peer-recording');
    ok(await request(ana, 'recording-state', { recording: true }));
    expect(await started).toEqual({ id: ana.id, recording: true });

    const late = await client(b);
    const ack = await join(late, meetingId, 'Late');
    ok<JoinMeetingResult>(ack);
    expect(ack.peers.find((p) => p.id === ana.id)?.recording).toBe(true);

    const anaId = ana.id;
    const left = nextEvent<UserLeft>(ben, 'user-left');
    ana.disconnect();
    expect((await left).id).toBe(anaId);
    const later = await client(b);
    const again = await join(later, meetingId, 'Later');
    ok<JoinMeetingResult>(again);
    expect(again.peers.some((p) => p.recording)).toBe(false);
  });

  it('when the same state is sent twice, then the shared store reports no change the second time', async () => {
    const meetingId = (await a.meetings.create({})).meetingId;
    const ana = await client(a);
    ok(await join(ana, meetingId, 'Ana'));
    const id = ana.id!;
    expect(await a.presence.setRecording(meetingId, id, true)).toBe(true);
    expect(await b.presence.setRecording(meetingId, id, true)).toBe(false);
    expect(await b.presence.setRecording(meetingId, id, false)).toBe(true);
    expect((await a.presence.list(meetingId))[0]?.recording).toBeUndefined();
    expect(await a.presence.setRecording(meetingId, 'nobody', true)).toBe(false);
  });
});
