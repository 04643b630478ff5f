import { describe, expect, it } from 'vitest';
import type { ParticipantStats } from '../media-transport';
import { emptyStats } from '../mesh/link-stats';
import { QualityMonitor } from './quality-monitor';

/** A connection whose counters advance by `received` packets, `lost` of them missing, per reading. */
function link(options: { lossPercent?: number; uplinkLost?: number } = {}) {
  let received = 0;
  let lost = 0;
  return (): ParticipantStats => {
    const due = 100;
    const missing = Math.round((due * (options.lossPercent ?? 0)) / 100);
    received += due - missing;
    lost += missing;
    return {
      ...emptyStats(),
      audioPacketsReceived: received,
      audioPacketsLost: lost,
      roundTripMs: 30,
      jitterMs: 4,
      framesPerSecond: 25,
      localCandidateType: 'host',
      remoteCandidateType: 'host',
      uplink: { fractionLost: options.uplinkLost ?? 0, roundTripMs: 30, limitedByBandwidth: false, reportedQuality: null },
    };
  };
}

function monitorOf(links: Record<string, () => ParticipantStats>) {
  return new QualityMonitor({
    participants: () => Object.keys(links).map((id) => ({ id, expectVideo: true })),
    stats: async (id) => links[id]?.() ?? null,
  });
}

describe('QualityMonitor', () => {
  it('when Bob loses a quarter of his packets and Carol none, then Bob is poor with the numbers and Carol good', async () => {
    const monitor = monitorOf({ bob: link({ lossPercent: 25 }), carol: link() });
    await monitor.poll();
    await monitor.poll();
    const { peers } = monitor.state.getSnapshot();
    expect(peers.get('bob')).toMatchObject({ level: 'poor', sample: { lossPercent: 25, roundTripMs: 30 }, route: 'direct' });
    expect(peers.get('carol')?.level).toBe('good');
  });

  it('when a connection recovers, then it shows good again only after a clean run', async () => {
    const links = { bob: link({ lossPercent: 25 }) };
    const monitor = monitorOf(links);
    await monitor.poll();
    await monitor.poll();
    links.bob = link();
    await monitor.poll(); // counters restarted: no rate, level held by the last poor reading
    expect(monitor.state.getSnapshot().peers.get('bob')?.level).toBe('poor');
    await monitor.poll();
    await monitor.poll();
    expect(monitor.state.getSnapshot().peers.get('bob')?.level).toBe('good');
  });

  it('when every connection reports our packets lost, then our uplink is poor; when only one does, it is not', async () => {
    const everyone = monitorOf({ bob: link({ uplinkLost: 0.2 }), carol: link({ uplinkLost: 0.2 }) });
    const oneFar = monitorOf({ bob: link({ uplinkLost: 0.2 }), carol: link() });
    for (const m of [everyone, oneFar]) {
      await m.poll();
      await m.poll();
    }
    expect(everyone.state.getSnapshot().uplinkPoor).toBe(true);
    expect(oneFar.state.getSnapshot().uplinkPoor).toBe(false);
  });

  it('when our uplink was poor in a single report only, then there is no hint yet', async () => {
    const monitor = monitorOf({ bob: link({ uplinkLost: 0.2 }) });
    await monitor.poll();
    expect(monitor.state.getSnapshot().uplinkPoor).toBe(false);
  });

  it('when stopped while a reading is in flight, then that reading is dropped', async () => {
    let release: (s: ParticipantStats) => void = () => undefined;
    const monitor = new QualityMonitor({
      participants: () => [{ id: 'bob', expectVideo: false }],
      stats: () => new Promise((resolve) => (release = resolve)),
    });
    const reading = monitor.poll();
    monitor.stop();
    release(link({ lossPercent: 50 })());
    await reading;
    expect(monitor.state.getSnapshot().peers.size).toBe(0);
  });
});
