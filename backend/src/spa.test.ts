import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { createLogger } from './lib/logger.js';
import { MeetingService } from './meetings/meeting.service.js';
import { testConfig } from './test/server.js';

/** The production SPA: precompressed variants, cache policy per file kind, history fallback. */
const INDEX = '<!doctype html><title>Meet</title><script type="module" src="/assets/index-abc123.js"></script>';
const MEETING = '<!doctype html><title>Meet</title><script type="module" src="/assets/index-abc123.js"></script><link rel="modulepreload" href="/assets/meeting-route-def456.js">';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;
let dist: string;
let app: Express;

/** GET over plain node:http, which (unlike supertest and fetch) leaves the body as sent. */
async function get(url: string, headers: Record<string, string>) {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet({ host: '127.0.0.1', port, path: url, headers }, resolve).on('error', reject),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of res) chunks.push(chunk as Buffer);
    return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) };
  } finally {
    server.close();
  }
}

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'meet-spa-'));
  mkdirSync(path.join(dist, 'assets'));
  const write = (file: string, body: string) => {
    writeFileSync(path.join(dist, file), body);
    writeFileSync(path.join(dist, `${file}.br`), brotliCompressSync(body));
    writeFileSync(path.join(dist, `${file}.gz`), gzipSync(body));
  };
  write('index.html', INDEX);
  write('meeting.html', MEETING);
  write('assets/index-abc123.js', SCRIPT);
  writeFileSync(path.join(dist, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  const meetings = new MeetingService({ ttlDays: 30, maxParticipants: 6, participantCount: async () => 0 });
  app = createApp({ config: testConfig({ SERVE_FRONTEND: 'true', FRONTEND_DIST: dist }), logger: createLogger('silent'), meetings });
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('static assets', () => {
  it('when the browser accepts brotli, then the hashed script comes precompressed as br, cached as immutable, with Vary', async () => {
    const res = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/);
    expect(res.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('when the browser accepts only gzip, then the gzip variant is sent', async () => {
    const res = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toMatch(/Accept-Encoding/);
    expect(gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it('when the client accepts no compression, then the plain file is sent, still with Vary', async () => {
    const res = await get('/assets/index-abc123.js', { 'Accept-Encoding': 'identity' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['vary']).toMatch(/Accept-Encoding/);
    expect(res.body.toString()).toBe(SCRIPT);
  });

  it('when a deep link is opened, then index.html is sent compressed and must be revalidated every time', async () => {
    for (const url of ['/', '/somewhere/else', '/index.html']) {
      const res = await get(url, { Accept: 'text/html', 'Accept-Encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(brotliDecompressSync(res.body).toString()).toBe(INDEX);
    }
  });

  it("when a meeting's URL is opened, then the page that preloads the lobby's code is sent, compressed and revalidated every time", async () => {
    const res = await get('/k3m7q-x9dfa-2hwpz?name=Ada', { Accept: 'text/html', 'Accept-Encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(brotliDecompressSync(res.body).toString()).toBe(MEETING);
  });

  it('when a path only resembles a meeting ID (not canonical), then index.html is sent and the app redirects or says not found', async () => {
    for (const url of ['/K3M7Q-X9DFA-2HWPZ', '/k3m7qx9dfa2hwpz', '/k3m7q-x9dfa-2hwpz/extra']) {
      const res = await get(url, { Accept: 'text/html', 'Accept-Encoding': 'br' });
      expect(res.status).toBe(200);
      expect(brotliDecompressSync(res.body).toString()).toBe(INDEX);
    }
  });

  it('when robots.txt is asked for, then the real file is sent (not the SPA)', async () => {
    const res = await request(app).get('/robots.txt').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('User-agent: *');
  });

  it('when a hashed asset does not exist, then 404 JSON, not index.html', async () => {
    const res = await request(app).get('/assets/index-gone99.js').set('Accept', '*/*').expect(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
