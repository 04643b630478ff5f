import { parseMeetingId } from '@contract/meeting-id';
import { describe, expect, it } from 'vitest';

describe('parseMeetingId (shared with the backend)', () => {
  it('when a canonical ID is pasted, then it is returned unchanged', () => {
    expect(parseMeetingId('k3m7q-x9dfa-2hwpz')).toBe('k3m7q-x9dfa-2hwpz');
  });

  it('when an invite link is pasted, then the ID is taken from its last path segment', () => {
    expect(parseMeetingId('https://meet.example.com/k3m7q-x9dfa-2hwpz?relay=1#x')).toBe('k3m7q-x9dfa-2hwpz');
  });

  it('when the ID has odd case, spaces or no dashes, then it is normalised', () => {
    expect(parseMeetingId('  K3M7Q X9DFA 2HWPZ ')).toBe('k3m7q-x9dfa-2hwpz');
    expect(parseMeetingId('k3m7qx9dfa2hwpz')).toBe('k3m7q-x9dfa-2hwpz');
  });

  it('when the text is not an ID, then it is rejected', () => {
    expect(parseMeetingId('hello')).toBeNull();
    expect(parseMeetingId('k3m7q-x9dfa-2hwp0')).toBeNull(); // 0 is not in the alphabet
    expect(parseMeetingId('')).toBeNull();
    expect(parseMeetingId(42)).toBeNull();
  });
});
