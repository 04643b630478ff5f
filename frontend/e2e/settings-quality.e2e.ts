import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Coturn } from '../../testkit/coturn';
import { axeViolations } from './support/axe';
import { LossyTurnRelay } from './support/lossy-turn-relay';
import { selfId, waitForMediaFlow } from './support/media';
import { callControls, createMeetingViaUi, joinByLink, setToggle, tile, toggle } from './support/meeting';
import { useSuite } from './support/suite';

// coturn behind a relay that can lose one person's uplink; both must be up before the backend
// starts (it reads TURN_URLS at boot), so these hooks come first.
const turn = new Coturn();
const relay = new LossyTurnRelay(() => turn.port);
beforeAll(async () => {
  await turn.start();
  await relay.start();
});
afterAll(async () => {
  await relay.stop();
  await turn.stop();
});
// Three fake cameras (Chromium lists one by default) so there is a camera to switch to. Chromium's
// second fake camera is a depth camera (Y16) that sends no picture; the third is an ordinary MJPEG one.
const suite = useSuite('settings_quality', () => ({ TURN_URLS: relay.url, TURN_SECRET: turn.secret, TURN_TTL_SECONDS: '600' }), {
  chromiumArgs: ['--use-fake-device-for-media-stream=device-count=3'],
});
const OTHER_CAMERA = 'fake_device_2';

interface LocalMediaFacts {
  audio: string | null;
  video: string | null;
  micOn: boolean;
}

const localMedia = (page: Page): Promise<LocalMediaFacts> =>
  page.evaluate(() => (window as unknown as { __meet: { localMedia(): LocalMediaFacts } }).__meet.localMedia());

/** The id of the video track `page` plays in `name`'s tile (a renegotiated slot would bring a new one). */
const tileTrackId = (page: Page, name: string): Promise<string | null> =>
  tile(page, name)
    .locator('video')
    .evaluate((video: HTMLVideoElement) => (video.srcObject as MediaStream | null)?.getVideoTracks()[0]?.id ?? null);

const focusedName = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

async function openSettings(page: Page) {
  await callControls(page).getByRole('button', { name: 'More options' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  return dialog;
}

describe('in-call settings', () => {
  test('when Alice, muted, switches camera and microphone in Settings, then the call stays connected, Bob gets fresh frames on the same track and she stays muted', async () => {
    const alice = await suite.person('Alice');
    const bob = await suite.person('Bob');
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    await joinByLink(alice.page, link, 'Alice');
    await joinByLink(bob.page, link, 'Bob');
    await waitForMediaFlow(bob.page, ['Alice']);
    const trackBefore = await tileTrackId(bob.page, 'Alice');
    await setToggle(alice.page, 'Microphone', false);
    const before = await localMedia(alice.page);

    const dialog = await openSettings(alice.page);
    const camera = dialog.getByRole('combobox', { name: 'Camera source' });
    const cameras = await camera.locator('option').allTextContents();
    expect(cameras, "Chromium's fake cameras (device-count=3)").toEqual(['fake_device_0', 'fake_device_1', 'fake_device_2']);
    expect(before.video).toBe('fake_device_0');
    const otherCamera = OTHER_CAMERA;
    await camera.selectOption({ label: otherCamera });
    const microphone = dialog.getByRole('combobox', { name: 'Microphone source' });
    const microphones = await microphone.locator('option').allTextContents();
    const otherMicrophone = microphones.find((m) => m !== before.audio && m !== 'Fake Default Audio Input') ?? '';
    await microphone.selectOption({ label: otherMicrophone });
    await expect.poll(() => localMedia(alice.page), { timeout: 15_000 }).toEqual({ audio: otherMicrophone, video: otherCamera, micOn: false });
    // The self-view shows the new camera too.
    await expect.poll(() => tileTrackId(alice.page, 'Alice (you)')).not.toBe(null);
    expect(await axeViolations(alice.page), 'axe with Settings open').toEqual([]);

    await alice.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedName(alice.page), 'focus back on the button that opened it').toContain('More options');

    // Still connected, frames and audio packets still rising, on the receiver it had: a replaced
    // track, no new negotiation.
    await waitForMediaFlow(bob.page, ['Alice']);
    expect(await tileTrackId(bob.page, 'Alice')).toBe(trackBefore);
    expect(await toggle(alice.page, 'Microphone').getAttribute('aria-pressed'), 'her mute survived the switch').toBe('false');
    await tile(bob.page, 'Alice').getByRole('img', { name: 'Microphone muted' }).waitFor();
    await suite.dismiss(alice, bob);
  });
});

describe('connection quality', () => {
  test("when a quarter of Bob's uplink is lost, then Alice's tile of Bob says Poor with the numbers, only Bob is told his connection is poor, and it recovers", async () => {
    const alice = await suite.person('Alice');
    const bob = await suite.person('Bob');
    const { link } = await createMeetingViaUi(alice.page, suite.backend.url);
    // TURN only: all media crosses the lossy relay.
    await joinByLink(alice.page, `${link}?relay=1`, 'Alice');
    await joinByLink(bob.page, `${link}?relay=1`, 'Bob');
    const [fromBob] = await waitForMediaFlow(alice.page, ['Bob']);
    await waitForMediaFlow(bob.page, ['Alice']);
    expect(fromBob?.localCandidateType, `relayed; coturn log:\n${turn.log()}`).toBe('relay');

    const indicator = tile(alice.page, 'Bob').getByRole('button', { name: /^Connection quality:/ });
    await indicator.waitFor({ timeout: 15_000 });
    await expect.poll(() => indicator.getAttribute('aria-label'), { timeout: 20_000 }).not.toBe('Connection quality: Poor');
    const bobHint = bob.page.getByRole('status').filter({ hasText: 'Your connection is poor' });
    expect(await bobHint.count(), 'no hint on a clean line').toBe(0);

    const bobId = (await selfId(bob.page)) ?? '';
    relay.setUplinkLoss(bobId, 25);
    await expect.poll(() => indicator.getAttribute('aria-label'), { timeout: 30_000 }).toBe('Connection quality: Poor');
    await bobHint.waitFor({ timeout: 30_000 });
    expect(relay.dropped.get(bobId), 'the relay dropped his packets').toBeGreaterThan(0);
    expect(await alice.page.getByText('Your connection is poor').count(), "Alice's own line is fine").toBe(0);

    await indicator.click();
    const details = alice.page.getByRole('dialog', { name: 'Connection with Bob' });
    await details.waitFor();
    const row = (label: string) => details.locator('div', { has: alice.page.getByRole('term').filter({ hasText: label }) }).getByRole('definition');
    await expect.poll(async () => parseFloat((await row('Packet loss').textContent()) ?? ''), { timeout: 10_000 }).toBeGreaterThanOrEqual(10);
    expect(await row('Quality').textContent()).toBe('Poor');
    expect(await row('Route').textContent()).toBe('Through a relay server');
    expect(await row('Round trip').textContent()).toMatch(/^[\d,.]+ ms$/);
    expect(await axeViolations(alice.page), 'axe with the details open').toEqual([]);
    await alice.page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    expect(await indicator.evaluate((el) => el === document.activeElement), 'focus back on the indicator').toBe(true);

    relay.setUplinkLoss(bobId, 0);
    await expect.poll(() => indicator.getAttribute('aria-label'), { timeout: 30_000 }).not.toBe('Connection quality: Poor');
    await bobHint.waitFor({ state: 'detached', timeout: 30_000 });
    await suite.dismiss(alice, bob);
  });
});
