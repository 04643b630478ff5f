// @vitest-environment happy-dom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PeerView, SessionSnapshot } from '../lib/session-types';
import { ROOM_HOLD_MS, useRoomHold } from './use-room-hold';

type State = Pick<SessionSnapshot, 'phase' | 'peers'>;
const joined = { name: 'joined' } as SessionSnapshot['phase'];
const peer = (video: MediaStreamTrack | null) => ({ id: 'p1', audio: null, video, screen: null }) as unknown as PeerView;

describe('useRoomHold', () => {
  afterEach(() => vi.useRealTimers());

  it('when we join an empty meeting, then the room shows at once', () => {
    const { result } = renderHook(() => useRoomHold({ phase: joined, peers: [] }));
    expect(result.current).toBe(false);
  });

  it('when others are in, then the room waits for their media, and stays once shown', () => {
    const { result, rerender } = renderHook((state: State) => useRoomHold(state), { initialProps: { phase: joined, peers: [peer(null)] } });
    expect(result.current).toBe(true);
    rerender({ phase: joined, peers: [peer({ kind: 'video' } as MediaStreamTrack)] });
    expect(result.current).toBe(false);
    rerender({ phase: joined, peers: [peer(null)] });
    expect(result.current).toBe(false);
  });

  it('when their media does not come, then the room shows after the bound', () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => useRoomHold({ phase: joined, peers: [peer(null)] }));
    expect(result.current).toBe(true);
    act(() => vi.advanceTimersByTime(ROOM_HOLD_MS));
    expect(result.current).toBe(false);
  });
});
