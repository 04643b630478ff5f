import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createLogger } from '../lib/logger.js';
import { connectTestDb, disconnectTestDb } from '../test/db.js';
import { testConfig } from '../test/server.js';
import { Meeting } from './meeting.model.js';
import { MeetingService } from './meeting.service.js';

/**
 * Hostile HTTP input on the meetings API, beyond the schema cases in meeting.routes.test.ts: path
 * tricks, operator injection, other methods, charsets and encodings, prototype pollution. Every
 * answer is a 4xx with the JSON error shape, never a 5xx.
 */
let app: Express;
let meetingId: string;

beforeAll(async () => {
  await connectTestDb();
  const config = testConfig();
  app = createApp({
    config,
    logger: createLogger('silent'),
    meetings: new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0 }),
  });
  meetingId = (await request(app).post('/api/meetings').expect(201)).body.meetingId;
});
afterAll(disconnectTestDb);

function expectJsonError(res: request.Response, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.error).toEqual({ code: code ?? expect.any(String), message: expect.any(String) });
}

/** Raw JSON with a chosen Content-Type and Content-Encoding (supertest would re-serialise objects). */
function postRaw(body: string | Buffer, headers: Record<string, string>) {
  let req = request(app).post('/api/meetings');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  // superagent would JSON-encode a Buffer sent as application/json; send the bytes as they are.
  return req.serialize((b: unknown) => b as string).send(body);
}

