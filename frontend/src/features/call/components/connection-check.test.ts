import { i18n } from '@lingui/core';
import { beforeAll, describe as suite, expect, it } from 'vitest';
import { messages as en } from '../../../i18n/locales/en.po';
import { judgeProbe } from '../lib/connection-probe';
import { describe } from './connection-check';

const JARGON = /STUN|TURN|ICE|relay|candidate|NAT/i;

suite('connection check wording', () => {
  beforeAll(() => {
    i18n.loadAndActivate({ locale: 'en', messages: en });
  });

  it('when both direct calls and the backup route work, then it says so in plain words', () => {
    const result = judgeProbe({ gathered: ['host', 'srflx', 'relay'], stunConfigured: true, turnConfigured: true, relayConnected: true });
    const { ok, lines } = describe(i18n, { kind: 'done', latencyMs: 42, result });
    expect(ok).toBe(true);
    expect(lines).toEqual(['Meeting server: reachable (42 ms).', 'Direct calls: should work from this network.', 'Backup route for strict networks: works.']);
  });

  it('when only the local network works and no backup route exists, then it explains what will and will not work', () => {
    const result = judgeProbe({ gathered: ['host'], stunConfigured: false, turnConfigured: false, relayConnected: null });
    const { lines } = describe(i18n, { kind: 'done', latencyMs: 5, result });
    expect(lines[1]).toMatch(/work with people on your network/);
    expect(lines[2]).toMatch(/not offered by this server/);
  });

  it('when any verdict is worded, then it uses no networking jargon', () => {
    const cases = [
      { gathered: [], stunConfigured: true, turnConfigured: true, relayConnected: false },
      { gathered: ['host'], stunConfigured: true, turnConfigured: false, relayConnected: null },
      { gathered: ['host', 'srflx'], stunConfigured: true, turnConfigured: true, relayConnected: true },
    ] as const;
    for (const c of cases) {
      const { lines } = describe(i18n, { kind: 'done', latencyMs: 1, result: judgeProbe({ ...c, gathered: [...c.gathered] }) });
      for (const line of lines) expect(line).not.toMatch(JARGON);
    }
    expect(describe(i18n, { kind: 'unreachable' }).lines[0]).not.toMatch(JARGON);
  });

  it('when the server cannot be reached, then the check fails and says what to do', () => {
    const { ok, lines } = describe(i18n, { kind: 'unreachable' });
    expect(ok).toBe(false);
    expect(lines[0]).toMatch(/Check your internet connection/);
  });
});
