import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';

/**
 * The benchmark's anchor: a bare Express server that only checks the LINE signature over the raw
 * body and parses the JSON, then answers 200. `npm run bench` loads it the same way as the bot,
 * in the same run, so the bot's throughput is read as a ratio to what Express itself does here.
 */
const secret = process.env.LINE_CHANNEL_SECRET ?? '';
const app = express();
app.post('/webhook', express.raw({ type: () => true, limit: '512kb' }), (req, res) => {
  const body = req.body as Buffer;
  const given = Buffer.from(String(req.headers['x-line-signature'] ?? ''), 'base64');
  const want = createHmac('sha256', secret).update(body).digest();
  if (given.length !== want.length || !timingSafeEqual(given, want)) {
    res.status(401).end();
    return;
  }
  JSON.parse(body.toString('utf8'));
  res.status(200).json({});
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
