import { describe, expect, test } from 'vitest';
import { layoutMeeting, type LayoutInput } from './meeting-layout';
import { EMPTY_ORDER } from './tile-order';

const cams = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `cam:p${i}`, speaking: false, self: i === 0 }));
const base: LayoutInput = { tiles: cams(3), screens: [], pinned: null, dismissed: new Set(), page: { grid: 0, strip: 0 }, width: 1200, height: 700, now: 0 };

describe('layoutMeeting', () => {
  test('when nobody shares or pins, then everyone is in the grid on one page, each sized as a grid cell', () => {
    const layout = layoutMeeting(EMPTY_ORDER, base);
    expect(layout.stage).toBeNull();
    expect(layout.shown).toEqual(['cam:p0', 'cam:p1', 'cam:p2']);
    expect(layout.pages).toBe(1);
    expect(layout.sizes.get('cam:p1')!.width).toBeGreaterThan(350);
  });

  test('when 100 people are in a meeting, then page 2 shows the next tiles and the others are not shown', () => {
    const input = { ...base, tiles: cams(100) };
    const first = layoutMeeting(EMPTY_ORDER, input);
    expect(first.pages).toBeGreaterThan(2);
    const second = layoutMeeting(first.order, { ...input, page: { grid: 1, strip: 0 } });
    expect(second.shown[0]).toBe(`cam:p${first.shown.length}`);
    expect(second.shown).not.toContain('cam:p0');
    expect([...second.sizes.keys()]).toEqual(second.shown);
  });

  test('when someone shares a screen, then it takes the stage and the cameras go to a strip at the side', () => {
    const layout = layoutMeeting(EMPTY_ORDER, { ...base, tiles: [...cams(3), { key: 'screen:p1', speaking: false, self: false }], screens: ['screen:p1'] });
    expect(layout.stage).toBe('screen:p1');
    expect(layout.side).toBe(true);
    expect(layout.shown).toEqual(['cam:p0', 'cam:p1', 'cam:p2']);
    expect(layout.sizes.get('screen:p1')!.width).toBeGreaterThan(900);
    expect(layout.sizes.get('cam:p1')).toEqual({ width: 220, height: 124 });
  });

  test('when a phone in portrait shows a share, then the strip is at the bottom', () => {
    const layout = layoutMeeting(EMPTY_ORDER, { ...base, width: 382, height: 620, tiles: [...cams(2), { key: 'screen:p1', speaking: false, self: false }], screens: ['screen:p1'] });
    expect(layout.stage).toBe('screen:p1');
    expect(layout.side).toBe(false);
  });

  test('when someone pins a camera and unpins it, then it has the stage, and after unpinning it is back in its grid place', () => {
    const grid = layoutMeeting(EMPTY_ORDER, base);
    const pinned = layoutMeeting(grid.order, { ...base, pinned: 'cam:p2' });
    expect(pinned.stage).toBe('cam:p2');
    expect(pinned.shown).toEqual(['cam:p0', 'cam:p1']);
    const back = layoutMeeting(pinned.order, base);
    expect(back.stage).toBeNull();
    expect(back.shown).toEqual(['cam:p0', 'cam:p1', 'cam:p2']);
  });

  test('when an off-page person speaks in a big meeting, then they come onto page 1 and the rest stay put', () => {
    const input = { ...base, tiles: cams(60) };
    const first = layoutMeeting(EMPTY_ORDER, input);
    const speaker = 'cam:p59';
    const tiles = input.tiles.map((tile) => (tile.key === speaker ? { ...tile, speaking: true } : tile));
    const next = layoutMeeting(first.order, { ...input, tiles, now: 1 });
    expect(next.shown).toContain(speaker);
    expect(next.shown.filter((key) => !first.shown.includes(key))).toEqual([speaker]);
    expect(next.shown[0]).toBe('cam:p0');
  });
});
