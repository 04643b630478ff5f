/**
 * Meeting ID format, shared at runtime by the backend and the SPA (no dependencies, so the
 * frontend bundle can import it). IDs look like `k3m7q-x9dfa-2hwpz`: 15 characters from a
 * 32-letter alphabet (75 bits), lowercase, without the look-alikes 0/o and 1/l, in three groups.
 */
export const MEETING_ID_ALPHABET = '23456789abcdefghijkmnpqrstuvwxyz';
const MEETING_ID_GROUPS = 3;
const MEETING_ID_GROUP_LENGTH = 5;
export const MEETING_ID_LENGTH = MEETING_ID_GROUPS * MEETING_ID_GROUP_LENGTH;

const GROUP = `[${MEETING_ID_ALPHABET}]{${MEETING_ID_GROUP_LENGTH}}`;
export const MEETING_ID_PATTERN = new RegExp(`^${GROUP}(?:-${GROUP}){${MEETING_ID_GROUPS - 1}}$`);
const UNGROUPED_PATTERN = new RegExp(`^[${MEETING_ID_ALPHABET}]{${MEETING_ID_LENGTH}}$`);

/** Inserts the dashes into 15 ungrouped characters. */
export function groupMeetingId(raw: string): string {
  const groups: string[] = [];
  for (let i = 0; i < raw.length; i += MEETING_ID_GROUP_LENGTH) {
    groups.push(raw.slice(i, i + MEETING_ID_GROUP_LENGTH));
  }
  return groups.join('-');
}

/** True for an ID in canonical form (lowercase, dashed). */
export function isMeetingId(value: string): boolean {
  return MEETING_ID_PATTERN.test(value);
}

/**
 * Turns what a person pastes into a canonical meeting ID, or `null` when it is not one.
 * Accepts any case, surrounding whitespace, missing dashes, and a full invite link
 * (`https://host/k3m7q-x9dfa-2hwpz?x=1#y`) whose last path segment is the ID.
 */
export function parseMeetingId(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  // Bound the work done on hostile input before any parsing.
  if (input.length > 2048) return null;
  let candidate = input.trim();
  if (candidate.includes('/')) {
    const path = candidate.replace(/[?#].*$/, '');
    const segments = path.split('/').filter((s) => s.length > 0);
    candidate = segments.at(-1) ?? '';
    try {
      candidate = decodeURIComponent(candidate);
    } catch {
      return null;
    }
  }
  candidate = candidate.trim().toLowerCase();
  if (MEETING_ID_PATTERN.test(candidate)) return candidate;
  const compact = candidate.replace(/[\s-]/g, '');
  if (UNGROUPED_PATTERN.test(compact)) return groupMeetingId(compact);
  return null;
}
