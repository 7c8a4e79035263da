import express, { type Express, type Router } from 'express';
import { createErrorMiddleware } from './http/error-middleware';
import { createHealthRouter, createPublicHealthRouter, type HealthInfo } from './http/health-route';
import { webhookHandlers, type RejectionObserver } from './http/webhook-route';
import type { Logger } from './log';

export interface AppDeps {
  channelSecret: string | null;
  /** The browser simulator's routes (GET /, POST /simulator/send), on this app when set. */
  simulator?: Router;
  /** Counts webhook answers by status (metrics). */
  onWebhookStatus?(status: number): void;
  /** Told of each refused webhook request (sampled logs, metrics). */
  onRejected?: RejectionObserver;
  /**
   * Keeps a verified webhook's events (the durable inbox) before the 200; a rejection makes the
   * webhook answer 500, so LINE sends them again.
   */
  accept(events: unknown[]): Promise<void>;
  onAcceptFailed?(err: unknown): void;
  /** Backpressure for the webhook: see bot/event-runner.ts. */
  whenReady?(): Promise<void> | null;
  /** False while the bot cannot serve (stopping): /healthz answers 503. */
  serving(): boolean;
  logger: Logger;
}

/**
 * The public app, on PORT: what LINE needs and nothing else — POST /webhook and a minimal
 * GET /healthz — plus the simulator at / in local mode. No logic lives here.
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The webhook first: it carries nearly all the traffic.
  app.post(
    '/webhook',
    ...webhookHandlers({
      channelSecret: deps.channelSecret,
      accept: deps.accept,
      ...(deps.onAcceptFailed ? { onAcceptFailed: deps.onAcceptFailed } : {}),
      ...(deps.whenReady ? { whenReady: deps.whenReady } : {}),
      ...(deps.onWebhookStatus ? { onStatus: deps.onWebhookStatus } : {}),
      ...(deps.onRejected ? { onRejected: deps.onRejected } : {}),
    }),
  );
  app.use(createPublicHealthRouter(deps.serving));
  if (deps.simulator) app.use(deps.simulator);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(
    createErrorMiddleware(deps.logger, (req, status, code) => {
      if (req.path !== '/webhook') return false;
      deps.onWebhookStatus?.(status);
      deps.onRejected?.(status, code);
      return true;
    }),
  );
  return app;
}

export interface AdminAppDeps {
  metrics: { render(): Promise<{ contentType: string; body: string }> };
  health(): HealthInfo;
  serving(): boolean;
  /** The simulator (line mode with SIMULATOR=on, or local mode). */
  simulator?: Router;
  /** Features that live on the internal listener (the staff console), mounted in order. */
  features?: Router[];
  /** Behind a TLS-terminating proxy (TRUST_PROXY): the client's address and scheme come from it (one hop). */
  trustProxy?: boolean;
  logger: Logger;
}

/**
 * The internal app, on ADMIN_HOST:ADMIN_PORT (127.0.0.1:3001 by default): metrics, the detailed
 * health, the simulator in line mode, and the staff's features. Never on the public port.
 */
export function createAdminApp(deps: AdminAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy) app.set('trust proxy', 1);
  app.set('etag', false);
  app.use(createHealthRouter(deps.health, deps.serving));
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await deps.metrics.render();
    res.type(contentType).send(body);
  });
  for (const f of deps.features ?? []) app.use(f);
  if (deps.simulator) app.use(deps.simulator);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(createErrorMiddleware(deps.logger));
  return app;
}
