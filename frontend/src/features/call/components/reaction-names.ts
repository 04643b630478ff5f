import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import type { ReactionEmoji } from '@contract/protocol';

/** What each reaction is called, for its button, its image on a tile and the announcement. */
export const REACTION_NAMES: Record<ReactionEmoji, MessageDescriptor> = {
  '👍': msg`Thumbs up`,
  '👏': msg`Clapping`,
  '😂': msg`Laughing`,
  '❤️': msg`Heart`,
  '🎉': msg`Celebrating`,
  '😮': msg`Surprised`,
};
