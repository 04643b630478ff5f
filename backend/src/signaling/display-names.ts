import { LIMITS } from '../contract/limits.js';

/** Names that look the same to a person compare equal: compatibility forms and case folded. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('en-US');
}

/**
 * Two people in one meeting never show the same name: the later joiner of a taken name gets a
 * suffix, `alice (2)`, `alice (3)`… (cut to fit the name limit without splitting a character).
 * Applied once, at join, by the server, so the roster, chat and attendance all say the same.
 */
export function distinctName(name: string, taken: Iterable<string>): string {
  const keys = new Set([...taken].map(nameKey));
  if (!keys.has(nameKey(name))) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    let base = [...name];
    while (base.join('').length + suffix.length > LIMITS.displayName) base = base.slice(0, -1);
    const candidate = `${base.join('').trimEnd()}${suffix}`;
    if (!keys.has(nameKey(candidate))) return candidate;
  }
}
