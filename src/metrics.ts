import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { LineCallObserver } from './line/line-client';

/**
 * Prometheus metrics (GET /metrics): webhook requests by status, events by type, replies by
 * outcome (answered / did-you-mean / not found …), reply latency, LINE API calls and errors by
 * status, and Node's process metrics. One registry per bot instance.
 */
export interface Metrics {
  registry: Registry;
  webhook(status: number): void;
  event(type: string): void;
  outcome(outcome: string): void;
  replyLatency(seconds: number): void;
  rateLimited(): void;
  /** How an answer went out: replied, pushed (token ran out), spent, dropped, refused, retry. */
  delivery(result: string): void;
  /** A question by how it was answered (as in report:usage). */
  question(outcome: string): void;
  /** 👍 / 👎 (with the reason given after a 👎, or none). */
  vote(vote: string, reason: string): void;
  /** A rich-menu tile tapped (area id or help). */
  tap(tile: string): void;
  /** A request or connection refused before any work (bad signature, too large, over a cap). */
  rejected(status: number, code: string): void;
  line: LineCallObserver;
  /** Where the in-flight gauge reads from (the event runner), set once it exists. */
  watchInFlight(read: () => { tasks: number; waiting: number }): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const webhook = new Counter({
    name: 'webhook_requests_total',
    help: 'POST /webhook requests by HTTP status',
    labelNames: ['status'],
    registers: [registry],
  });
  const events = new Counter({
    name: 'line_events_total',
    help: 'Webhook events by type',
    labelNames: ['type'],
    registers: [registry],
  });
  const outcomes = new Counter({
    name: 'bot_replies_total',
    help: 'Replies by outcome (area, items = answered; suggest = did you mean; not-found; greeting; menu; …)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'bot_reply_duration_seconds',
    help: 'From receiving an event to LINE accepting the reply',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
    registers: [registry],
  });
  const deliveries = new Counter({
    name: 'bot_deliveries_total',
    help: 'Answers by how they went out: replied, pushed (the reply token ran out: a restart or LINE slow), spent (sent before a restart), dropped (push off or over PUSH_DAILY_LIMIT), refused, retry',
    labelNames: ['result'],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'bot_rate_limited_total',
    help: 'Events not answered because of the per-user limit',
    registers: [registry],
  });
  const questions = new Counter({
    name: 'bot_questions_total',
    help: 'Typed questions by how they were answered (area, items, suggest, not-found, smalltalk, menu)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const votes = new Counter({
    name: 'bot_feedback_votes_total',
    help: "Residents' votes on answers (up / down) and the reason given after a down vote",
    labelNames: ['vote', 'reason'],
    registers: [registry],
  });
  const taps = new Counter({
    name: 'bot_richmenu_taps_total',
    help: 'Rich-menu tiles tapped, by tile (area id or help)',
    labelNames: ['tile'],
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'http_rejected_total',
    help: 'Requests and connections refused at the door, by status and reason (a flood shows here, not in the logs)',
    labelNames: ['status', 'code'],
    registers: [registry],
  });
  const apiCalls = new Counter({
    name: 'line_api_calls_total',
    help: 'LINE API calls by call and status',
    labelNames: ['call', 'status'],
    registers: [registry],
  });
  const apiErrors = new Counter({
    name: 'line_api_errors_total',
    help: 'Failed LINE API calls by status (network, timeout, 4xx, 5xx)',
    labelNames: ['status'],
    registers: [registry],
  });
  let inFlight: () => { tasks: number; waiting: number } = () => ({ tasks: 0, waiting: 0 });
  new Gauge({
    name: 'bot_tasks_in_flight',
    help: 'Webhooks being answered now; at its bound (MAX_IN_FLIGHT, 256) new webhooks wait before they are acknowledged',
    registers: [registry],
    collect() {
      this.set(inFlight().tasks);
    },
  });
  new Gauge({
    name: 'webhook_waiting',
    help: 'Verified webhooks waiting for room before they are acknowledged (backpressure under a burst)',
    registers: [registry],
    collect() {
      this.set(inFlight().waiting);
    },
  });
  return {
    registry,
    watchInFlight: (read) => {
      inFlight = read;
    },
    webhook: (status) => webhook.inc({ status: String(status) }),
    event: (type) => events.inc({ type: /^[a-zA-Z]{1,40}$/u.test(type) ? type : 'other' }),
    outcome: (o) => outcomes.inc({ outcome: o }),
    replyLatency: (s) => latency.observe(s),
    rateLimited: () => limited.inc(),
    delivery: (r) => deliveries.inc({ result: r }),
    question: (o) => questions.inc({ outcome: /^[a-z-]{1,20}$/u.test(o) ? o : 'other' }),
    vote: (v, r) => votes.inc({ vote: v === 'up' ? 'up' : 'down', reason: /^[a-z]{1,10}$/u.test(r) ? r : 'other' }),
    tap: (t) => taps.inc({ tile: /^[a-z]{1,20}$/u.test(t) ? t : 'other' }),
    rejected: (status, code) =>
      rejected.inc({ status: String(status), code: /^[a-z_]{1,40}$/u.test(code) ? code : 'other' }),
    line: {
      call: ({ call, status }) => {
        apiCalls.inc({ call, status: String(status) });
        if (typeof status !== 'number' || status >= 300) apiErrors.inc({ status: String(status) });
      },
    },
  };
}
