import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Repository root (the npm workspaces root). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Screenshots and logs of failed tests; git-ignored. */
export function resultsDir(): string {
  const dir = fileURLToPath(new URL('../../../test-results/e2e/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  return dir;
}
