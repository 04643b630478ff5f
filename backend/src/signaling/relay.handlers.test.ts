import { describe, expect, it } from 'vitest';
import type { SdpRelay } from '../contract/protocol.js';
import { join, nextEvent, ok, record, request } from '../test/server.js';
import { useSignalingServer } from '../test/signaling-suite.js';

/** Offer, answer and ICE candidates relayed between members of one meeting, and only them. */
const { client, newMeeting } = useSignalingServer({ MAX_PARTICIPANTS: '3', STUN_URLS: 'stun:stun.example:3478' });

describe('relay of offer, answer and ice-candidate', () => {
  async function pair() {
    const meetingId = await newMeeting();
    const alice = await client();
    const bob = await client();
    ok(await join(alice, meetingId, 'Alice'));
    ok(await join(bob, meetingId, 'Bob'));
    return { meetingId, alice, bob };
  }

  it('when an offer, an answer and candidates are sent, then each reaches only its addressee with from stamped', async () => {
    const { alice, bob } = await pair();
    const offer = nextEvent<SdpRelay>(bob, 'offer');
    ok(await request(alice, 'offer', { to: bob.id, sdp: 'v=0 offer' }));
    expect(await offer).toEqual({ from: alice.id, sdp: 'v=0 offer' });

    const answer = nextEvent<SdpRelay>(alice, 'answer');
    ok(await request(bob, 'answer', { to: alice.id, sdp: 'v=0 answer' }));
    expect(await answer).toEqual({ from: bob.id, sdp: 'v=0 answer' });

    const cand = nextEvent(bob, 'ice-candidate');
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    ok(await request(alice, 'ice-candidate', { to: bob.id, candidate }));
    expect(await cand).toEqual({ from: alice.id, candidate });

    const end = nextEvent(bob, 'ice-candidate');
    ok(await request(alice, 'ice-candidate', { to: bob.id, candidate: null }));
    expect(await end).toEqual({ from: alice.id, candidate: null });
  });

  it('when the sender forges a from field, then the server stamps the real sender', async () => {
    const { alice, bob } = await pair();
    const offer = nextEvent<SdpRelay>(bob, 'offer');
    ok(await request(alice, 'offer', { to: bob.id, sdp: 'x', from: 'somebody-else' }));
    expect((await offer).from).toBe(alice.id);
  });

  it('when a relay targets a member of another meeting, then it is refused and never delivered', async () => {
    const { alice } = await pair();
    const other = await client();
    ok(await join(other, await newMeeting(), 'Mallory'));
    const seen = record(other, 'offer');
    expect(await request(alice, 'offer', { to: other.id, sdp: 'x' })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
    expect(await request(other, 'offer', { to: alice.id, sdp: 'x' })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
    // A round trip after the refusal proves nothing was queued for delivery.
    await request(other, 'leave-meeting');
    expect(seen).toHaveLength(0);
  });

  it('when a relay targets a socket that does not exist or itself, then PEER_NOT_FOUND', async () => {
    const { alice } = await pair();
    expect(await request(alice, 'answer', { to: 'does-not-exist', sdp: 'x' })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
    expect(await request(alice, 'answer', { to: alice.id, sdp: 'x' })).toMatchObject({ ok: false, error: { code: 'PEER_NOT_FOUND' } });
  });

  it('when a socket relays before joining, then NOT_IN_MEETING', async () => {
    const { bob } = await pair();
    const outsider = await client();
    const seen = record(bob, 'offer');
    expect(await request(outsider, 'offer', { to: bob.id, sdp: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_IN_MEETING' } });
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['missing to', 'offer', { sdp: 'x' }],
    ['numeric sdp', 'answer', { to: 'abc', sdp: 5 }],
    ['oversized sdp', 'offer', { to: 'abc', sdp: 'x'.repeat(40_000) }],
    ['candidate as string', 'ice-candidate', { to: 'abc', candidate: 'candidate:1' }],
    ['oversized candidate', 'ice-candidate', { to: 'abc', candidate: { candidate: 'x'.repeat(2000) } }],
    ['a to with odd characters', 'offer', { to: '../../x', sdp: 'x' }],
  ])('when the payload has %s, then VALIDATION_FAILED', async (_label, event, payload) => {
    const { alice } = await pair();
    expect(await request(alice, event, payload)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});
