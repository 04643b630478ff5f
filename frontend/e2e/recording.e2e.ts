import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseFile } from 'music-metadata';
import { type Download, type Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations } from './support/axe';
import { callControls, createMeetingViaUi, joinByLink, joinFromLobby, tile } from './support/meeting';
import { useSuite } from './support/suite';

const suite = useSuite('recording');

/** Chooses an item of the toolbar's "More options" disclosure. */
async function chooseMore(page: Page, item: string): Promise<void> {
  await callControls(page).getByRole('button', { name: 'More options' }).click();
  await page.getByRole('button', { name: item, exact: true }).click();
}

const indicator = (page: Page) => page.getByTestId('recording-indicator');
const announcements = (page: Page) => page.getByRole('status', { name: 'Announcements' });

/** Ana and Ben in one meeting, each seeing the other's tile. */
async function meeting() {
  const ana = await suite.person('Ana');
  const ben = await suite.person('Ben');
  const { link, meetingId } = await createMeetingViaUi(ana.page, suite.backend.url);
  await joinFromLobby(ana.page, 'Ana');
  await joinByLink(ben.page, link, 'Ben');
  await tile(ana.page, 'Ben').waitFor({ timeout: 20_000 });
  await tile(ben.page, 'Ana').waitFor({ timeout: 20_000 });
  return { ana, ben, meetingId };
}

/** What the recorded file is, as a player sees it: read back in the recorder's own browser. */
async function playInBrowser(page: Page, file: Buffer) {
  return page.evaluate(async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error(`cannot load: ${video.error?.message}`));
    });
    const duration = video.duration;
    // Seekable: a jump to the middle lands there (a WebM without duration cannot seek).
    video.currentTime = duration / 2;
    await new Promise((resolve) => (video.onseeked = resolve));
    return { duration, width: video.videoWidth, height: video.videoHeight, seekedTo: video.currentTime };
  }, file.toString('base64'));
}

describe('local recording', () => {
  test('when Ana records for about 3 s and stops, then she downloads a seekable WebM of that length with video and audio, and Ben sees the indicator only meanwhile', async () => {
    const { ana, ben, meetingId } = await meeting();

    await chooseMore(ana.page, 'Record meeting');
    const startedAt = Date.now();
    await indicator(ben.page).filter({ hasText: 'Ana is recording' }).waitFor({ timeout: 10_000 });
    await expect.poll(() => announcements(ben.page).textContent(), { timeout: 10_000 }).toBe('Ana started recording');
    await indicator(ana.page).filter({ hasText: 'You are recording' }).waitFor({ timeout: 5_000 });

    // The length of the recording is what is under test, so this wait is its subject, not a sync.
    const remaining = 3_000 - (Date.now() - startedAt);
    if (remaining > 0) await ana.page.waitForTimeout(remaining);
    const progress = await ana.page.evaluate(() => (window as unknown as { __meet?: { recording(): { frames: number; seconds: number } | null } }).__meet?.recording() ?? null);
    expect(progress).not.toBeNull();
    const fps = progress!.frames / progress!.seconds;
    console.info(`recording: ${progress!.frames} frames in ${progress!.seconds.toFixed(2)} s = ${fps.toFixed(1)} fps drawn (load ${loadavg()[0]!.toFixed(1)})`);
    // 30 fps asked; an overloaded machine draws fewer (ticks are dropped, never queued), but it draws.
    expect(fps).toBeGreaterThanOrEqual(1);
    const downloading = ana.page.waitForEvent('download', { timeout: 60_000 });
    await chooseMore(ana.page, 'Stop recording');
    const recordedMs = Date.now() - startedAt;
    const download: Download = await downloading;

    await indicator(ben.page).waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => announcements(ben.page).textContent(), { timeout: 10_000 }).toBe('Ana stopped recording');
    expect(await indicator(ana.page).count()).toBe(0);

    expect(download.suggestedFilename()).toMatch(new RegExp(`^meeting-${meetingId}-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.webm$`));
    const path = await download.path();
    const file = await readFile(path);
    expect(file.length, 'a non-empty file').toBeGreaterThan(10_000);

    const { format } = await parseFile(path);
    expect(format.container).toMatch(/webm/i);
    const kinds = format.trackInfo.map((t) => t.type).sort();
    expect(kinds, 'one video and one audio track').toEqual([1, 2]);
    // The duration is written into the header (MediaRecorder leaves it out), close to the time recorded.
    expect(format.duration).toBeDefined();
    expect(Math.abs(format.duration! - recordedMs / 1000), `header says ${format.duration} s, recorded ${recordedMs} ms`).toBeLessThan(1);

    const played = await playInBrowser(ana.page, file);
    expect(played.width).toBe(1280);
    expect(played.height).toBe(720);
    expect(Math.abs(played.duration - format.duration!)).toBeLessThan(0.5);
    expect(played.seekedTo).toBeGreaterThan(played.duration / 2 - 0.5);
    expect(ana.problems).toEqual([]);
  }, 240_000);

  test('when Ana records, then both pages pass axe with the indicator showing; when she leaves, her recording is saved and Ben no longer sees the indicator', async () => {
    const { ana, ben } = await meeting();
    await chooseMore(ana.page, 'Record meeting');
    await indicator(ben.page).filter({ hasText: 'Ana is recording' }).waitFor({ timeout: 10_000 });
    await indicator(ana.page).filter({ hasText: 'You are recording' }).waitFor({ timeout: 5_000 });
    expect(await axeViolations(ben.page), 'axe on the page of someone who sees the indicator').toEqual([]);
    expect(await axeViolations(ana.page), 'axe on the recorder’s page').toEqual([]);

    const downloading = ana.page.waitForEvent('download', { timeout: 60_000 });
    await callControls(ana.page).getByRole('button', { name: 'Leave' }).click();
    const download = await downloading;
    expect((await readFile(await download.path())).length).toBeGreaterThan(0);
    await indicator(ben.page).waitFor({ state: 'detached', timeout: 10_000 });
  }, 240_000);
});
