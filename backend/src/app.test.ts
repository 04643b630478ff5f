import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { isOriginAllowed } from './lib/origin.js';
import { createLogger } from './lib/logger.js';
import { MeetingService } from './meetings/meeting.service.js';
import { connectTestDb, disconnectTestDb } from './test/db.js';
import { testConfig } from './test/server.js';

/** REST rate limits, TRUST_PROXY and the CORS allowlist. */
const meetings = new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0 });

function appWith(env: Record<string, string>): Express {
  return createApp({ config: testConfig(env), logger: createLogger('silent'), meetings });
}

beforeAll(connectTestDb);
afterAll(disconnectTestDb);

describe('rate limits', () => {
  it('when a client creates more meetings than RATE_LIMIT_CREATE_PER_MINUTE, then 429 RATE_LIMITED with RateLimit headers', async () => {
    const app = appWith({ RATE_LIMIT_CREATE_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) {
      const ok = await request(app).post('/api/meetings').expect(201);
      expect(ok.headers['ratelimit-policy']).toMatch(/q=3/);
    }
    const res = await request(app).post('/api/meetings').expect(429);
    expect(res.body.error).toEqual({ code: 'RATE_LIMITED', message: expect.any(String) });
    expect(res.headers['ratelimit']).toMatch(/r=0/);
    expect(res.headers['ratelimit-policy']).toMatch(/q=3; w=60/);
  });

  it('when a client looks up more IDs than RATE_LIMIT_LOOKUP_PER_MINUTE (an ID guesser), then 429, valid or not', async () => {
    const app = appWith({ RATE_LIMIT_LOOKUP_PER_MINUTE: '3' });
    await request(app).get('/api/meetings/aaaaa-bbbbb-ccccc').expect(404);
    await request(app).get('/api/meetings/not-an-id').expect(400);
    await request(app).get('/api/meetings/ccccc-bbbbb-aaaaa').expect(404);
    const res = await request(app).get('/api/meetings/ddddd-bbbbb-aaaaa').expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(res.headers['ratelimit']).toBeDefined();
  });

  it('when creations are limited, then lookups have their own budget', async () => {
    const app = appWith({ RATE_LIMIT_CREATE_PER_MINUTE: '1', RATE_LIMIT_LOOKUP_PER_MINUTE: '5' });
    const { meetingId } = (await request(app).post('/api/meetings').expect(201)).body;
    await request(app).post('/api/meetings').expect(429);
    await request(app).get(`/api/meetings/${meetingId}`).expect(200);
  });
});

describe('TRUST_PROXY', () => {
  async function createFrom(app: Express, address: string): Promise<number> {
    return (await request(app).post('/api/meetings').set('X-Forwarded-For', address)).status;
  }

  it('when TRUST_PROXY=1, then X-Forwarded-For tells clients apart', async () => {
    const app = appWith({ RATE_LIMIT_CREATE_PER_MINUTE: '2', TRUST_PROXY: '1' });
    expect([await createFrom(app, '198.51.100.1'), await createFrom(app, '198.51.100.1'), await createFrom(app, '198.51.100.1')]).toEqual([201, 201, 429]);
    expect(await createFrom(app, '198.51.100.2')).toBe(201);
  });

  it('when TRUST_PROXY=1 and a client prepends its own X-Forwarded-For entry, then only the hop the proxy added counts', async () => {
    const app = appWith({ RATE_LIMIT_CREATE_PER_MINUTE: '1', TRUST_PROXY: '1' });
    expect(await createFrom(app, '10.9.9.9, 198.51.100.3')).toBe(201);
    expect(await createFrom(app, '10.9.9.10, 198.51.100.3')).toBe(429);
  });

  it('when TRUST_PROXY is false, then X-Forwarded-For is ignored and spoofing it buys nothing', async () => {
    const app = appWith({ RATE_LIMIT_CREATE_PER_MINUTE: '2', TRUST_PROXY: 'false' });
    expect([await createFrom(app, '198.51.100.1'), await createFrom(app, '198.51.100.2'), await createFrom(app, '198.51.100.3')]).toEqual([201, 201, 429]);
  });
});

describe('CORS', () => {
  const app = () => appWith({ CORS_ORIGINS: 'https://meet.example' });

  it('when the allowed origin calls the API, then Access-Control-Allow-Origin names it', async () => {
    const res = await request(app()).get('/api/meetings/aaaaa-bbbbb-ccccc').set('Origin', 'https://meet.example');
    expect(res.headers['access-control-allow-origin']).toBe('https://meet.example');
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('when a foreign origin calls or preflights the API, then no Access-Control-Allow-Origin is given', async () => {
    const simple = await request(app()).get('/api/meetings/aaaaa-bbbbb-ccccc').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(app())
      .options('/api/meetings')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('when the allowed origin preflights a JSON POST, then it may send it', async () => {
    const res = await request(app())
      .options('/api/meetings')
      .set('Origin', 'https://meet.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://meet.example');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
  });

  it.each([
    ['no Origin (not a browser)', undefined, 'meet.example', [], true],
    ['an allowlisted origin', 'https://meet.example', 'api.example', ['https://meet.example'], true],
    ['the server’s own origin', 'https://meet.example', 'meet.example', [], true],
    ['a foreign origin', 'https://evil.example', 'meet.example', ['https://meet.example'], false],
    ['a look-alike suffix', 'https://meet.example.evil.example', 'meet.example', ['https://meet.example'], false],
    ['another port on the same host', 'https://meet.example:8443', 'meet.example', [], false],
    ['the opaque origin "null"', 'null', 'meet.example', [], false],
    ['garbage', 'not a url', 'meet.example', [], false],
    ['a foreign origin with no Host known (CORS)', 'https://evil.example', undefined, [], false],
  ] as const)('when isOriginAllowed sees %s, then %s', (_label, origin, host, allowlist, expected) => {
    expect(isOriginAllowed(origin, host, [...allowlist])).toBe(expected);
  });
});
