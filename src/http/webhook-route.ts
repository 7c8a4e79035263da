import { middleware } from '@line/bot-sdk';
import express, { type RequestHandler, type Response } from 'express';
import { HttpError } from './http-error';

/** Largest webhook body accepted; LINE's bodies are far smaller. Larger ones get 413. */
export const WEBHOOK_BODY_LIMIT = '512kb';

export interface WebhookRouteOptions {
  /** null in local mode: the route answers 503 and says how to configure the channel. */
  channelSecret: string | null;
  /** Receives the events of a verified body after the response is decided; must not throw. */
  onEvents(events: unknown[]): void;
  /** Told the status of each answered webhook (metrics); errors are counted by the error middleware. */
  onStatus?(status: number): void;
  /** null when the bot can take more events now; otherwise resolves once it can (backpressure). */
  whenReady?(): Promise<void> | null;
}

/**
 * The handlers of POST /webhook (mounted directly on the app: a nested router costs measurably
 * under a burst): raw body with a size limit, the SDK's signature check over those exact bytes,
 * then acknowledge with 200 and hand the events over. Nothing else happens here.
 */
export function webhookHandlers(opts: WebhookRouteOptions): RequestHandler[] {
  if (!opts.channelSecret) {
    return [
      (_req, res) => {
        opts.onStatus?.(503);
        res.status(503).json({
          error: 'line_not_configured',
          message: 'LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set; the webhook is off (local mode).',
        });
      },
    ];
  }
  // type: () => true reads every body raw, whatever its Content-Type, so the limit always applies
  // and the SDK middleware never reads an unbounded stream itself.
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });
  const verify = middleware({ channelSecret: opts.channelSecret });
  const acknowledge: RequestHandler = (req, res) => {
    const body: unknown = req.body;
    const events = typeof body === 'object' && body !== null ? (body as { events?: unknown }).events : undefined;
    if (!Array.isArray(events))
      throw new HttpError(400, 'bad_request', 'The body must be a JSON object with an "events" array.');
    // When the bot already has its bound of work under way, the verified body waits here (held,
    // not dropped) until there is room, and only then is acknowledged: milliseconds under a burst,
    // and never unbounded memory (see bot/event-runner.ts). If LINE gave up meanwhile, the events
    // are still answered; its redelivery is then recognised as a duplicate.
    const wait = events.length ? opts.whenReady?.() : null;
    if (wait) void wait.then(() => accept(res, events));
    else accept(res, events);
  };
  const accept = (res: Response, events: unknown[]): void => {
    res.status(200).json({});
    opts.onStatus?.(200);
    if (events.length) opts.onEvents(events);
  };
  return [raw, verify, acknowledge];
}
