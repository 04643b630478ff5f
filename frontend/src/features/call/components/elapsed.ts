/** Whole hours, minutes and seconds in `ms` (negative clocks, from skewed times, read as zero). */
export function elapsedParts(ms: number): { hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { hours: Math.floor(total / 3600), minutes: Math.floor((total % 3600) / 60), seconds: total % 60 };
}

/**
 * When the call began as far as we can tell: the earliest join among the people in it now (the
 * server keeps no start time per call), or our own join.
 */
export function callStart(selfJoinedAt: number, joinedAt: string[]): number {
  const times = joinedAt.map((iso) => Date.parse(iso)).filter((n) => Number.isFinite(n));
  return Math.min(selfJoinedAt, ...times);
}
