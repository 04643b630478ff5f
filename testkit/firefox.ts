import { existsSync } from 'node:fs';

// Shared by the browser suite and the benchmarks; no test-runner imports here.

/**
 * Firefox prefs for a headless participant: fake camera and microphone (a colour-cycling picture
 * and a sine tone), no permission prompt, and media allowed to play without a user gesture (the
 * tests never click before remote audio starts). The rest keeps Firefox off the network, which is
 * closed here.
 */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // English UI whatever the machine's language (the app follows the browser's language).
  'intl.accept_languages': 'en-US',
};

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** Firefox from FIREFOX_PATH or the usual system paths; nothing here downloads browsers. */
export function firefoxPath(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH=${fromEnv} does not exist. Install Firefox (apt-get install firefox-esr) or fix FIREFOX_PATH.`);
    return fromEnv;
  }
  const found = FIREFOX_CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('No Firefox found for the browser tests. Install it (apt-get install firefox-esr) or set FIREFOX_PATH to its executable.');
  return found;
}
