import { mkdirSync } from 'node:fs';
import { fromRoot } from '../../../testkit/paths';

/** Screenshots and logs of failed tests; git-ignored. */
export function resultsDir(): string {
  const dir = fromRoot('test-results/e2e');
  mkdirSync(dir, { recursive: true });
  return dir;
}
