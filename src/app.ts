import express, { type Express, type Router } from 'express';
import { createErrorMiddleware } from './http/error-middleware';
import { createHealthRouter, type HealthInfo } from './http/health-route';
import { createWebhookRouter } from './http/webhook-route';
import type { Logger } from './log';

export interface AppDeps {
  channelSecret: string | null;
  /** The browser simulator's routes (GET /, POST /simulator/send), when it is on. */
  simulator?: Router;
  /** Prometheus metrics: GET /metrics and the webhook status counter. */
  metrics?: { webhook(status: number): void; render(): Promise<{ contentType: string; body: string }> };
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
  if (deps.metrics) {
    const metrics = deps.metrics;
    app.use('/webhook', (_req, res, next) => {
      res.on('finish', () => metrics.webhook(res.statusCode));
      next();
    });
    app.get('/metrics', async (_req, res) => {
      const { contentType, body } = await metrics.render();
      res.type(contentType).send(body);
    });
  }
  app.use(createWebhookRouter({ channelSecret: deps.channelSecret, onEvents: deps.onEvents }));
  if (deps.simulator) app.use(deps.simulator);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(createErrorMiddleware(deps.logger));
  return app;
}
