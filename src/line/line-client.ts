import { HTTPFetchError, LINE_REQUEST_ID_HTTP_HEADER_NAME, messagingApi } from '@line/bot-sdk';
import type { OutgoingMessage } from '../cards/message-types';

/** The bot's only door to the LINE API. */
export interface LineClient {
  reply(replyToken: string, messages: OutgoingMessage[]): Promise<void>;
}

export interface LineClientOptions {
  channelAccessToken: string;
  /** LINE_API_BASE_URL; a fake server's URL in tests. */
  apiBaseUrl: string;
}

/** A failed LINE call, with what LINE said and its request id for support. */
export class LineApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
    readonly lineMessage: string | undefined,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'LineApiError';
  }
}

/** LineClient backed by the SDK's MessagingApiClient. */
export function createLineClient(opts: LineClientOptions): LineClient {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.channelAccessToken,
    baseURL: opts.apiBaseUrl,
  });
  return {
    async reply(replyToken, messages) {
      try {
        // Structurally the same objects as messagingApi.Message (see cards/message-types).
        await client.replyMessage({ replyToken, messages: messages as messagingApi.Message[] });
      } catch (err) {
        throw toLineApiError('reply', err);
      }
    },
  };
}

/** Wraps whatever a LINE call threw into a LineApiError with LINE's own words. */
export function toLineApiError(call: string, err: unknown): LineApiError {
  if (err instanceof HTTPFetchError) {
    let body: { message?: string; details?: unknown } = {};
    try {
      body = JSON.parse(err.body) as typeof body;
    } catch {
      // LINE answered with something that is not JSON; keep the status.
    }
    return new LineApiError(
      `LINE ${call} failed: ${err.status}${body.message ? ` ${body.message}` : ''}`,
      err.status,
      err.headers.get(LINE_REQUEST_ID_HTTP_HEADER_NAME) ?? undefined,
      body.message,
      body.details,
    );
  }
  return new LineApiError(
    `LINE ${call} failed: ${(err as Error)?.message ?? String(err)}`,
    undefined,
    undefined,
    undefined,
    undefined,
  );
}

/** LINE's error in plain words: status, message and each detail ("areas[0].bounds: …"). */
export function describeLineError(err: unknown): string {
  if (!(err instanceof LineApiError)) return err instanceof Error ? err.message : String(err);
  const details = Array.isArray(err.details)
    ? (err.details as { property?: string; message?: string }[]).map(
        (d) => `  - ${d.property ?? '(全体)'}: ${d.message ?? ''}`,
      )
    : [];
  return [
    `LINE が ${err.status ?? '応答なし'} を返しました: ${err.lineMessage ?? err.message}`,
    ...details,
    ...(err.requestId ? [`  (x-line-request-id: ${err.requestId})`] : []),
  ].join('\n');
}
