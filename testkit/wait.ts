/** Condition polling with deadlines: no fixed sleeps anywhere in the tests or the benchmarks. */
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Said in the timeout error, together with the last value or error seen. */
  message: string;
}

/**
 * Calls `probe` until it returns a value `accept` likes, and returns that value. Errors thrown by
 * the probe count as "not yet" (a page mid-navigation, a server still binding its port).
 */
export async function waitFor<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, options: WaitOptions): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 250, message } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown = undefined;
  for (;;) {
    try {
      const value = await probe();
      if (accept(value)) return value;
      last = value;
    } catch (err) {
      last = err instanceof Error ? `${err.name}: ${err.message.split('\n')[0]}` : err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms: ${message}. Last seen: ${describe(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Polls a yes/no `check` every 20 ms until it holds, or fails after `timeoutMs` naming `what`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  await waitFor(check, (ok) => ok, { timeoutMs, intervalMs: 20, message: `waiting for ${what}` });
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}
