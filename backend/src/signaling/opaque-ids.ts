import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * 120 random bits, base64url (20 characters, like Socket.io's own ids). Socket.io's and
 * engine.io's default ids end in a process-wide connection counter, which tells every client how
 * many connections the server has seen (traffic volume, restarts) and how ids will continue.
 */
export function opaqueId(): string {
  return randomBytes(15).toString('base64url');
}

interface Base64Id {
  generateId(): string;
}

/**
 * Socket.io offers `engine.generateId` for the engine.io session id but no hook for the Socket.io
 * socket id, which it draws from its bundled `contrib/base64id` helper. Replacing that helper's
 * `generateId` (resolved by file path, as the package's export map hides it) covers both. Called
 * once per process; idempotent.
 */
export function useOpaqueSocketIds(): void {
  const fromHere = createRequire(import.meta.url);
  const socketIoMain = fromHere.resolve('socket.io');
  const engineIoMain = createRequire(socketIoMain).resolve('engine.io');
  for (const main of [socketIoMain, engineIoMain]) {
    const mod = fromHere(path.join(path.dirname(main), 'contrib', 'base64id.js')) as { base64id: Base64Id };
    mod.base64id.generateId = opaqueId;
  }
}
