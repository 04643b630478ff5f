import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BackendProcess } from '../../../testkit/backend-process';
import { closeAll, launchBrowser, newParticipant, type Participant, screenshotOnFailure } from './browser';
import { stopTestMongo, testMongoUri } from '../../../testkit/mongo';

/** What one e2e file shares: its backend, its browser and the people currently in play. */
export interface Suite {
  backend: BackendProcess;
  browser: Browser;
  /** Everyone created with `person()`; closed after the file, screenshotted on failure. */
  people: Participant[];
  /** A new person with their own browser context. */
  person(name: string): Promise<Participant>;
  /** Closes these people's contexts (and forgets them). */
  dismiss(...who: Participant[]): Promise<void>;
}

/**
 * Registers beforeAll/afterAll for one test file: a fresh database, the built backend as a child
 * process (with `env` on top of the defaults) and one Chromium (plus `options.chromiumArgs`). Use
 * the returned object only
 * inside tests and hooks.
 */
export function useSuite(
  label: string,
  env: Record<string, string> | (() => Record<string, string>) = {},
  options: { chromiumArgs?: string[] } = {},
): Suite {
  const suite = { people: [] as Participant[] } as Suite;
  beforeAll(async () => {
    const mongoUri = await testMongoUri(`e2e_${label}`);
    suite.backend = new BackendProcess(mongoUri, typeof env === 'function' ? env() : env);
    await suite.backend.start();
    suite.browser = await launchBrowser(options.chromiumArgs);
  });
  afterAll(async () => {
    await closeAll(suite.people);
    await suite.browser?.close();
    await suite.backend?.stop();
    await stopTestMongo();
  });
  screenshotOnFailure(
    () => suite.people.map((p): Page => p.page),
    () => ({
      backend: suite.backend?.log() ?? '',
      console: suite.people.map((p) => `## ${p.name}\n${p.problems.join('\n')}`).join('\n'),
    }),
  );
  suite.person = async (name) => {
    const p = await newParticipant(suite.browser, name);
    suite.people.push(p);
    return p;
  };
  suite.dismiss = async (...who) => {
    await Promise.all(who.map((p) => p.context.close().catch(() => undefined)));
    suite.people = suite.people.filter((p) => !who.includes(p));
  };
  return suite;
}
