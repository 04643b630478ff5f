import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IceServersResult, JoinMeetingResult } from '../contract/protocol.js';
import type { RunningServer } from '../server.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { connectClient, join, request, startTestServer, testConfig } from '../test/server.js';
import { iceServersFor, turnCredential } from './ice-servers.js';

describe('TURN REST credentials', () => {
  it('when minted, then username is <expiry>:<participant> and credential is base64 HMAC-SHA1 of it', () => {
    const { username, credential } = turnCredential('s3cret', 'peer1', 1_900_000_000);
    expect(username).toBe('1900000000:peer1');
    expect(credential).toBe(createHmac('sha1', 's3cret').update('1900000000:peer1').digest('base64'));
  });

  it('when TURN is configured, then STUN and TURN are returned with an expiry TURN_TTL_SECONDS ahead', () => {
    const ice = testConfig({ STUN_URLS: 'stun:a:3478', TURN_URLS: 'turn:a:3478,turns:a:5349', TURN_SECRET: 'x', TURN_TTL_SECONDS: '600' }).ice;
    const now = Date.UTC(2030, 0, 1);
    const result = iceServersFor(ice, 'p', now);
    expect(result.iceServers[0]).toEqual({ urls: ['stun:a:3478'] });
    expect(result.iceServers[1]).toMatchObject({ urls: ['turn:a:3478', 'turns:a:5349'], username: `${now / 1000 + 600}:p` });
    expect(result.iceServersExpireAt).toBe(new Date(now + 600_000).toISOString());
  });

  it('when no TURN secret is set, then no TURN entry (and no expiry) is returned', () => {
    // Config refuses TURN_URLS without TURN_SECRET at boot (config.test.ts); minting must not rely on it.
    const ice = { ...testConfig().ice, turnUrls: ['turn:a:3478'] };
    expect(iceServersFor(ice, 'p')).toEqual({ iceServers: [] });
  });
});

describe('who gets TURN credentials', () => {
  let server: RunningServer;
  beforeAll(async () => {
    await connectTestDb();
    server = await startTestServer({ TURN_URLS: 'turn:127.0.0.1:3478', TURN_SECRET: 'topsecret', TURN_TTL_SECONDS: '3600' });
  });
  afterAll(async () => {
    await server.close();
    await disconnectTestDb();
  });

  it('when a participant is admitted, then the join ack carries credentials minted for it', async () => {
    const { meetingId } = await server.meetings.create({});
    const c = await connectClient(server);
    const ack = await join(c, meetingId, 'Alice');
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    const turn = (ack as JoinMeetingResult).iceServers.find((s) => s.username)!;
    expect(turn.username).toMatch(new RegExp(`^\\d+:${c.id}$`));
    expect(turn.credential).toBe(createHmac('sha1', 'topsecret').update(turn.username!).digest('base64'));
    c.disconnect();
  });

  it('when the lobby checks its connection for an existing meeting, then it gets two-minute probe credentials', async () => {
    const { meetingId } = await server.meetings.create({});
    const c = await connectClient(server);
    const ack = await request<IceServersResult>(c, 'check-connection', { meetingId });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    const turn = ack.iceServers.find((s) => s.username)!;
    const expiry = Number(turn.username!.split(':')[0]);
    expect(turn.username).toContain(`probe:${c.id}`);
    expect(expiry - Date.now() / 1000).toBeLessThanOrEqual(121);
    c.disconnect();
  });

  it('when an outsider asks without a real meeting ID, then no credentials are given', async () => {
    const c = await connectClient(server);
    expect(await request(c, 'check-connection', { meetingId: 'aaaaa-bbbbb-ccccc' })).toMatchObject({ ok: false, error: { code: 'MEETING_NOT_FOUND' } });
    expect(await request(c, 'check-connection', {})).toMatchObject({ ok: false, error: { code: 'INVALID_MEETING_ID' } });
    expect(await request(c, 'refresh-ice-servers')).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    c.disconnect();
  });
});
