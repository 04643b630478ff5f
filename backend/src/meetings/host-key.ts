import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Host keys and client keys are 128+ bits of randomness, so a plain SHA-256 is enough to keep
 * them unusable if the database leaks (a slow password hash protects guessable secrets, which
 * these are not).
 */
export function newSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}
