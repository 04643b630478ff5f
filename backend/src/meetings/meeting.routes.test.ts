import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createLogger } from '../lib/logger.js';
import { MEETING_ID_PATTERN } from '../contract/meeting-id.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { testConfig } from '../test/server.js';
import { Meeting } from './meeting.model.js';
import { MeetingService } from './meeting.service.js';

let app: Express;
const config = testConfig();
const logger = createLogger('silent');

function makeService(newId?: () => string) {
  return new MeetingService({
    ttlDays: config.meetings.ttlDays,
    maxParticipants: config.meetings.maxParticipants,
    participantCount: async () => 0,
    ...(newId ? { newId } : {}),
  });
}

beforeAll(async () => {
  await connectTestDb();
  app = createApp({ config, logger, meetings: makeService() });
});
afterAll(disconnectTestDb);

describe('POST /api/meetings', () => {
  it('when called without a body, then it creates a meeting with a readable unguessable ID', async () => {
    const res = await request(app).post('/api/meetings').expect(201);
    expect(res.body.meetingId).toMatch(MEETING_ID_PATTERN);
    expect(res.body).toMatchObject({ title: null, participantCount: 0, maxParticipants: 4, path: `/${res.body.meetingId}` });
    expect(res.headers.location).toBe(`/api/meetings/${res.body.meetingId}`);
    const stored = await Meeting.findOne({ meetingId: res.body.meetingId }).lean();
    expect(stored).not.toBeNull();
    // TTL: expires MEETING_TTL_DAYS after last activity.
    const ttlMs = stored!.expiresAt.getTime() - stored!.lastActiveAt.getTime();
    expect(ttlMs).toBe(30 * 24 * 3600 * 1000);
  });

  it('when a meeting is created, then the response carries its host key once and the database only a hash', async () => {
    const res = await request(app).post('/api/meetings').expect(201);
    expect(res.body.hostKey).toMatch(/^[\w-]{32}$/);
    const stored = await Meeting.findOne({ meetingId: res.body.meetingId }).lean();
    expect(JSON.stringify(stored)).not.toContain(res.body.hostKey);
    expect(stored).toMatchObject({ locked: false, endedAt: null, coHosts: [], removed: [] });
  });

  it('when a title carries control, bidi or zero-width characters, then they are removed before it is stored', async () => {
    const res = await request(app).post('/api/meetings').send({ title: 'Team\u0007 \u202esync\u200b\u001b' }).expect(201);
    expect(res.body.title).toBe('Team sync');
  });

  it('when given a title, then it is trimmed and stored', async () => {
    const res = await request(app).post('/api/meetings').send({ title: '  Standup  ' }).expect(201);
    expect(res.body.title).toBe('Standup');
  });

  it('when two meetings are created, then their IDs differ', async () => {
    const [a, b] = await Promise.all([request(app).post('/api/meetings'), request(app).post('/api/meetings')]);
    expect(a.body.meetingId).not.toBe(b.body.meetingId);
  });

  it.each([
    ['a title over 100 characters', { title: 'x'.repeat(101) }],
    ['an unknown field', { title: 'ok', admin: true }],
    ['an operator instead of a title', { title: { $gt: '' } }],
    ['a number as title', { title: 42 }],
    ['a JSON array', []],
    ['a title of nothing but zero-width and bidi characters', { title: '\u200b\u202e\u2066' }],
    ['a title with an unpaired surrogate', { title: 'a\ud800b' }],
  ])('when the body has %s, then 400 VALIDATION_FAILED', async (_label, body) => {
    const res = await request(app).post('/api/meetings').send(body as object).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('when the body is not JSON, then 415', async () => {
    const res = await request(app).post('/api/meetings').set('Content-Type', 'text/plain').send('title=x').expect(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('when the JSON is malformed, then 400 INVALID_JSON', async () => {
    const res = await request(app).post('/api/meetings').set('Content-Type', 'application/json').send('{"title":').expect(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('when the JSON is a bare string, then 400 INVALID_JSON', async () => {
    const res = await request(app).post('/api/meetings').set('Content-Type', 'application/json').send('"hello"').expect(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('when the body is oversized, then 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await request(app).post('/api/meetings').send({ title: 'x'.repeat(50_000) }).expect(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('when a generated ID collides, then the unique index catches it and a new one is drawn', async () => {
    const taken = (await request(app).post('/api/meetings').expect(201)).body.meetingId as string;
    const ids = [taken, taken, 'zzzzz-zzzzz-zzzzz'];
    const service = makeService(() => ids.shift()!);
    const created = await service.create({});
    expect(created.meetingId).toBe('zzzzz-zzzzz-zzzzz');
    expect(ids).toHaveLength(0);
  });
});

describe('GET /api/meetings/:meetingId', () => {
  let meetingId: string;
  beforeAll(async () => {
    meetingId = (await request(app).post('/api/meetings').send({ title: 'Review' })).body.meetingId;
  });

  it('when the meeting exists, then 200 with its public info', async () => {
    const res = await request(app).get(`/api/meetings/${meetingId}`).expect(200);
    expect(res.body).toMatchObject({ meetingId, title: 'Review', participantCount: 0 });
    expect(Object.keys(res.body).sort()).toEqual(
      ['createdAt', 'ended', 'expiresAt', 'lastActiveAt', 'locked', 'maxParticipants', 'mediaMode', 'meetingId', 'participantCount', 'path', 'title'].sort(),
    );
    expect(res.body).toMatchObject({ locked: false, ended: false, mediaMode: 'mesh' });
    // The host key is shown once, at creation, and never again.
    expect(res.body).not.toHaveProperty('hostKey');
  });

  it('when the ID is typed in upper case without dashes, then it still resolves', async () => {
    const sloppy = meetingId.replace(/-/g, '').toUpperCase();
    await request(app).get(`/api/meetings/${sloppy}`).expect(200);
  });

  it('when a full invite link is passed (URL-encoded), then it resolves to the ID', async () => {
    const link = encodeURIComponent(`https://meet.example/${meetingId}?x=1`);
    const res = await request(app).get(`/api/meetings/${link}`).expect(200);
    expect(res.body.meetingId).toBe(meetingId);
  });

  it('when the meeting does not exist, then 404 MEETING_NOT_FOUND', async () => {
    const res = await request(app).get('/api/meetings/aaaaa-bbbbb-ccccc').expect(404);
    expect(res.body.error).toEqual({ code: 'MEETING_NOT_FOUND', message: expect.any(String) });
  });

  it.each(['abc', 'aaaaa-bbbbb-cccc0', 'aaaaa-bbbbb-ccccl', '%24gt', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(300)])(
    'when the ID is malformed (%s), then 400 INVALID_MEETING_ID',
    async (bad) => {
      const res = await request(app).get(`/api/meetings/${bad}`).expect(400);
      expect(res.body.error.code).toBe('INVALID_MEETING_ID');
    },
  );

  it('when the path has a broken percent-encoding, then 400, not 500', async () => {
    const res = await request(app).get('/api/meetings/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBeDefined();
  });
});

describe('the rest of the HTTP surface', () => {
  it('when an unknown /api route is called, then 404 JSON', async () => {
    const res = await request(app).get('/api/nope').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('when /healthz is called, then the process answers ok', async () => {
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body.status).toBe('ok');
  });

  it('when /readyz is called with the database up, then ready', async () => {
    const res = await request(app).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', db: 'up' });
  });

  it('when responses are sent, then security headers are set', async () => {
    const res = await request(app).get('/healthz');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('when the meetings collection is inspected, then meetingId has a unique index and expiresAt a TTL index', async () => {
    const indexes = await Meeting.collection.indexes();
    const byKey = (key: string) => indexes.find((i) => Object.keys(i.key).join() === key);
    expect(byKey('meetingId')?.unique).toBe(true);
    expect(byKey('expiresAt')?.expireAfterSeconds).toBe(0);
  });
});
