import { JSONParseError, SignatureValidationFailed } from '@line/bot-sdk';
import type { ErrorRequestHandler, Request } from 'express';
import type { Logger } from '../log';
import { HttpError } from './http-error';

interface Mapped {
  status: number;
  code: string;
  message: string;
}

/**
 * Maps every error to one answer: bad signature 401, bad JSON 400, too large 413; no stack
 * traces. `observe` may take over the logging of a refusal (the webhook's refusals are logged as
 * sampled summaries, so a flood of bad requests cannot flood the logs): it returns true when it did.
 */
export function createErrorMiddleware(
  logger: Logger,
  observe?: (req: Request, status: number, code: string) => boolean,
): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const mapped = mapError(err);
    const handled = observe?.(req, mapped.status, mapped.code) ?? false;
    const log = { status: mapped.status, code: mapped.code, method: req.method, path: req.path };
    if (mapped.status >= 500) logger.error({ ...log, err }, 'request failed');
    else if (!handled) logger.warn(log, 'request rejected');
    if (res.headersSent) return;
    res.status(mapped.status).json({ error: mapped.code, message: mapped.message });
  };
}

function mapError(err: unknown): Mapped {
  if (err instanceof SignatureValidationFailed) {
    return { status: 401, code: 'bad_signature', message: 'Missing or invalid x-line-signature.' };
  }
  if (err instanceof JSONParseError) return { status: 400, code: 'bad_json', message: 'The body is not valid JSON.' };
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message };
  // Errors from express.raw (body-parser) carry an HTTP status and a type.
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413) return { status, code: 'too_large', message: 'The body is too large.' };
  if (status >= 400 && status < 500)
    return { status, code: typeof e.type === 'string' ? e.type : 'bad_request', message: 'Bad request.' };
  return { status: 500, code: 'internal', message: 'Internal error.' };
}
