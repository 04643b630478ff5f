import { z } from 'zod';

/** Longest message a client gets about its bad input: enough to name every field, no echo flood. */
const MAX_MESSAGE = 300;

/**
 * Zod's own report (`z.prettifyError`), folded onto one line for an ack or a JSON body:
 * "display name must be at most 40 characters (at displayName); ...". One wording for REST and
 * Socket.io; the boot-time config error prints `z.prettifyError` as is, one problem per line.
 */
export function describeZodError(error: z.ZodError): string {
  const problems: string[] = [];
  for (const line of z.prettifyError(error).split('\n')) {
    const text = line.trim();
    if (text.startsWith('→ at ') && problems.length > 0) problems[problems.length - 1] += ` (at ${text.slice(5)})`;
    else if (text.length > 0) problems.push(text.replace(/^✖\s*/, ''));
  }
  return problems.join('; ').slice(0, MAX_MESSAGE);
}
