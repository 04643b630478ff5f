/**
 * `performance.mark`s along the SFU path, so a benchmark or a profile can tell where a join or a
 * switch spends its time (read with `performance.getEntriesByType('mark')`): `meet:sfu:<step>`,
 * `<step>` one of connect-start, token, connected, published:<kind>, subscribed:<kind>:<participant>.
 */
export function markSfu(step: string): void {
  try {
    performance.mark(`meet:sfu:${step}`);
  } catch {
    // Marks are diagnostics: a browser without the User Timing API still connects.
  }
}
