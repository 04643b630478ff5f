import { describe, expect, it } from 'vitest';
import { Attendance } from '../meetings/attendance.model.js';
import type { UserLeft } from '../contract/protocol.js';
import { waitUntil } from '../../../testkit/wait.js';
import { join, nextEvent, type TestClient } from '../test/server.js';
import { useSignalingServer } from '../test/signaling-suite.js';

/** Connections that die without saying goodbye: the others are told and attendance is closed. */
const suite = useSignalingServer();

async function pair() {
  const meetingId = await suite.newMeeting();
  const alice = await suite.client();
  const bob = await suite.client();
  expect(await join(alice, meetingId, 'Alice')).toMatchObject({ ok: true });
  expect(await join(bob, meetingId, 'Bob')).toMatchObject({ ok: true });
  return { meetingId, alice, bob, bobId: bob.id! };
}

/** The raw TCP socket under a websocket-only socket.io-client. */
function tcpOf(c: TestClient): { destroy(): void; pause(): void } {
  return (c.io.engine as unknown as { transport: { ws: { _socket: { destroy(): void; pause(): void } } } }).transport.ws._socket;
}

async function expectAttendanceClosed(meetingId: string, participantId: string): Promise<void> {
  await waitUntil(async () => (await Attendance.findOne({ meetingId, participantId }).lean())?.leftAt instanceof Date, 5000, 'attendance to close');
  const record = await Attendance.findOne({ meetingId, participantId }).lean();
  expect(record?.leaveReason).toBe('disconnected');
}

describe('connections that die without leaving', () => {
  it('when a client closes its transport without leave-meeting, then the others get user-left and attendance closes', async () => {
    const { meetingId, alice, bob, bobId } = await pair();
    const left = nextEvent<UserLeft>(alice, 'user-left', 5000);
    bob.io.engine.close();
    expect(await left).toEqual({ id: bobId, reason: 'disconnected' });
    await expectAttendanceClosed(meetingId, bobId);
  });

  it('when the TCP connection is destroyed (no close frame), then the others get user-left and attendance closes', async () => {
    const { meetingId, alice, bob, bobId } = await pair();
    const left = nextEvent<UserLeft>(alice, 'user-left', 5000);
    tcpOf(bob).destroy();
    expect(await left).toEqual({ id: bobId, reason: 'disconnected' });
    await expectAttendanceClosed(meetingId, bobId);
    expect(await suite.server.presence.count(meetingId)).toBe(1);
  });

  it('when a client stops answering pings (a frozen laptop), then the others get user-left within about 10 s', async () => {
    const { meetingId, alice, bob, bobId } = await pair();
    const started = Date.now();
    const left = nextEvent<UserLeft>(alice, 'user-left', 14_000);
    // Stop reading: the server's pings go unanswered, exactly like a peer that vanished from the network.
    tcpOf(bob).pause();
    expect(await left).toEqual({ id: bobId, reason: 'disconnected' });
    // pingInterval 5 s + pingTimeout 5 s, plus scheduling slack on a loaded machine.
    expect(Date.now() - started).toBeLessThan(12_500);
    await expectAttendanceClosed(meetingId, bobId);
  }, 20_000);
});
