import { describe, expect, it } from 'vitest';
import { hostKeyFromHash, hostLink, meetingKeys, type KeyStorage } from './meeting-keys';

function memoryStorage(): KeyStorage {
  const map = new Map<string, string>();
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v) };
}

describe('meeting keys', () => {
  it('when a host key is saved for one meeting, then it is found for that meeting only', () => {
    const keys = meetingKeys(memoryStorage());
    keys.saveHostKey('aaaaa-bbbbb-ccccc', 'k'.repeat(32));
    expect(keys.hostKey('aaaaa-bbbbb-ccccc')).toBe('k'.repeat(32));
    expect(keys.hostKey('ddddd-eeeee-fffff')).toBeUndefined();
    expect(keys.clientKey('aaaaa-bbbbb-ccccc')).toBeUndefined();
  });

  it('when a host link is made, then its fragment gives the key back, and other fragments give nothing', () => {
    const key = 'Abc_def-0123456789xyzQ';
    const link = hostLink('https://meet.example/aaaaa-bbbbb-ccccc', key);
    expect(link).toBe(`https://meet.example/aaaaa-bbbbb-ccccc#host=${key}`);
    expect(hostKeyFromHash(new URL(link).hash)).toBe(key);
    expect(hostKeyFromHash('#host=short')).toBeUndefined();
    expect(hostKeyFromHash('')).toBeUndefined();
    expect(hostKeyFromHash('#hostile=Abc_def-0123456789xyzQ')).toBeUndefined();
  });
});
