import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JoinMeetingResult } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { planLivekit, type TestLivekit } from '../test/livekit.js';
import { freePort } from '../../../testkit/ports.js';
import { waitUntil } from '../../../testkit/wait.js';
import { ClientPool, join, request as emit, startTestServer } from '../test/server.js';

// Meetings without a working SFU: none configured, or configured but down. They stay peer to
// peer and are full at the mesh cap, as before the SFU existed.
let servers: RunningServer[] = [];
let lk: TestLivekit | undefined;
const pools: ClientPool[] = [];

async function serve(env: Record<string, string>): Promise<{ server: RunningServer; pool: ClientPool }> {
  const server = await startTestServer(env);
  servers.push(server);
  const pool = new ClientPool(() => server);
  pools.push(pool);
  return { server, pool };
}

beforeAll(() => connectTestDb());
afterEach(async () => {
  for (const p of pools.splice(0)) p.closeAll();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  await lk?.stop();
});
afterAll(() => disconnectTestDb());

describe('no SFU configured', () => {
  it('when the mesh cap (default 4) is reached, then the next person gets MEETING_FULL and the meeting stays mesh', async () => {
    const { server, pool } = await serve({});
    const meetingId = (await server.meetings.create({})).meetingId;
    for (let i = 0; i < 4; i++) {
      const ack = await join(await pool.connect(), meetingId, `P${i}`);
      expect(ack).toMatchObject({ ok: true, mediaMode: { mode: 'mesh' }, maxParticipants: 4 });
    }
    const fifth = await pool.connect();
    expect(await join(fifth, meetingId, 'Fifth')).toMatchObject({ ok: false, error: { code: 'MEETING_FULL' } });
  });
});

describe('an SFU configured but unreachable', () => {
  it('when the mesh cap is reached, then the next person gets MEETING_FULL, the meeting stays mesh and no token is issued', async () => {
    const port = await freePort(); // nobody listens there
    const { server, pool } = await serve({
      LIVEKIT_URL: `ws://127.0.0.1:${port}`,
      LIVEKIT_API_KEY: 'k',
      LIVEKIT_API_SECRET: 's'.repeat(32),
      MESH_MAX_PARTICIPANTS: '2',
    });
    const meetingId = (await server.meetings.create({})).meetingId;
    const a = await pool.connect();
    expect(await join(a, meetingId, 'A')).toMatchObject({ ok: true, mediaMode: { mode: 'mesh' } });
    expect(await join(await pool.connect(), meetingId, 'B')).toMatchObject({ ok: true, mediaMode: { mode: 'mesh' } });
    expect(await join(await pool.connect(), meetingId, 'C')).toMatchObject({ ok: false, error: { code: 'MEETING_FULL', message: expect.stringContaining('2') } });
    expect(await server.sfu.media.current(meetingId)).toEqual({ mode: 'mesh' });
    expect(await emit(a, 'sfu-token', { meetingId })).toMatchObject({ ok: false, error: { code: 'SFU_NOT_ACTIVE' } });
  });

  it('when LiveKit stops, then new meetings stay mesh at the cap; when it is back, then later meetings switch again', async () => {
    lk = await planLivekit();
    const { server, pool } = await serve({ ...lk.env, MESH_MAX_PARTICIPANTS: '2' });
    await lk.start();
    const first = (await server.meetings.create({})).meetingId;
    await join(await pool.connect(), first, 'A');
    await join(await pool.connect(), first, 'B');
    expect(await join(await pool.connect(), first, 'C')).toMatchObject({ ok: true, mediaMode: { mode: 'sfu' } });

    await lk.stop();
    const second = (await server.meetings.create({})).meetingId;
    await join(await pool.connect(), second, 'A');
    await join(await pool.connect(), second, 'B');
    // The reachability answer is cached for 2 s: ask until it has been refreshed.
    await waitUntil(async () => {
      const ack = await join(await pool.connect(), second, 'C');
      return !ack.ok && ack.error.code === 'MEETING_FULL';
    }, 5000, 'MEETING_FULL while LiveKit is down');
    expect(await server.sfu.media.current(second)).toEqual({ mode: 'mesh' });

    await lk.start();
    let switched: JoinMeetingResult | undefined;
    await waitUntil(async () => {
      const ack = await join(await pool.connect(), second, 'C');
      if (ack.ok) switched = ack;
      return ack.ok;
    }, 5000, 'a switch once LiveKit is back');
    expect(switched?.mediaMode.mode).toBe('sfu');
  });
});
