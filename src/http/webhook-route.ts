import { middleware } from '@line/bot-sdk';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { HttpError } from './http-error';

/** Largest webhook body accepted; LINE's bodies are far smaller. Larger ones get 413. */
export const WEBHOOK_BODY_LIMIT_BYTES = 512 * 1024;

/** How refused bodies are read and thrown away before the answer (see refuse()). */
export const REFUSED_BODY_DRAIN = { maxBytes: 1024 * 1024, maxAtOnce: 32, ms: 5000 } as const;

/** x-line-signature is the base64 of an HMAC-SHA256: 44 characters ending in "=". */
const SIGNATURE_SHAPE = /^[A-Za-z0-9+/]{43}=$/u;

/** Told of each refused request: the status and a short code (bad_signature, too_large…). */
export type RejectionObserver = (status: number, code: string) => void;

export interface WebhookRouteOptions {
  /** null in local mode: the route answers 503 and says how to configure the channel. */
  channelSecret: string | null;
  /**
   * Keeps the events of a verified body (durably) before the 200. When it rejects, the webhook
   * answers 500 and LINE sends the body again (with webhook redelivery turned on).
   */
  accept(events: unknown[]): Promise<void>;
  /** Told when events could not be kept (logs). */
  onAcceptFailed?(err: unknown): void;
  /** Told the status of each answered webhook (metrics); errors are counted by the error middleware. */
  onStatus?(status: number): void;
  /** null when the bot can take more events now; otherwise resolves once it can (backpressure). */
  whenReady?(): Promise<void> | null;
  /** Told of each request refused before its body is read (sampled logs, metrics). */
  onRejected?: RejectionObserver;
}

/**
 * The handlers of POST /webhook (mounted directly on the app: a nested router costs measurably
 * under a burst): first what can be refused without reading the body (no signature or one of the
 * wrong shape, a declared length over the limit, a compressed body: LINE sends none of these), so
 * a stranger's bodies never reach memory; then the raw body with a size limit, the SDK's
 * signature check over those exact bytes, then acknowledge with 200 and hand the events over.
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
  let draining = 0;
  const refuse = (req: Request, res: Response, status: number, code: string, message: string): void => {
    opts.onStatus?.(status);
    opts.onRejected?.(status, code);
    const answer = (): void => {
      res.set('connection', 'close');
      res.status(status).json({ error: code, message });
    };
    // An honest client still sending a body of a plausible size gets its answer once the body is
    // read and thrown away (closing on it mid-send would reset the connection before it sees the
    // answer). Only a few such drains at once and each for a few seconds: anything else, or more
    // than that, is answered at once and the connection closed without reading the body.
    const declared = Number(req.headers['content-length']);
    if (
      !req.complete &&
      Number.isFinite(declared) &&
      declared <= REFUSED_BODY_DRAIN.maxBytes &&
      draining < REFUSED_BODY_DRAIN.maxAtOnce
    ) {
      draining++;
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        draining--;
        clearTimeout(timer);
        if (!res.headersSent && !res.destroyed) answer();
        if (!req.complete) res.on('finish', () => req.socket.destroy());
      };
      const timer = setTimeout(finish, REFUSED_BODY_DRAIN.ms);
      req.on('end', finish).on('error', finish).on('close', finish).resume();
      return;
    }
    answer();
    res.on('finish', () => {
      if (!req.complete) req.socket.destroy();
    });
  };
  const precheck: RequestHandler = (req, res, next) => {
    const signature = req.headers['x-line-signature'];
    if (typeof signature !== 'string' || !SIGNATURE_SHAPE.test(signature))
      return refuse(req, res, 401, 'bad_signature', 'Missing or invalid x-line-signature.');
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity')
      return refuse(req, res, 415, 'encoded_body', 'Compressed bodies are not accepted.');
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > WEBHOOK_BODY_LIMIT_BYTES)
      return refuse(req, res, 413, 'too_large', 'The body is too large.');
    next();
  };
  // type: () => true reads every body raw, whatever its Content-Type, so the limit always applies
  // and the SDK middleware never reads an unbounded stream itself.
  const raw = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT_BYTES, inflate: false });
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
    if (!events.length) return ok(res);
    opts.accept(events).then(
      () => ok(res),
      (err: unknown) => {
        opts.onAcceptFailed?.(err);
        opts.onStatus?.(500);
        if (!res.headersSent)
          res.status(500).json({ error: 'not_stored', message: 'The events could not be stored; send them again.' });
      },
    );
  };
  const ok = (res: Response): void => {
    res.status(200).json({});
    opts.onStatus?.(200);
  };
  return [precheck, raw, verify, acknowledge];
}
