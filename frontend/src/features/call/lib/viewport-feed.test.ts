import { describe, expect, it } from 'vitest';
import { viewportsFor } from './layout/viewports';
import { HandoverTransport } from './sfu/handover-transport';
import { TileViewport } from './sfu/tile-viewport';
import { FakeTransport } from './testing/fake-transport';
import { ViewportFeed } from './viewport-feed';

const sizes = (entries: [string, number, number][]) => new Map(entries.map(([key, width, height]) => [key, { width, height }]));

describe('viewportsFor', () => {
  it('when a page shows some people, then those are visible at their tile size and everyone else is explicitly off screen', () => {
    const viewports = viewportsFor(['bob', 'carol', 'dan'], sizes([['cam:self', 400, 225], ['cam:bob', 400, 225]]));
    expect(viewports.get('bob')).toEqual({ visible: true, width: 400, height: 225 });
    expect(viewports.get('carol')?.visible).toBe(false);
    expect(viewports.get('dan')?.visible).toBe(false);
    expect(viewports.has('self')).toBe(false);
  });

  it("when someone's screen is on the stage and their camera in the strip, then they are visible at the stage's size", () => {
    const viewports = viewportsFor(['bob'], sizes([['screen:bob', 1000, 600], ['cam:bob', 220, 124]]));
    expect(viewports.get('bob')).toEqual({ visible: true, width: 1000, height: 600 });
  });
});

describe('ViewportFeed', () => {
  it('when the layout changes, then the transport learns only what changed', () => {
    const feed = new ViewportFeed();
    const sfu = new FakeTransport({}, 'sfu');
    feed.use(sfu);
    feed.set(viewportsFor(['bob', 'carol'], sizes([['cam:bob', 400, 225]])));
    expect(sfu.viewportCalls).toBe(2);
    feed.set(viewportsFor(['bob', 'carol'], sizes([['cam:bob', 400, 225]])));
    expect(sfu.viewportCalls).toBe(2);
    // Next page: Bob goes off screen, Carol comes on.
    feed.set(viewportsFor(['bob', 'carol'], sizes([['cam:carol', 400, 225]])));
    expect(sfu.viewportCalls).toBe(4);
    expect(sfu.viewports.get('bob')?.visible).toBe(false);
    expect(sfu.viewports.get('carol')?.visible).toBe(true);
  });

  it('when the meeting moves to the SFU mid-layout, then the new transport starts with the current page (off-page people unsubscribed)', () => {
    const feed = new ViewportFeed();
    const mesh = new FakeTransport();
    feed.use(mesh);
    feed.set(viewportsFor(['bob', 'carol'], sizes([['cam:bob', 400, 225]])));
    const sfu = new FakeTransport({}, 'sfu');
    feed.use(new HandoverTransport(mesh, sfu, { firstFrame: () => new Promise(() => undefined) }));
    expect(sfu.viewports.get('bob')).toEqual({ visible: true, width: 400, height: 225 });
    expect(sfu.viewports.get('carol')?.visible).toBe(false);
  });

  it('when someone leaves the layout and comes back, then their viewport is sent again', () => {
    const feed = new ViewportFeed();
    const sfu = new FakeTransport({}, 'sfu');
    feed.use(sfu);
    feed.set(viewportsFor(['bob'], sizes([])));
    feed.set(viewportsFor([], sizes([])));
    sfu.viewports.clear();
    feed.set(viewportsFor(['bob'], sizes([])));
    expect(sfu.viewports.get('bob')?.visible).toBe(false);
  });
});

describe('TileViewport (what LiveKit adaptive stream reads)', () => {
  it('when a tile goes off screen and back, then LiveKit is told its visibility changed each time, and its size when it changes', () => {
    const element = new TileViewport({ visible: true, width: 1280, height: 720 });
    const events: string[] = [];
    element.handleVisibilityChanged = () => events.push(`visible=${element.visible}`);
    element.handleResize = () => events.push(`size=${element.width()}x${element.height()}`);
    element.set({ visible: false, width: 1280, height: 720 });
    element.set({ visible: true, width: 320, height: 180 });
    element.set({ visible: true, width: 320, height: 180 });
    expect(events).toEqual(['visible=false', 'visible=true', 'size=320x180']);
  });
});
