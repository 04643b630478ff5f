import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { turnServersFrom } from './server/livekit-server-config.js';

const SECRET = 'x'.repeat(32);

describe('SFU configuration', () => {
  it('when no LIVEKIT_* is set, then there is no SFU and meetings hold the mesh cap', () => {
    const config = loadConfig({});
    expect(config.sfu).toBeUndefined();
    expect(config.meetings).toMatchObject({ meshMaxParticipants: 4, maxParticipants: 4 });
  });

  it('when all three are set, then meetings hold 100 by default and the API URL follows the browser URL', () => {
    const config = loadConfig({ LIVEKIT_URL: 'wss://sfu.example.com', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: SECRET });
    expect(config.sfu).toMatchObject({ url: 'wss://sfu.example.com', apiUrl: 'https://sfu.example.com', tokenTtlSeconds: 600 });
    expect(config.meetings).toMatchObject({ meshMaxParticipants: 4, maxParticipants: 100 });
  });

  it('when only some are set, then start-up stops naming the missing ones', () => {
    expect(() => loadConfig({ LIVEKIT_URL: 'ws://127.0.0.1:7880' })).toThrow(/LIVEKIT_API_KEY[\s\S]*LIVEKIT_API_SECRET/);
    expect(() => loadConfig({ LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: SECRET })).toThrow(/required when LIVEKIT_API_KEY and LIVEKIT_API_SECRET are set[\s\S]*at LIVEKIT_URL/);
  });

  it('when a value is malformed, then start-up stops naming it', () => {
    expect(() => loadConfig({ LIVEKIT_URL: 'http://x', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: SECRET })).toThrow(/LIVEKIT_URL/);
    expect(() => loadConfig({ LIVEKIT_URL: 'ws://x', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 'short' })).toThrow(/LIVEKIT_API_SECRET/);
    expect(() => loadConfig({ MESH_MAX_PARTICIPANTS: '0' })).toThrow(/MESH_MAX_PARTICIPANTS/);
  });

  it('when TURN is configured, then LiveKit gets the same servers and secret', () => {
    const urls = ['turn:turn.example.com:3478?transport=udp', 'turn:turn.example.com:3478?transport=tcp', 'turns:turn.example.com:5349?transport=tcp'];
    expect(turnServersFrom(urls, 's3cret')).toEqual([
      { host: 'turn.example.com', port: 3478, protocol: 'udp', secret: 's3cret' },
      { host: 'turn.example.com', port: 3478, protocol: 'tcp', secret: 's3cret' },
      { host: 'turn.example.com', port: 5349, protocol: 'tls', secret: 's3cret' },
    ]);
    expect(() => turnServersFrom(['stun:x:3478'], 's')).toThrow(/not a TURN URL/);
  });
});
