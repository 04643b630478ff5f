import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { planLivekit, signalOnlyParticipant, type TestLivekit } from '../test/livekit.js';
import { LiveKitRooms } from './livekit-rooms.js';
import { mintSfuToken } from './sfu-tokens.js';
import type { SfuConfig } from './sfu-config.js';

let lk: TestLivekit | undefined;
afterAll(() => lk?.stop());

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function sfuConfig(url: string, apiKey = 'k', apiSecret = 's'.repeat(32)): SfuConfig {
  return { url, apiUrl: url.replace(/^ws/, 'http'), apiKey, apiSecret, tokenTtlSeconds: 600 };
}

describe('LiveKit reachability', () => {
  it('when LiveKit is unreachable, then every probe says so but the log says it once; when it is back, once more', async () => {
    lk = await planLivekit();
    const { logger, lines } = capturingLogger();
    const rooms = new LiveKitRooms(sfuConfig(lk.url, lk.apiKey, lk.apiSecret), logger, { maxParticipants: 100, probeTtlMs: 0 });
    for (let i = 0; i < 3; i++) expect(await rooms.reachable()).toBe(false);
    await lk.start();
    for (let i = 0; i < 3; i++) expect(await rooms.reachable()).toBe(true);
    expect(lines.map((l) => [l.level, l.msg.split(':')[0]])).toEqual([
      [40, 'LiveKit SFU unreachable'],
      [30, 'LiveKit SFU reachable'],
    ]);
  });

  it('when the keys are wrong, then LiveKit counts as unreachable (and the log says why)', async () => {
    const { logger, lines } = capturingLogger();
    const rooms = new LiveKitRooms(sfuConfig(lk!.url, 'wrong', 'w'.repeat(32)), logger, { maxParticipants: 100, probeTtlMs: 0 });
    expect(await rooms.reachable()).toBe(false);
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines[0])).toMatch(/unauthori|invalid|401/i);
  });

  it('when a connected participant is removed, then LiveKit closes its connection; removing someone absent is fine', async () => {
    const rooms = new LiveKitRooms(sfuConfig(lk!.url, lk!.apiKey, lk!.apiSecret), pino({ level: 'silent' }), { maxParticipants: 100 });
    await rooms.ensureRoom('abcde-fghjk-mnpqr');
    const { token } = await mintSfuToken(sfuConfig(lk!.url, lk!.apiKey, lk!.apiSecret), { meetingId: 'abcde-fghjk-mnpqr', participantId: 'p1', displayName: 'P' });
    const p = await signalOnlyParticipant(lk!.url, token);
    await rooms.removeParticipant('abcde-fghjk-mnpqr', 'p1');
    await p.closed;
    await rooms.removeParticipant('abcde-fghjk-mnpqr', 'nobody');
    await rooms.deleteRoom('abcde-fghjk-mnpqr');
    await rooms.deleteRoom('abcde-fghjk-mnpqr');
    expect(await rooms.roomExists('abcde-fghjk-mnpqr')).toBe(false);
  });
});
