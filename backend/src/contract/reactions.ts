/**
 * The reactions anyone in a meeting can send, shared by the server (anything else is
 * VALIDATION_FAILED) and the SPA (the popover offers exactly these). Order = the popover's order.
 */
export const REACTIONS = ['👍', '👏', '😂', '❤️', '🎉', '😮'] as const;

export type ReactionEmoji = (typeof REACTIONS)[number];

/** Reactions one person may send per `REACTION_WINDOW_SECONDS`; past it, RATE_LIMITED. */
export const REACTION_BURST = 10;
export const REACTION_WINDOW_SECONDS = 10;
