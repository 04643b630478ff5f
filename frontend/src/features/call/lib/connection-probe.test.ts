import { describe as suite, expect, it } from 'vitest';
import { judgeProbe } from './connection-probe';

suite('connection check verdicts', () => {
  it('when a server-reflexive candidate and a relayed connection were seen, then both paths work', () => {
    const r = judgeProbe({ gathered: ['host', 'srflx', 'relay'], stunConfigured: true, turnConfigured: true, relayConnected: true });
    expect(r).toMatchObject({ direct: 'ok', relay: 'ok' });
  });

  it('when only host candidates appear and no STUN is offered, then direct is local-only', () => {
    const r = judgeProbe({ gathered: ['host'], stunConfigured: false, turnConfigured: false, relayConnected: null });
    expect(r).toMatchObject({ direct: 'local-only', relay: 'not-configured' });
  });

  it('when TURN is configured but the relay never connected, then relay failed', () => {
    const r = judgeProbe({ gathered: ['host', 'srflx'], stunConfigured: true, turnConfigured: true, relayConnected: false });
    expect(r.relay).toBe('failed');
  });

  it('when nothing was gathered, then direct failed', () => {
    expect(judgeProbe({ gathered: [], stunConfigured: true, turnConfigured: false, relayConnected: null }).direct).toBe('failed');
  });
});
