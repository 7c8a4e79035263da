import type { Knowledge } from './handler-context';
import { onFollow } from './handlers/on-follow';
import { onPostback } from './handlers/on-postback';
import { onText } from './handlers/on-text';
import { onUnhandled } from './handlers/on-unhandled';
import type { IncomingEvent } from './incoming-event';
import type { Reply } from './reply';

export interface Route {
  name: string;
  handle(event: IncomingEvent, k: Knowledge): Reply | null | undefined;
}

/**
 * The one ordered route table: the first route whose handler returns something other than
 * `undefined` wins; the catch-all comes last.
 */
export const ROUTES: readonly Route[] = [
  { name: 'text', handle: (e, k) => (e.type === 'text' ? onText(e, k) : undefined) },
  { name: 'postback', handle: (e, k) => (e.type === 'postback' ? onPostback(e, k) : undefined) },
  { name: 'follow', handle: (e, k) => (e.type === 'follow' || e.type === 'join' ? onFollow(e, k) : undefined) },
  { name: 'unhandled', handle: (e, k) => onUnhandled(e, k) },
];
