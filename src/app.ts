import express, { type Express, type Router } from 'express';
import { createErrorMiddleware } from './http/error-middleware';
import { createHealthRouter, type HealthInfo } from './http/health-route';
import { webhookHandlers } from './http/webhook-route';
import type { Logger } from './log';

export interface AppDeps {
  channelSecret: string | null;
  /** The browser simulator's routes (GET /, POST /simulator/send), when it is on. */
  simulator?: Router;
  /** Prometheus metrics: GET /metrics and the webhook status counter. */
  metrics?: { webhook(status: number): void; render(): Promise<{ contentType: string; body: string }> };
  onEvents(events: unknown[]): void;
  /** Backpressure for the webhook: see bot/event-runner.ts. */
  whenReady?(): Promise<void> | null;
  health(): HealthInfo;
  logger: Logger;
}

/** Wires the routes and the error middleware. No logic lives here. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const metrics = deps.metrics;
  // The webhook first: it carries nearly all the traffic.
  app.post(
    '/webhook',
    ...webhookHandlers({
      channelSecret: deps.channelSecret,
      onEvents: deps.onEvents,
      ...(deps.whenReady ? { whenReady: deps.whenReady } : {}),
      ...(metrics ? { onStatus: metrics.webhook } : {}),
    }),
  );
  app.use(createHealthRouter(deps.health));
  if (metrics) {
    app.get('/metrics', async (_req, res) => {
      const { contentType, body } = await metrics.render();
      res.type(contentType).send(body);
    });
  }
  if (deps.simulator) app.use(deps.simulator);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(
    createErrorMiddleware(
      deps.logger,
      metrics ? (req, status) => req.path === '/webhook' && metrics.webhook(status) : undefined,
    ),
  );
  return app;
}
