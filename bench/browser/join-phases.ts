import type { Page } from 'playwright-core';
import { percentile } from '../lib/stats.js';

/**
 * The join breakdown from the engine's own User Timing marks (frontend/src/features/call/lib/
 * join-marks.ts), read from every page on the shared wall clock (timeOrigin + startTime), and the
 * same phases of the floor. One phase = the time between two steps; the phases add up to the
 * click → first frame total (first frame = the engine's mark, a detached <video> of the track).
 */
export const PHASES = ['click → join ack', 'ack → offer sent', 'offer sent → received by peer', 'peer: offer received → answer sent', 'answer sent → applied', 'answer applied → ICE connected', 'ICE connected → first frame'] as const;
export type Phase = (typeof PHASES)[number];
export type Phases = Partial<Record<Phase, number>>;

/** Wall-clock time of each `meet:` mark on a page. */
export async function readMarks(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('meet:')) out[m.name] = performance.timeOrigin + m.startTime;
    return out;
  });
}

const gap = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : b - a);

/**
 * The 2-person join's phases: `joiner` = the joiner's marks, `peer` = the one present person's,
 * `joinerId` / `peerId` = their ids (the marks name the other side).
 */
export function joinPhases(joiner: Record<string, number>, peer: Record<string, number>, joinerId: string, peerId: string): { phases: Phases; total: number | undefined } {
  const j = (step: string) => joiner[`meet:${step}`];
  const p = (step: string) => peer[`meet:${step}`];
  const steps = [j('join-click'), j('join-ack'), j(`offer-sent:${peerId}`), p(`offer-received:${joinerId}`), p(`answer-sent:${joinerId}`), j(`answer-applied:${peerId}`), j(`ice-connected:${peerId}`), j(`first-frame:${peerId}`)];
  const phases: Phases = {};
  PHASES.forEach((name, i) => {
    const d = gap(steps[i], steps[i + 1]);
    if (d !== undefined) phases[name] = d;
  });
  return { phases, total: gap(steps[0], steps[7]) };
}

/** The floor's steps on the same scale: A "clicks" when it creates its connection (no join ack). */
export interface FloorSteps {
  start: number;
  offered: number;
  offerReceived: number;
  answerSent: number;
  answered: number;
  ice: number;
  frame: number;
}

export function floorPhases(t: FloorSteps): Phases {
  return {
    'click → join ack': 0,
    'ack → offer sent': t.offered - t.start,
    'offer sent → received by peer': t.offerReceived - t.offered,
    'peer: offer received → answer sent': t.answerSent - t.offerReceived,
    'answer sent → applied': t.answered - t.answerSent,
    'answer applied → ICE connected': Math.max(0, t.ice - t.answered),
    'ICE connected → first frame': t.frame - Math.max(t.ice, t.answered),
  };
}

/** Median of each phase over the samples. */
export function medianPhases(samples: Phases[]): Phases {
  const out: Phases = {};
  for (const name of PHASES) {
    const xs = samples.map((s) => s[name]).filter((x): x is number => x !== undefined && Number.isFinite(x));
    if (xs.length) out[name] = percentile(xs, 50);
  }
  return out;
}

/** "click → join ack 17 vs 0; ack → offer sent 40 vs 3; …" (app vs floor, p50 ms). */
export function describePhases(app: Phases, floor: Phases): string {
  return PHASES.map((name) => `${name} ${fmt(app[name])} vs ${fmt(floor[name])}`).join('; ');
}

const fmt = (x: number | undefined) => (x === undefined ? 'n/a' : String(Math.round(x)));
