import { describe, expect, test } from 'vitest';
import { EMPTY_ORDER, nextTileOrder, type OrderInput, type OrderResult } from './tile-order';

const people = (n: number) => Array.from({ length: n }, (_, i) => `cam:p${i}`);
const none = new Set<string>();

function order(previous: OrderResult | null, input: Partial<OrderInput> & Pick<OrderInput, 'tiles'>): OrderResult {
  return nextTileOrder(previous?.order ?? EMPTY_ORDER, { front: [], speaking: none, keep: none, pageSize: 4, now: 0, ...input });
}

describe('nextTileOrder', () => {
  test('when people join, then they are laid out in join order, screens and the pinned tile first', () => {
    const first = order(null, { tiles: people(3) });
    expect(first.laidOut).toEqual(['cam:p0', 'cam:p1', 'cam:p2']);
    const withScreen = order(first, { tiles: [...people(3), 'screen:p2'], front: ['screen:p2', 'cam:p1'] });
    expect(withScreen.laidOut).toEqual(['screen:p2', 'cam:p1', 'cam:p0', 'cam:p2']);
  });

  test('when someone on page 1 speaks, then nobody moves', () => {
    const start = order(null, { tiles: people(8) });
    const next = order(start, { tiles: people(8), speaking: new Set(['cam:p2']), now: 1 });
    expect(next.laidOut).toEqual(start.laidOut);
  });

  test('when someone off page 1 speaks, then they swap places with the page-1 tile that spoke longest ago', () => {
    let state = order(null, { tiles: people(8) });
    // p1 and p3 spoke a while ago; p2 never did, so p2 gives way (p0 is ourselves and is kept).
    state = order(state, { tiles: people(8), speaking: new Set(['cam:p1', 'cam:p3']), now: 1 });
    state = order(state, { tiles: people(8), speaking: new Set(['cam:p6']), keep: new Set(['cam:p0']), now: 2 });
    expect(state.laidOut).toEqual(['cam:p0', 'cam:p1', 'cam:p6', 'cam:p3', 'cam:p4', 'cam:p5', 'cam:p2', 'cam:p7']);
  });

  test('when the promoted speaker stops, then they keep their new place (no reshuffle back)', () => {
    let state = order(null, { tiles: people(6) });
    state = order(state, { tiles: people(6), speaking: new Set(['cam:p5']), now: 1 });
    const promoted = [...state.laidOut];
    state = order(state, { tiles: people(6), now: 2 });
    expect(state.laidOut).toEqual(promoted);
    expect(state.laidOut.indexOf('cam:p5')).toBeLessThan(4);
  });

  test('when everyone on page 1 is speaking, leading or kept, then an off-page speaker waits', () => {
    const start = order(null, { tiles: people(6) });
    const next = order(start, {
      tiles: people(6),
      front: ['cam:p0'],
      keep: new Set(['cam:p1']),
      speaking: new Set(['cam:p2', 'cam:p3', 'cam:p5']),
      now: 1,
    });
    expect(next.laidOut).toEqual(start.laidOut);
  });

  test('when someone leaves, then the others keep their relative order; a newcomer goes last', () => {
    const start = order(null, { tiles: people(4) });
    const next = order(start, { tiles: ['cam:p0', 'cam:p2', 'cam:p3', 'cam:new'] });
    expect(next.laidOut).toEqual(['cam:p0', 'cam:p2', 'cam:p3', 'cam:new']);
  });

  test('when a tile stops leading (unpinned, share ended), then it is back in its own place', () => {
    const pinned = order(null, { tiles: people(4), front: ['cam:p2'] });
    expect(pinned.laidOut).toEqual(['cam:p2', 'cam:p0', 'cam:p1', 'cam:p3']);
    expect(order(pinned, { tiles: people(4) }).laidOut).toEqual(people(4));
  });

  test('when a screen share ends, then its owner\'s camera stays where it was', () => {
    const shared = order(null, { tiles: [...people(3), 'screen:p2'], front: ['screen:p2'] });
    const ended = order(shared, { tiles: people(3) });
    expect(ended.laidOut).toEqual(['cam:p0', 'cam:p1', 'cam:p2']);
  });
});
