import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration at boot', () => {
  it('when TURN_URLS is set without TURN_SECRET, then start-up is refused with a message naming the fix', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example.com:3478' })).toThrow(
      /Invalid configuration:[\s\S]*TURN_URLS is set but TURN_SECRET is not[\s\S]*TURN_SECRET/,
    );
  });

  it('when TURN_URLS and TURN_SECRET are both set, then TURN is configured', () => {
    const config = loadConfig({ TURN_URLS: 'turn:a:3478, turns:a:5349', TURN_SECRET: 's3cret' });
    expect(config.ice).toMatchObject({ turnUrls: ['turn:a:3478', 'turns:a:5349'], turnSecret: 's3cret' });
  });

  it('when several variables are invalid, then each is named on its own line', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', MAX_PARTICIPANTS: '1' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message.split('\n').filter((l) => l.includes('→ at'))).toEqual([
      expect.stringContaining('PORT'),
      expect.stringContaining('MAX_PARTICIPANTS'),
    ]);
  });
});
