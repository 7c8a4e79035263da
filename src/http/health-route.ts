import express, { type Router } from 'express';

export interface HealthInfo {
  mode: 'line' | 'local';
  data: { version: string; report: string; areas: number; items: number };
}

/** GET /healthz: 200 with what is loaded, once the app exists (data is loaded before). */
export function createHealthRouter(info: () => HealthInfo): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok', ...info() });
  });
  return router;
}
