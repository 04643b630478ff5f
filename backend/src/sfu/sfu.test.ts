import { AccessToken } from 'livekit-server-sdk';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JoinMeetingResult, MediaModeInfo, PeerInfo, SfuTokenResult, UserLeft } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { planLivekit, signalOnlyParticipant, validateToken, type TestLivekit } from '../test/livekit.js';
import { waitUntil } from '../../../testkit/wait.js';
import { ClientPool, join, nextEvent, record, request as emit, startTestServer, type TestClient } from '../test/server.js';
import { mintSfuToken } from './sfu-tokens.js';

// A real livekit-server on loopback and a backend whose mesh holds 2: the third person admitted
// moves the meeting to the SFU.
let lk: TestLivekit;
let server: RunningServer;
const pool = new ClientPool(() => server);

function ok<T extends object>(ack: { ok: boolean }): asserts ack is { ok: true } & T {
  if (!ack.ok) throw new Error(`expected ok ack, got ${JSON.stringify(ack)}`);
}
const newMeeting = async () => (await server.meetings.create({})).meetingId;
const rooms = () => server.sfu.rooms!;

async function member(meetingId: string, name: string): Promise<{ socket: TestClient; result: JoinMeetingResult }> {
  const socket = await pool.connect();
  const ack = await join(socket, meetingId, name);
  ok<JoinMeetingResult>(ack);
  return { socket, result: ack };
}

/** A signed webhook exactly as LiveKit signs it: a JWT whose sha256 claim is the body's digest. */
async function signedWebhook(body: string, secret = lk.apiSecret): Promise<string> {
  const at = new AccessToken(lk.apiKey, secret);
  at.sha256 = (await import('node:crypto')).createHash('sha256').update(body).digest('base64');
  return at.toJwt();
}

function jwtClaims(token: string): { sub: string; name: string; exp: number; video: { room: string; roomJoin: boolean; canPublishData: boolean } } {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
}

beforeAll(async () => {
  await connectTestDb();
  lk = await planLivekit();
  server = await startTestServer({ ...lk.env, MESH_MAX_PARTICIPANTS: '2' });
  await lk.start({ webhookUrl: `${server.url}/api/livekit/webhook` });
});
afterEach(() => pool.closeAll());
afterAll(async () => {
  await server?.close();
  await lk?.stop();
  await disconnectTestDb();
});

describe('the media mode of a meeting', () => {
  it('when the third person is admitted (mesh holds 2), then everyone is told to move to the SFU, whose room the backend created', async () => {
    const meetingId = await newMeeting();
    const a = await member(meetingId, 'A');
    const b = await member(meetingId, 'B');
    expect(a.result.mediaMode).toEqual({ mode: 'mesh' });
    expect(b.result.mediaMode).toEqual({ mode: 'mesh' });
    expect(await rooms().roomExists(meetingId)).toBe(false);
    const seenByA = record<MediaModeInfo>(a.socket, 'media-mode');
    const seenByB = record<MediaModeInfo>(b.socket, 'media-mode');

    const c = await member(meetingId, 'C');

    expect(c.result.mediaMode).toEqual({ mode: 'sfu', url: lk.url });
    expect(c.result.maxParticipants).toBe(100);
    await waitUntil(() => seenByA.length === 1 && seenByB.length === 1, 3000, 'media-mode at A and B');
    expect(seenByA[0]).toEqual({ mode: 'sfu', url: lk.url });
    expect(await rooms().roomExists(meetingId)).toBe(true);

    // A late joiner goes straight to the SFU; nobody is told twice.
    const d = await member(meetingId, 'D');
    expect(d.result.mediaMode.mode).toBe('sfu');
    await emit(a.socket, 'media-state', { audio: true, video: true, screen: false }); // a round trip: any stray event would be in
    expect(seenByA).toHaveLength(1);
  });

  it('when the meeting falls back under the threshold, then it stays on the SFU; when it empties, then it starts over as mesh', async () => {
    const meetingId = await newMeeting();
    const people = [await member(meetingId, 'A'), await member(meetingId, 'B'), await member(meetingId, 'C')];
    ok(await emit(people[2]!.socket, 'leave-meeting'));
    ok(await emit(people[1]!.socket, 'leave-meeting'));
    const back = await member(meetingId, 'B again');
    expect(back.result.mediaMode.mode).toBe('sfu');

    ok(await emit(back.socket, 'leave-meeting'));
    ok(await emit(people[0]!.socket, 'leave-meeting'));
    await waitUntil(async () => !(await rooms().roomExists(meetingId)), 3000, 'the LiveKit room to be deleted');
    const fresh = await member(meetingId, 'Fresh');
    expect(fresh.result.mediaMode).toEqual({ mode: 'mesh' });
  });

  it('when five people race into a meeting at once, then all end on the SFU and each hears of the switch at most once', async () => {
    const meetingId = await newMeeting();
    const sockets = await Promise.all([1, 2, 3, 4, 5].map(() => pool.connect()));
    const events = sockets.map((s) => record<MediaModeInfo>(s, 'media-mode'));
    const acks = await Promise.all(sockets.map((s, i) => join(s, meetingId, `P${i}`)));
    for (const ack of acks) ok<JoinMeetingResult>(ack);
    await waitUntil(
      () => acks.every((ack, i) => (ack as JoinMeetingResult).mediaMode.mode === 'sfu' || events[i]!.length > 0),
      3000,
      'everyone on the SFU',
    );
    for (const e of events) expect(e.length).toBeLessThanOrEqual(1);
    expect(await server.sfu.media.current(meetingId)).toEqual({ mode: 'sfu', url: lk.url });
  });
});

