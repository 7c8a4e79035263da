import { buildUnsupportedHint } from '../../cards/text-replies';
import type { Knowledge } from '../handler-context';
import type { IncomingEvent } from '../incoming-event';
import { reply, type Reply } from '../reply';

/**
 * The catch-all, last in the route table. A sticker, image or other message in a 1:1 chat gets
 * a short hint (in the person's language); everything else (unfollow, leave, unknown future
 * types, group chatter) gets nothing.
 */
export function onUnhandled(event: IncomingEvent, k: Knowledge): Reply | null {
  if (event.type === 'message' && event.meta.source.kind === 'user')
    return reply('hint', buildUnsupportedHint(k.catalog, k.lang ?? 'ja'));
  return null;
}
