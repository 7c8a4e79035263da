import express, { type Express } from 'express';
import { createErrorMiddleware } from './http/error-middleware';
import { createHealthRouter, type HealthInfo } from './http/health-route';
import { createWebhookRouter } from './http/webhook-route';
import type { Logger } from './log';

export interface AppDeps {
  channelSecret: string | null;
  onEvents(events: unknown[]): void;
  health(): HealthInfo;
  logger: Logger;
}

/** Wires the routes and the error middleware. No logic lives here. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(createHealthRouter(deps.health));
  app.use(createWebhookRouter({ channelSecret: deps.channelSecret, onEvents: deps.onEvents }));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(createErrorMiddleware(deps.logger));
  return app;
}
