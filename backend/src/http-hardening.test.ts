import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { errorHandler } from './lib/http.js';
import { createLogger } from './lib/logger.js';
import { MeetingService } from './meetings/meeting.service.js';
import { connectTestDb, disconnectTestDb } from './test/db.js';
import { testConfig } from './test/server.js';

/** Issue 15, REST side: cross-site simple POSTs, charsets, HEAD, Host, headers, source maps, driver errors. */
const meetings = new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0 });

/** A tiny built SPA: index.html and one hashed asset with its source map. */
const dist = mkdtempSync(path.join(tmpdir(), 'meet-dist-'));
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Meet</title>');
writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)\n//# sourceMappingURL=index-abc.js.map');
writeFileSync(path.join(dist, 'assets', 'index-abc.js.map'), '{"version":3,"sourcesContent":["secret source"]}');

function appWith(env: Record<string, string> = {}): Express {
  return createApp({ config: testConfig({ SERVE_FRONTEND: 'true', FRONTEND_DIST: dist, ...env }), logger: createLogger('silent'), meetings });
}

beforeAll(connectTestDb);
afterAll(disconnectTestDb);

describe('cross-site simple POST (finding 6)', () => {
  it('when another site sends a body-less or text/plain POST (a no-cors fetch, a form), then no meeting is created: 415', async () => {
    const app = appWith();
    const bodiless = await request(app).post('/api/meetings').set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site');
    expect(bodiless.status).toBe(415);
    expect(bodiless.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const form = await request(app).post('/api/meetings').set('Sec-Fetch-Site', 'cross-site').set('Content-Type', 'text/plain').send('{}');
    expect(form.status).toBe(415);
    // A browser without Fetch Metadata still sends Origin.
    expect((await request(app).post('/api/meetings').set('Origin', 'https://evil.example')).status).toBe(415);
    // Same-site (a sibling subdomain) is not same-origin either.
    expect((await request(app).post('/api/meetings').set('Sec-Fetch-Site', 'same-site')).status).toBe(415);
  });

  it('when the POST is JSON (preflighted), same-origin by Fetch Metadata, or from no browser at all, then it creates', async () => {
    const app = appWith();
    await request(app).post('/api/meetings').set('Sec-Fetch-Site', 'cross-site').send({}).expect(201);
    await request(app).post('/api/meetings').set('Sec-Fetch-Site', 'same-origin').expect(201);
    await request(app).post('/api/meetings').expect(201); // curl, monitors
  });
});

describe('UTF-8 only (finding 8)', () => {
  it.each([
    ['UTF-7', 'utf-7', Buffer.from('{"title":"+ADw-script+AD4-"}')],
    ['UTF-16', 'utf-16le', Buffer.from('{"title":"x"}', 'utf16le')],
    ['UTF-32', 'utf-32', Buffer.from('{"title":"x"}')],
  ])('when the body is %s, then 415 and nothing is stored', async (_label, charset, body) => {
    const res = await request(appWith())
      .post('/api/meetings')
      .set('Content-Type', `application/json; charset=${charset}`)
      .send(body);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('when the body is UTF-8 (with or without the charset said), then it is accepted', async () => {
    await request(appWith()).post('/api/meetings').set('Content-Type', 'application/json; charset="UTF-8"').send('{"title":"ok"}').expect(201);
  });
});

describe('HEAD (finding 9)', () => {
  it('when a monitor or link unfurler sends HEAD to /, a meeting link or a static file, then it gets what GET would, without a body', async () => {
    const app = appWith();
    const root = await request(app).head('/').expect(200);
    expect(root.headers['content-type']).toMatch(/text\/html/);
    await request(app).head('/k3m7q-x9dfa-2hwpz').expect(200);
    await request(app).head('/assets/index-abc.js').expect(200);
    await request(app).head('/healthz').expect(200);
  });
});

describe('source maps (finding 11)', () => {
  it('when SERVE_SOURCE_MAPS is not set, then .map files are 404 and the asset is still served', async () => {
    const app = appWith();
    const res = await request(app).get('/assets/index-abc.js.map').expect(404);
    expect(res.text).not.toContain('secret source');
    await request(app).get('/assets/index-abc.js').expect(200);
  });

  it('when SERVE_SOURCE_MAPS=true, then they are served', async () => {
    await request(appWith({ SERVE_SOURCE_MAPS: 'true' })).get('/assets/index-abc.js.map').expect(200);
  });
});

describe('security headers (finding 11)', () => {
  it('when any page is served, then CSP connect-src allows only our own origin, and Permissions-Policy limits capture to self', async () => {
    const res = await request(appWith()).get('/').expect(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/connect-src 'self'(;|$)/);
    expect(csp).not.toMatch(/connect-src[^;]*\bwss?:(\s|;|$)/);
    const pp = String(res.headers['permissions-policy']);
    for (const feature of ['camera', 'microphone', 'display-capture']) expect(pp).toContain(`${feature}=(self)`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('when PUBLIC_ORIGIN and an SFU (LIVEKIT_URL) are set, then connect-src names exactly those (and their WebSocket twins)', async () => {
    const sfu = { LIVEKIT_URL: 'wss://sfu.example.com', LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: 's'.repeat(40) };
    const res = await request(appWith({ PUBLIC_ORIGIN: 'https://meet.example.com', ...sfu })).get('/');
    const connect = /connect-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1]?.split(' ');
    expect(connect?.sort()).toEqual(
      ["'self'", 'https://meet.example.com', 'wss://meet.example.com', 'https://sfu.example.com', 'wss://sfu.example.com'].sort(),
    );
  });
});

describe('Host allowlist on the API (finding 10)', () => {
  it('when the Host is a name this server was not configured for (DNS rebinding), then 421 FORBIDDEN_HOST', async () => {
    const app = appWith({ PUBLIC_ORIGIN: 'https://meet.example.com' });
    const res = await request(app).post('/api/meetings').set('Host', 'evil.example').set('Origin', 'http://evil.example').send({});
    expect(res.status).toBe(421);
    expect(res.body.error.code).toBe('FORBIDDEN_HOST');
    await request(app).post('/api/meetings').set('Host', 'meet.example.com').send({}).expect(201);
    await request(app).get('/api/meetings/k3m7q-x9dfa-2hwpz').set('Host', '127.0.0.1:5000').expect(404);
  });
});

describe('driver errors (finding 4)', () => {
  it('when the driver fails an operation with PoolClearedOnNetworkError (a frozen database), then 503 DATABASE_UNAVAILABLE, not 500', async () => {
    // The driver's own class, as a frozen server produces it (monitor timeout clears the pool).
    const require = createRequire(resolveMongodb());
    const { PoolClearedOnNetworkError } = require('./cmap/errors.js') as {
      PoolClearedOnNetworkError: new (pool: { address: string; serverError?: Error }) => Error;
    };
    const app = express();
    app.get('/x', () => {
      throw new PoolClearedOnNetworkError({ address: '127.0.0.1:27017' });
    });
    app.use(errorHandler(createLogger('silent')));
    const res = await request(app).get('/x');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('DATABASE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBe('5');
  });
});

/** mongodb's lib/index.js, resolved from mongoose (the driver it really uses). */
function resolveMongodb(): string {
  const fromMongoose = createRequire(createRequire(import.meta.url).resolve('mongoose'));
  return fromMongoose.resolve('mongodb');
}