describe('SFU tokens', () => {
  it('when a member of an SFU meeting asks, then it gets a short-lived token for its own room, identity and name, which LiveKit accepts', async () => {
    const meetingId = await newMeeting();
    await member(meetingId, 'A');
    await member(meetingId, 'B');
    const c = await member(meetingId, 'Carol');
    const ack = await emit<SfuTokenResult>(c.socket, 'sfu-token', { meetingId });
    ok<SfuTokenResult>(ack);
    const claims = jwtClaims(ack.token);
    expect(claims).toMatchObject({ sub: c.result.selfId, name: 'Carol', video: { room: meetingId, roomJoin: true, canPublishData: false } });
    const ttl = Date.parse(ack.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    expect(ack.url).toBe(lk.url);
    expect(await validateToken(lk.apiUrl, ack.token)).toBe(200);
  });

  it('when someone joins a meeting already on the SFU, then the lobby is told (GET mediaMode) and the join ack carries their own token, which LiveKit accepts; mesh joins carry none', async () => {
    const meetingId = await newMeeting();
    const a = await member(meetingId, 'A');
    await member(meetingId, 'B');
    expect(a.result.sfuToken).toBeUndefined();
    expect((await request(server.httpServer).get(`/api/meetings/${meetingId}`).expect(200)).body.mediaMode).toBe('mesh');
    await member(meetingId, 'C');
    expect((await request(server.httpServer).get(`/api/meetings/${meetingId}`).expect(200)).body.mediaMode).toBe('sfu');

    const d = await member(meetingId, 'Dora');

    const token = d.result.sfuToken;
    expect(token?.url).toBe(lk.url);
    expect(jwtClaims(token!.token)).toMatchObject({ sub: d.result.selfId, name: 'Dora', video: { room: meetingId, roomJoin: true } });
    expect(await validateToken(lk.apiUrl, token!.token)).toBe(200);
  });

  it('when a non-member, a member of another meeting, a mesh meeting or someone who left asks, then no token is issued', async () => {
    const meetingId = await newMeeting();
    const people = [await member(meetingId, 'A'), await member(meetingId, 'B'), await member(meetingId, 'C')];
    const meshMeeting = await newMeeting();
    const meshMember = await member(meshMeeting, 'M');
    const stranger = await pool.connect();

    expect(await emit(stranger, 'sfu-token', { meetingId })).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    expect(await emit(meshMember.socket, 'sfu-token', { meetingId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await emit(meshMember.socket, 'sfu-token', { meetingId: meshMeeting })).toMatchObject({ ok: false, error: { code: 'SFU_NOT_ACTIVE' } });
    expect(await emit(people[0]!.socket, 'sfu-token', { meetingId: 'not a meeting' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    ok(await emit(people[0]!.socket, 'leave-meeting'));
    expect(await emit(people[0]!.socket, 'sfu-token', { meetingId })).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
  });

  it('when a member asks for tokens in a burst, then each is answered and LiveKit is asked about the room at most once', async () => {
    const meetingId = await newMeeting();
    await member(meetingId, 'A');
    await member(meetingId, 'B');
    const c = await member(meetingId, 'C');
    const ensure = vi.spyOn(rooms(), 'ensureRoom');
    try {
      const acks = await Promise.all(Array.from({ length: 20 }, () => emit<SfuTokenResult>(c.socket, 'sfu-token', { meetingId })));
      expect(acks.every((a) => a.ok)).toBe(true);
      expect(ensure.mock.calls.length).toBeLessThanOrEqual(1);
    } finally {
      ensure.mockRestore();
    }
  });

  it('when a token has expired, then LiveKit refuses it; a token for a room the backend never created is refused too', async () => {
    const meetingId = await newMeeting();
    await member(meetingId, 'A');
    await member(meetingId, 'B');
    await member(meetingId, 'C');
    const config = server.sfu.media['deps'].config.sfu!;
    const expired = await mintSfuToken(config, { meetingId, participantId: 'someone', displayName: 'X' }, '-1m');
    expect(await validateToken(lk.apiUrl, expired.token)).toBe(401);
    await expect(signalOnlyParticipant(lk.url, expired.token)).rejects.toThrow(/HTTP 401/);
    const fresh = await mintSfuToken(config, { meetingId, participantId: 'someone', displayName: 'X' });
    expect(await validateToken(lk.apiUrl, fresh.token)).toBe(200);
    const nowhere = await mintSfuToken(config, { meetingId: await newMeeting(), participantId: 'someone', displayName: 'X' });
    expect(await validateToken(lk.apiUrl, nowhere.token)).toBe(404);
  });
});

describe('leaving removes the participant from the LiveKit room', () => {
  for (const how of ['leave-meeting', 'disconnect'] as const) {
    it(`when a participant connected to the SFU goes away (${how}), then LiveKit drops it within 2 s`, async () => {
      const meetingId = await newMeeting();
      const a = await member(meetingId, 'A');
      await member(meetingId, 'B');
      const c = await member(meetingId, 'C');
      const ack = await emit<SfuTokenResult>(c.socket, 'sfu-token', { meetingId });
      ok<SfuTokenResult>(ack);
      const sfu = await signalOnlyParticipant(lk.url, ack.token);
      expect(await rooms().participants(meetingId)).toContain(c.result.selfId);
      void a;

      if (how === 'leave-meeting') ok(await emit(c.socket, 'leave-meeting'));
      else c.socket.disconnect();

      await waitUntil(async () => !(await rooms().participants(meetingId)).includes(c.result.selfId), 2000, 'LiveKit to drop C');
      await sfu.closed;
    });
  }

  it('when the host removes a participant connected to the SFU, then LiveKit drops it within 2 s', async () => {
    const { meetingId, hostKey } = await server.meetings.create({});
    const host = await pool.connect();
    ok(await emit(host, 'join-meeting', { meetingId, displayName: 'Host', hostKey }));
    await member(meetingId, 'B');
    const c = await member(meetingId, 'C');
    const ack = await emit<SfuTokenResult>(c.socket, 'sfu-token', { meetingId });
    ok<SfuTokenResult>(ack);
    const sfu = await signalOnlyParticipant(lk.url, ack.token);
    // LiveKit lists a participant shortly after accepting its join: wait for it, don't race it.
    await waitUntil(async () => (await rooms().participants(meetingId)).includes(c.result.selfId), 5000, 'the stale-token holder in the LiveKit room');

    ok(await emit(host, 'remove-participant', { id: c.result.selfId }));

    await waitUntil(async () => !(await rooms().participants(meetingId)).includes(c.result.selfId), 2000, 'LiveKit to drop C');
    await sfu.closed;
  });
});

describe('the LiveKit webhook', () => {
  it('when LiveKit reports what it saw, then its signed events arrive at the backend', async () => {
    const meetingId = await newMeeting();
    const started = new Promise<void>((resolve) => {
      const off = server.sfu.reconciler!.onEvent((event) => {
        if (event.event === 'room_started' && event.room?.name === meetingId) {
          off();
          resolve();
        }
      });
    });
    await member(meetingId, 'A');
    await member(meetingId, 'B');
    await member(meetingId, 'C');
    await started;
  });

  it('when the signature is missing, wrong, or for another body, then it is refused with 401 INVALID_SIGNATURE', async () => {
    const body = JSON.stringify({ event: 'room_started', room: { name: 'abcde-fghjk-mnpqr' } });
    const post = () => request(server.httpServer).post('/api/livekit/webhook').set('Content-Type', 'application/webhook+json');
    for (const auth of [undefined, 'not-a-jwt', await signedWebhook(body, 'x'.repeat(48)), await signedWebhook(`${body} `)]) {
      const req = post();
      if (auth) req.set('Authorization', auth);
      const res = await req.send(body);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: { code: 'INVALID_SIGNATURE', message: expect.any(String) } });
    }
    const good = await post().set('Authorization', await signedWebhook(body)).send(body);
    expect(good.status).toBe(200);
    const notJson = await post().set('Authorization', await signedWebhook('{nope')).send('{nope');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('INVALID_JSON');
    const get = await request(server.httpServer).get('/api/livekit/webhook');
    expect(get.status).toBe(405);
    expect(get.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('when LiveKit says someone joined who is not a member (a stale token after leaving), then they are removed from the room', async () => {
    const meetingId = await newMeeting();
    await member(meetingId, 'A');
    await member(meetingId, 'B');
    const c = await member(meetingId, 'C');
    const ack = await emit<SfuTokenResult>(c.socket, 'sfu-token', { meetingId });
    ok<SfuTokenResult>(ack);
    ok(await emit(c.socket, 'leave-meeting'));
    // The token is still valid: LiveKit lets the former member back in…
    const sfu = await signalOnlyParticipant(lk.url, ack.token);
    // LiveKit lists a participant shortly after accepting its join: wait for it, don't race it.
    await waitUntil(async () => (await rooms().participants(meetingId)).includes(c.result.selfId), 5000, 'the stale-token holder in the LiveKit room');
    // …and its participant_joined webhook (sent once media connects) gets it removed.
    const body = JSON.stringify({ event: 'participant_joined', room: { name: meetingId }, participant: { identity: c.result.selfId } });
    const res = await request(server.httpServer)
      .post('/api/livekit/webhook')
      .set('Content-Type', 'application/webhook+json')
      .set('Authorization', await signedWebhook(body))
      .send(body);
    expect(res.body).toEqual({ ok: true, outcome: 'removed-from-sfu' });
    await sfu.closed;
    expect(await rooms().participants(meetingId)).not.toContain(c.result.selfId);
  });

  it('when LiveKit says a member left whose connection is gone, then the seat is released and the meeting told', async () => {
    const meetingId = await newMeeting();
    const a = await member(meetingId, 'A');
    // A seat whose socket lives nowhere, as a crashed instance leaves behind until its lease ends.
    const ghost: PeerInfo = { id: 'ghost-of-an-instance', displayName: 'Ghost', joinedAt: new Date().toISOString(), media: { audio: false, video: false, screen: false }, role: 'participant' };
    await server.presence.tryAdd(meetingId, ghost, 10);
    const left = nextEvent<UserLeft>(a.socket, 'user-left');
    const body = JSON.stringify({ event: 'participant_left', room: { name: meetingId }, participant: { identity: ghost.id } });
    const res = await request(server.httpServer)
      .post('/api/livekit/webhook')
      .set('Content-Type', 'application/webhook+json')
      .set('Authorization', await signedWebhook(body))
      .send(body);
    expect(res.body).toEqual({ ok: true, outcome: 'seat-released' });
    expect(await left).toEqual({ id: ghost.id, reason: 'disconnected' });
    expect(await server.presence.has(meetingId, ghost.id)).toBe(false);

    // A member whose socket is alive keeps the seat, whatever LiveKit says.
    const aliveBody = JSON.stringify({ event: 'participant_left', room: { name: meetingId }, participant: { identity: a.result.selfId } });
    const kept = await request(server.httpServer)
      .post('/api/livekit/webhook')
      .set('Content-Type', 'application/webhook+json')
      .set('Authorization', await signedWebhook(aliveBody))
      .send(aliveBody);
    expect(kept.body).toEqual({ ok: true, outcome: 'noted' });
    expect(await server.presence.has(meetingId, a.result.selfId)).toBe(true);
  });
});
