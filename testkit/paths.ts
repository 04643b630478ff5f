import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (the npm workspaces root), without a trailing slash. */
export const repoRoot = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

/** A path inside the repository, from its root. */
export const fromRoot = (...parts: string[]): string => path.join(repoRoot, ...parts);
