import express, { type Router } from 'express';

export interface HealthInfo {
  mode: 'line' | 'local';
  data: { version: string; report: string; areas: number; items: number };
}

/**
 * The public GET /healthz: a status word and nothing else (no version, counts or mode that would
 * tell a stranger about the bot): 200 {"status":"ok"} while the bot serves, 503 while it stops.
 */
export function createPublicHealthRouter(serving: () => boolean): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    const ok = serving();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable' });
  });
  return router;
}

/** The internal GET /healthz: the same status with what is loaded (data version, counts, mode). */
export function createHealthRouter(info: () => HealthInfo, serving: () => boolean = () => true): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    const ok = serving();
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', ...info() });
  });
  return router;
}
