import { describe, expect, test } from 'vitest';
import { chooseStage, screenOrder, tileKey } from './stage';

const cam = (id: string) => tileKey('cam', id);
const screen = (id: string) => tileKey('screen', id);
const none = new Set<string>();

describe('chooseStage', () => {
  test('when nobody shares or pins, then there is no stage (the grid)', () => {
    expect(chooseStage({ tiles: new Set([cam('a'), cam('b')]), screens: [], pinned: null, dismissed: none })).toBeNull();
  });

  test('when someone shares a screen, then the screen takes the stage', () => {
    const tiles = new Set([cam('a'), cam('b'), screen('a')]);
    expect(chooseStage({ tiles, screens: [screen('a')], pinned: null, dismissed: none })).toBe(screen('a'));
  });

  test('when two people share, then the newest share has the stage', () => {
    const tiles = new Set([cam('a'), cam('b'), screen('a'), screen('b')]);
    expect(chooseStage({ tiles, screens: [screen('b'), screen('a')], pinned: null, dismissed: none })).toBe(screen('a'));
  });

  test('when a tile is pinned, then it has the stage even while a screen is shared', () => {
    const tiles = new Set([cam('a'), cam('b'), screen('a')]);
    expect(chooseStage({ tiles, screens: [screen('a')], pinned: cam('b'), dismissed: none })).toBe(cam('b'));
  });

  test('when the pinned person leaves, then the stage falls back to the newest screen', () => {
    const tiles = new Set([cam('a'), screen('a')]);
    expect(chooseStage({ tiles, screens: [screen('a')], pinned: cam('gone'), dismissed: none })).toBe(screen('a'));
  });

  test('when the newest screen was sent back to the grid, then the older share takes the stage; when both were, the grid', () => {
    const tiles = new Set([screen('a'), screen('b')]);
    const screens = [screen('a'), screen('b')];
    expect(chooseStage({ tiles, screens, pinned: null, dismissed: new Set([screen('b')]) })).toBe(screen('a'));
    expect(chooseStage({ tiles, screens, pinned: null, dismissed: new Set(screens) })).toBeNull();
  });
});

describe('screenOrder', () => {
  test('when a share starts, then it goes last (newest); when one stops, then it leaves the order', () => {
    expect(screenOrder([screen('a')], [screen('b'), screen('a')])).toEqual([screen('a'), screen('b')]);
    expect(screenOrder([screen('a'), screen('b')], [screen('b')])).toEqual([screen('b')]);
  });

  test('when a share stops and starts again, then it counts as the newest', () => {
    const stopped = screenOrder([screen('a'), screen('b')], [screen('b')]);
    expect(screenOrder(stopped, [screen('a'), screen('b')])).toEqual([screen('b'), screen('a')]);
  });
});
