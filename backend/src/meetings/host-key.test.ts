import { describe, expect, it } from 'vitest';
import { hashSecret, newSecret, secretMatches } from './host-key.js';

describe('host key', () => {
  it('when a key is hashed, then only that key matches the hash and the hash is not the key', () => {
    const key = newSecret();
    const hash = hashSecret(key);
    expect(hash).not.toContain(key);
    expect(secretMatches(key, hash)).toBe(true);
    expect(secretMatches(newSecret(), hash)).toBe(false);
    expect(secretMatches(key, null)).toBe(false);
  });

  it('when two keys are drawn, then they differ and are URL-safe', () => {
    const [a, b] = [newSecret(), newSecret()];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[\w-]{32}$/);
  });
});
