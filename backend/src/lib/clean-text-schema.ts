import { z } from 'zod';
import { cleanText } from '../contract/text-hygiene.js';

/**
 * A string cleaned by the shared hygiene rule (contract/text-hygiene.ts); `what` names it in
 * errors. With `blankMeansEmpty`, an empty or all-space input is `''` (an optional field left blank).
 */
export function cleanTextSchema(what: string, opts: { multiline?: boolean; blankMeansEmpty?: boolean } = {}) {
  return z.string().transform((raw, ctx) => {
    if (opts.blankMeansEmpty && /^\s*$/.test(raw)) return '';
    const r = cleanText(raw, { multiline: opts.multiline });
    if (r.ok) return r.text;
    ctx.addIssue({ code: 'custom', message: `${what} ${r.reason}` });
    return z.NEVER;
  });
}
