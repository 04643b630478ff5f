import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Coturn, turnCredential } from '../../testkit/coturn';
import { gatherRelayCandidates } from './support/ice';
import { waitForMediaFlow } from './support/media';
import { createMeetingViaUi, joinByLink } from './support/meeting';
import { useSuite } from './support/suite';

// coturn must be up before the backend starts (the backend reads TURN_URLS/TURN_SECRET at boot),
// so its hooks are registered first; vitest runs beforeAll hooks in registration order.
const turn = new Coturn();
beforeAll(() => turn.start());
afterAll(() => turn.stop());
const suite = useSuite('turn', () => ({ TURN_URLS: turn.urls.join(','), TURN_SECRET: turn.secret, TURN_TTL_SECONDS: '600' }));

describe('TURN relay (coturn, TURN REST API credentials)', () => {
  test('when two people join with ?relay=1, then media flows and the selected candidate pair is relay at both ends', async () => {
    const alice = await suite.person('Alice');
    const bob = await suite.person('Bob');
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    const relayLink = `${link}?relay=1`;
    await joinByLink(alice.page, relayLink, 'Alice');
    await joinByLink(bob.page, relayLink, 'Bob');

    const [fromBob] = await waitForMediaFlow(alice.page, ['Bob']);
    const [fromAlice] = await waitForMediaFlow(bob.page, ['Alice']);
    expect(fromBob?.localCandidateType, `Alice's side; coturn log:\n${turn.log()}`).toBe('relay');
    expect(fromAlice?.localCandidateType, "Bob's side").toBe('relay');
    // Each side's remote candidate is the other's relayed address.
    expect(fromBob?.remoteCandidateType).toBe('relay');
    expect(fromAlice?.remoteCandidateType).toBe('relay');
    await suite.dismiss(alice, bob);
  });

  test('when a credential is forged or expired, then coturn refuses it and no relay candidate appears, while a valid one gets one', async () => {
    const probe = await suite.person('Probe');
    await probe.page.goto(suite.backend.url);
    const now = Math.floor(Date.now() / 1000);
    const valid = turnCredential(turn.secret, now + 600);
    const forged = { username: valid.username, credential: turnCredential('not-the-secret', now + 600).credential };
    const expired = turnCredential(turn.secret, now - 60); // correct HMAC, expiry in the past

    const control = await gatherRelayCandidates(probe.page, { urls: turn.urls, ...valid });
    expect(control.types, 'the valid credential (control) yields a relay candidate').toContain('relay');

    for (const [label, credential] of [['forged', forged], ['expired', expired]] as const) {
      const result = await gatherRelayCandidates(probe.page, { urls: turn.urls, ...credential });
      expect(result.types, `${label}: no candidates at all`).toEqual([]);
      expect(result.errorCodes, `${label}: coturn answered 401 Unauthorized`).toContain(401);
    }
  });

  test('when the lobby runs Test connection, then it says in plain words that direct calls and the backup route work', async () => {
    const alice = await suite.person('Alice');
    await createMeetingViaUi(alice.page, suite.backend.url);
    await alice.page.getByRole('button', { name: 'Test connection' }).click();
    const status = alice.page.getByRole('status', { name: 'Connection check' });
    // The relay verdict comes from a real relay-only connection through coturn, not from config.
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Backup route for strict networks: works');
    const text = (await status.textContent()) ?? '';
    expect(text).toContain('Meeting server: reachable');
    expect(text, 'no jargon').not.toMatch(/STUN|TURN|ICE|relay/);
    // Loopback has no STUN, so the check says direct connections stay inside this network.
    expect(text).toMatch(/Direct calls: (should work|work with people on your network)/);
    await suite.dismiss(alice);
  });
});