describe('path tricks', () => {
  it.each([
    ['a dot-dot with an encoded slash', '/api/meetings/..%2f', 400],
    ['an encoded traversal to another route', '/api/meetings/..%2F..%2Fhealthz', 400],
    ['an encoded NUL byte', '/api/meetings/aaaaa%00-bbbbb-ccccc', 400],
    ['a double slash inside /api', '/api//meetings/aaaaa-bbbbb-ccccc', 404],
    ['a double slash before the ID', '/api/meetings//aaaaa-bbbbb-ccccc', 404],
    ['a double slash at the root', '//api/meetings/aaaaa-bbbbb-ccccc', 404],
    ['a trailing extra segment', '/api/meetings/aaaaa-bbbbb-ccccc/attendance', 404],
    ['a path of 8 000 characters', `/api/meetings/${'a'.repeat(8000)}`, 400],
    ['an encoded operator as the ID', '/api/meetings/%7B%22%24gt%22%3A%22%22%7D', 400],
  ])('when the path has %s, then a JSON %i', async (_label, path, status) => {
    const res = await request(app).get(path);
    expectJsonError(res, status);
  });

  it('when the path is longer than Node accepts in a request line, then 431 from the HTTP parser, not a 5xx', async () => {
    const res = await request(app).get(`/api/meetings/${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
  });

  it('when a traversal would land on a real meeting ID, then it still does not escape the meetings router', async () => {
    const res = await request(app).get(`/api/nothing/..%2Fmeetings%2F${meetingId}`);
    expectJsonError(res, 404, 'NOT_FOUND');
  });
});

describe('query operator injection', () => {
  it('when a lookup carries ?meetingId[$gt]=, then the query is ignored and the path ID alone decides', async () => {
    const res = await request(app).get('/api/meetings/aaaaa-bbbbb-ccccc?meetingId[$gt]=&meetingId[$ne]=x');
    expectJsonError(res, 404, 'MEETING_NOT_FOUND');
  });

  it('when GET /api/meetings is asked to list with an operator query, then 405, never a list', async () => {
    const res = await request(app).get('/api/meetings?meetingId[$gt]=');
    expectJsonError(res, 405, 'METHOD_NOT_ALLOWED');
  });

  it('when a create carries ?title[$gt]= in the query, then it is ignored', async () => {
    const res = await request(app).post('/api/meetings?title[$gt]=x&__proto__[polluted]=1').expect(201);
    expect(res.body.title).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('when an operator object reaches the service despite the schema, then it is refused, never a query', async () => {
    expect(await Meeting.countDocuments()).toBeGreaterThan(0);
    const service = new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0 });
    // Without sanitizeFilter, { $ne: 'x' } would match the first meeting there is.
    await expect(service.find({ $ne: 'x' } as unknown as string)).rejects.toMatchObject({ code: 'INVALID_MEETING_ID' });
  });
});

describe('other methods', () => {
  it.each([
    ['PUT', '/api/meetings'],
    ['DELETE', '/api/meetings'],
    ['PATCH', '/api/meetings'],
    ['GET', '/api/meetings'],
    ['PUT', '/api/meetings/aaaaa-bbbbb-ccccc'],
    ['DELETE', '/api/meetings/aaaaa-bbbbb-ccccc'],
    ['POST', '/api/meetings/aaaaa-bbbbb-ccccc'],
  ])('when %s %s is called, then 405 JSON with an Allow header', async (method, path) => {
    const res = await request(app)[method.toLowerCase() as 'put'](path);
    expectJsonError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBeDefined();
  });

  it('when HEAD is sent, then it answers like GET without a body', async () => {
    expect((await request(app).head(`/api/meetings/${meetingId}`)).status).toBe(200);
    expect((await request(app).head('/api/meetings/aaaaa-bbbbb-ccccc')).status).toBe(404);
    const res = await request(app).head('/api/meetings');
    expect(res.status).toBe(405);
    expect(res.text ?? '').toBe('');
  });

  it('when OPTIONS is sent, then a bodiless 204 preflight answer', async () => {
    const res = await request(app).options(`/api/meetings/${meetingId}`);
    expect(res.status).toBe(204);
  });

  it('when an unknown method is sent, then a 4xx', async () => {
    const res = await request(app).trace('/api/meetings');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('charsets and encodings', () => {
  const json = 'application/json';

  it('when the charset is latin1, then 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectJsonError(await postRaw('{"title":"caf\u00e9"}', { 'Content-Type': `${json}; charset=latin1` }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('when the charset is explicitly utf-8, then the meeting is created', async () => {
    const res = await postRaw('{"title":"caf\u00e9"}', { 'Content-Type': `${json}; charset=utf-8` }).expect(201);
    expect(res.body.title).toBe('caf\u00e9');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('when the body is %s-compressed, then it is inflated and accepted', async (encoding, compress) => {
    const res = await postRaw(compress('{"title":"packed"}'), { 'Content-Type': json, 'Content-Encoding': encoding }).expect(201);
    expect(res.body.title).toBe('packed');
  });

  it.each(['gzip', 'deflate', 'br'])('when a %s body is corrupt, then 400 INVALID_JSON, not 500', async (encoding) => {
    expectJsonError(await postRaw(Buffer.from('definitely not compressed'), { 'Content-Type': json, 'Content-Encoding': encoding }), 400, 'INVALID_JSON');
  });

  it('when a gzip body is truncated, then 400 INVALID_JSON', async () => {
    const truncated = gzipSync('{"title":"cut short"}').subarray(0, 12);
    expectJsonError(await postRaw(truncated, { 'Content-Type': json, 'Content-Encoding': 'gzip' }), 400, 'INVALID_JSON');
  });

  it('when a small gzip body inflates past the size limit (a zip bomb), then 413', async () => {
    const bomb = gzipSync(JSON.stringify({ title: 'x'.repeat(5_000_000) }));
    expect(bomb.length).toBeLessThan(10_000);
    expectJsonError(await postRaw(bomb, { 'Content-Type': json, 'Content-Encoding': 'gzip' }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('when the encoding is unknown, then 415', async () => {
    expectJsonError(await postRaw('{}', { 'Content-Type': json, 'Content-Encoding': 'compress' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['form data', 'application/x-www-form-urlencoded', 'title=x'],
    ['multipart', 'multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
    ['a JSON-like vendor type', 'application/vnd.evil+json', '{}'],
  ])('when the body is %s, then 415', async (_label, type, body) => {
    expectJsonError(await postRaw(body, { 'Content-Type': type }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['null', 'null'],
    ['a number', '5'],
    ['a deeply nested array', `${'['.repeat(5000)}${']'.repeat(5000)}`.slice(0, 4000)],
  ])('when the JSON body is %s, then a 4xx', async (_label, body) => {
    const res = await postRaw(body, { 'Content-Type': json });
    expect([400, 413]).toContain(res.status);
  });
});

describe('prototype pollution', () => {
  it.each([
    ['__proto__', '{"__proto__":{"polluted":1}}'],
    ['__proto__ next to a title', '{"title":"a","__proto__":{"polluted":1}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}'],
    ['prototype', '{"prototype":{"polluted":1}}'],
    ['__proto__ inside the title', '{"title":{"__proto__":{"polluted":1}}}'],
  ])('when the body has %s, then 400 VALIDATION_FAILED and Object.prototype stays clean', async (_label, body) => {
    expectJsonError(await postRaw(body, { 'Content-Type': 'application/json' }), 400, 'VALIDATION_FAILED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
