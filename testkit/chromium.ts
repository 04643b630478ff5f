import { existsSync } from 'node:fs';

// Shared by the browser suite and the benchmarks (bench/browser); no test-runner imports here.

/** Headless, fake camera/microphone/screen, no prompts, and no calls home (the network is closed). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Chromium from CHROMIUM_PATH or the usual system paths; nothing here downloads browsers. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. Install Chromium (apt-get install chromium) or fix CHROMIUM_PATH.`);
    return fromEnv;
  }
  const found = CHROMIUM_CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error('No Chromium found for the browser tests. Install it (apt-get install chromium) or set CHROMIUM_PATH to its executable.');
  }
  return found;
}
