import express, { type Router } from 'express';
import type { OutgoingMessage } from '../cards/message-types';
import type { Lang } from '../matching/language';
import { renderMessage, renderQuickReply } from '../simulator/flex-to-html';
import type { SimulatorInput } from '../simulator/capture-line';
import { SIMULATOR_CSS, SIMULATOR_JS } from '../simulator/simulator-page';
import { HttpError } from './http-error';

export interface SimulatorRouteOptions {
  /** Where the chat page is: / (public, local mode) or /simulator beside the staff console. */
  pagePath?: string;
  /** The chat page (rendered once at start). */
  page: () => string;
  /** The rich menus' image bytes, by language (/simulator/richmenu.png, /simulator/richmenu.en.png). */
  richMenuImages: Partial<Record<Lang, Buffer>>;
  /** Whether this address may send another message now (a per-address rate limit). */
  allow?(address: string): boolean;
  /** Runs one event through the bot and returns its reply messages. */
  send(input: SimulatorInput): Promise<OutgoingMessage[]>;
}

/** Headers for the simulator's pages: nothing from elsewhere may load, nothing may frame it. */
const SAFE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * GET / (the chat page) and its assets, POST /simulator/send (one citizen action: a text, a
 * postback, or `follow`, which the page sends when it opens to show the new friend's greeting;
 * with `"lang":"en"` when the page's simulated LINE profile is English).
 */
export function createSimulatorRouter(opts: SimulatorRouteOptions): Router {
  const router = express.Router();
  const send = (type: string, body: string) => (_req: express.Request, res: express.Response) => {
    res.set(SAFE_HEADERS).type(type).send(body);
  };
  router.get(opts.pagePath ?? '/', (_req, res) => {
    res.set(SAFE_HEADERS).type('html').send(opts.page());
  });
  router.get('/simulator/style.css', send('css', SIMULATOR_CSS));
  router.get('/simulator/app.js', send('js', SIMULATOR_JS));
  for (const [lang, image] of Object.entries(opts.richMenuImages)) {
    router.get(`/simulator/richmenu${lang === 'ja' ? '' : `.${lang}`}.png`, (_req, res) => {
      res.set(SAFE_HEADERS).type('png').send(image);
    });
  }
  router.post('/simulator/send', express.json({ limit: '16kb' }), async (req, res) => {
    if (opts.allow && !opts.allow(req.socket.remoteAddress ?? '?'))
      throw new HttpError(429, 'rate_limited', 'Too many messages; wait a minute.');
    const body = req.body as { type?: unknown; text?: unknown; data?: unknown; lang?: unknown } | undefined;
    let input: SimulatorInput;
    if (body?.type === 'text' && typeof body.text === 'string' && body.text.trim())
      input = { type: 'text', text: body.text.slice(0, 5000) };
    else if (body?.type === 'postback' && typeof body.data === 'string')
      input = { type: 'postback', data: body.data.slice(0, 300) };
    else if (body?.type === 'follow') input = { type: 'follow' };
    else
      throw new HttpError(
        400,
        'bad_request',
        'Send {"type":"text","text":…}, {"type":"postback","data":…} or {"type":"follow"} (and "lang":"en" for an English profile).',
      );
    if (body.lang === 'en') input.lang = 'en';
    const messages = await opts.send(input);
    const last = messages[messages.length - 1];
    res.json({ messages: messages.map(renderMessage), quickReply: last ? renderQuickReply(last) : '' });
  });
  return router;
}
