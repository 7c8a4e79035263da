import { buildGreeting } from '../../cards/text-replies';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { reply, type Reply } from '../reply';

/**
 * A new friend (follow) or the bot added to a group (join): say what it knows and how to ask, in
 * the person's language (their LINE profile's; a group is greeted in Japanese).
 */
export function onFollow(_event: Extract<IncomingEvent, { type: 'follow' | 'join' }>, k: Knowledge): Reply {
  return reply('greeting', ...buildGreeting(k.catalog, k.lang ?? 'ja'));
}
