import path from 'node:path';
import { SERVER_LIMITS } from './http/server';

/** The bot's settings, parsed and checked once at start (only entry points read process.env). */
export interface Config {
  /**
   * `line`: connected to a LINE channel (both credentials required and well-formed, else the
   * bot does not start). `local`: no channel; /webhook answers 503 and the simulator is on.
   * BOT_MODE chooses; without it, local only when neither credential is set.
   */
  mode: 'line' | 'local';
  port: number;
  /** The channel's credentials: set in line mode, null in local mode. */
  line: { channelSecret: string; channelAccessToken: string } | null;
  /** Names of the missing credential variables, in local mode (for the start-up warning). */
  missingLine: string[];
  /** The access token alone (rich menu deploy needs no secret). */
  lineAccessToken: string | undefined;
  lineApiBaseUrl: string;
  lineDataApiBaseUrl: string;
  dataDir: string;
  logLevel: string;
  /**
   * Key for hashing user ids (logs, stores). Unset: one is generated once and kept (0600) in
   * `userIdSaltFile`, so hashes stay the same across restarts.
   */
  userIdSalt: string | undefined;
  userIdSaltFile: string;
  /**
   * Where the browser simulator is served: `public` (at / on PORT: local mode, unless
   * SIMULATOR=off), `admin` (the internal listener: line mode with SIMULATOR=on), or `off`.
   */
  simulator: 'public' | 'admin' | 'off';
  /** The internal listener (metrics, detailed health, simulator in line mode, console); null when ADMIN_PORT=off. */
  admin: { host: string; port: number } | null;
  /** Where unanswered questions are recorded (JSONL); null when UNANSWERED_LOG=off. */
  unansweredLog: string | null;
  /** Stored questions older than this many days are deleted. */
  unansweredRetentionDays: number;
  /** Most open connections to PORT from one address (raise it behind a reverse proxy, see README). */
  connectionsPerAddress: number;
  /** Matcher thresholds (answer / suggest); defaults in matching/tunables.ts when not set. */
  matchThresholds: { answer?: number; suggest?: number };
  /** The staff console's own files: accounts, drafts, versions, audit log (0600 in 0700 folders). */
  consoleDir: string;
  /**
   * Usage counters and residents' votes (stats/usage-store.ts): USAGE_DIR, else a usage/ folder
   * beside UNANSWERED_LOG (var/usage); null (not recorded) with USAGE_DIR=off, or when
   * UNANSWERED_LOG=off and USAGE_DIR is not set.
   */
  usageDir: string | null;
  /**
   * The browser simulator's own records (questions and counts typed there are never mixed with
   * the residents'): a simulator/ folder beside UNANSWERED_LOG; null when that is off.
   */
  simulatorDir: string | null;
  /**
   * TRUST_PROXY: the internal listener sits behind a TLS-terminating proxy; the console's cookies
   * are then Secure and the client address comes from X-Forwarded-For (one hop).
   */
  trustProxy: boolean;
  /**
   * The durable inbox's journal folder (INBOX_DIR, default var/inbox): accepted events are kept
   * there until answered. null with INBOX_DIR=off (memory only: a crash loses what is under way).
   * Not used with REDIS_URL (the inbox is then a Redis Stream).
   */
  inboxDir: string | null;
  /** REDIS_URL: shared stores, a Redis Stream inbox and data publishing across instances; null without. */
  redisUrl: string | null;
  /** This instance's name among several (Redis consumer name, logs): INSTANCE_NAME, else host-pid. */
  instanceName: string | undefined;
  /** Answers whose reply token ran out go as push messages (PUSH_FALLBACK, default on). */
  pushFallback: boolean;
  /** Most such pushes per Japan day (PUSH_DAILY_LIMIT, default 1000; they cost message quota). */
  pushDailyLimit: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`設定 (環境変数) に誤りがあります / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export const CONFIG_DEFAULTS = {
  port: 3000,
  lineApiBaseUrl: 'https://api.line.me',
  lineDataApiBaseUrl: 'https://api-data.line.me',
  dataDir: 'data',
  unansweredLog: 'var/unanswered.jsonl',
  unansweredRetentionDays: 180,
  userIdSaltFile: 'var/user-id-salt',
  consoleDir: 'var/console',
  logLevel: 'info',
  adminHost: '127.0.0.1',
  adminPort: 3001,
  inboxDir: 'var/inbox',
  pushDailyLimit: 1000,
} as const;

/** A LINE channel secret: 32 hexadecimal characters (LINE Developers Console > Basic settings). */
const SECRET_SHAPE = /^[0-9a-f]{32}$/iu;
/** A channel access token: one word of base64-like characters (the console's long-lived token is ~170). */
const TOKEN_SHAPE = /^[A-Za-z0-9+/=._~-]{20,}$/u;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment; throws ConfigError naming every wrong variable and how to fix it.
 * `use`: `bot` (npm start) insists on well-formed credentials in line mode; `tool` (the npm run
 * commands) reads the same settings but leaves the credentials to the command that needs one.
 */
export function parseConfig(env: Env, cwd: string = process.cwd(), use: 'bot' | 'tool' = 'bot'): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const portText = get('PORT');
  const port = portText === undefined ? CONFIG_DEFAULTS.port : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT="${portText}": 0〜65535 の整数にしてください (a TCP port number).`);

  const url = (name: string, fallback: string): string => {
    const v = get(name) ?? fallback;
    try {
      const u = new URL(v);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('scheme');
      return v.replace(/\/+$/u, '');
    } catch {
      problems.push(`${name}="${v}": http(s):// で始まる URL にしてください (e.g. ${fallback}).`);
      return fallback;
    }
  };

  const channelSecret = get('LINE_CHANNEL_SECRET');
  const channelAccessToken = get('LINE_CHANNEL_ACCESS_TOKEN');
  const missingLine = [
    ...(channelSecret ? [] : ['LINE_CHANNEL_SECRET']),
    ...(channelAccessToken ? [] : ['LINE_CHANNEL_ACCESS_TOKEN']),
  ];
  const modeSetting = get('BOT_MODE');
  if (modeSetting !== undefined && modeSetting !== 'line' && modeSetting !== 'local')
    problems.push(`BOT_MODE="${modeSetting}": line か local にしてください (line = LINE のチャネルにつなぐ).`);
  // Local only when asked for, or when neither credential is set: one credential alone is a
  // mistake to report, not a reason to start unprotected.
  const mode: Config['mode'] =
    modeSetting === 'local' || (modeSetting === undefined && !channelSecret && !channelAccessToken) ? 'local' : 'line';
  if (mode === 'line' && use === 'bot') {
    if (!channelSecret)
      problems.push(
        'LINE_CHANNEL_SECRET が未設定です: LINE Developers コンソールの「チャネル基本設定」のチャネルシークレットを設定してください (line mode needs it).',
      );
    else if (!SECRET_SHAPE.test(channelSecret))
      problems.push(
        'LINE_CHANNEL_SECRET の形が違います: 32 文字の英数字 (16 進数) です。前後の空白や引用符がないか確かめてください.',
      );
    if (!channelAccessToken)
      problems.push(
        'LINE_CHANNEL_ACCESS_TOKEN が未設定です: LINE Developers コンソールの「Messaging API 設定」で発行したチャネルアクセストークン (長期) を設定してください.',
      );
    else if (!TOKEN_SHAPE.test(channelAccessToken))
      problems.push('LINE_CHANNEL_ACCESS_TOKEN の形が違います: 空白や引用符を含まない 1 語の文字列です.');
  }

  const adminPortText = get('ADMIN_PORT');
  let admin: Config['admin'] = null;
  if (adminPortText !== 'off') {
    const adminPort = adminPortText === undefined ? CONFIG_DEFAULTS.adminPort : Number(adminPortText);
    if (!Number.isInteger(adminPort) || adminPort < 0 || adminPort > 65535)
      problems.push(`ADMIN_PORT="${adminPortText}": 0〜65535 の整数か off にしてください (the internal listener).`);
    admin = { host: get('ADMIN_HOST') ?? CONFIG_DEFAULTS.adminHost, port: adminPort };
  }

  const perAddressText = get('MAX_CONNECTIONS_PER_ADDRESS');
  const connectionsPerAddress = perAddressText === undefined ? SERVER_LIMITS.perAddress : Number(perAddressText);
  if (!Number.isInteger(connectionsPerAddress) || connectionsPerAddress < 1)
    problems.push(`MAX_CONNECTIONS_PER_ADDRESS="${perAddressText}": 1 以上の整数にしてください (default 64).`);

  const retentionText = get('UNANSWERED_RETENTION_DAYS');
  const retention = retentionText === undefined ? CONFIG_DEFAULTS.unansweredRetentionDays : Number(retentionText);
  if (!Number.isInteger(retention) || retention < 1)
    problems.push(`UNANSWERED_RETENTION_DAYS="${retentionText}": 1 以上の日数にしてください (default 180).`);

  const logLevel = get('LOG_LEVEL') ?? CONFIG_DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(logLevel))
    problems.push(`LOG_LEVEL="${logLevel}": ${LOG_LEVELS.join(', ')} のどれかにしてください.`);

  const share = (name: string): number | undefined => {
    const v = get(name);
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0 || x > 2)
      problems.push(`${name}="${v}": 0 より大きく 2 以下の数にしてください (e.g. 0.5).`);
    return x;
  };
  const answer = share('MATCH_ANSWER_THRESHOLD');
  const suggest = share('MATCH_SUGGEST_THRESHOLD');
  if (answer !== undefined && suggest !== undefined && suggest > answer) {
    problems.push('MATCH_SUGGEST_THRESHOLD は MATCH_ANSWER_THRESHOLD 以下にしてください (suggest ≤ answer).');
  }

  const simulatorSetting = get('SIMULATOR');
  if (simulatorSetting !== undefined && simulatorSetting !== 'on' && simulatorSetting !== 'off') {
    problems.push(`SIMULATOR="${simulatorSetting}": on か off にしてください.`);
  }
  // In line mode the simulator is never public: only on the internal listener, when asked for.
  const simulator: Config['simulator'] =
    mode === 'local' ? (simulatorSetting === 'off' ? 'off' : 'public') : simulatorSetting === 'on' ? 'admin' : 'off';
  if (simulator === 'admin' && !admin)
    problems.push(
      'SIMULATOR=on (line mode) は内部の待ち受け (ADMIN_PORT) で動きます。ADMIN_PORT=off と一緒には使えません.',
    );

  const trustProxyText = get('TRUST_PROXY');
  if (trustProxyText !== undefined && !['on', 'off', '1', '0', 'true', 'false'].includes(trustProxyText))
    problems.push(`TRUST_PROXY="${trustProxyText}": on か off にしてください (TLS を終端するプロキシの後ろなら on).`);

  const pushText = get('PUSH_FALLBACK');
  if (pushText !== undefined && !['on', 'off'].includes(pushText))
    problems.push(`PUSH_FALLBACK="${pushText}": on か off にしてください (default on).`);
  const pushLimitText = get('PUSH_DAILY_LIMIT');
  const pushDailyLimit = pushLimitText === undefined ? CONFIG_DEFAULTS.pushDailyLimit : Number(pushLimitText);
  if (!Number.isInteger(pushDailyLimit) || pushDailyLimit < 0)
    problems.push(`PUSH_DAILY_LIMIT="${pushLimitText}": 0 以上の整数にしてください (default 1000).`);
  const redisUrl = get('REDIS_URL') ?? null;
  if (redisUrl !== null && !/^rediss?:\/\/./u.test(redisUrl))
    problems.push('REDIS_URL は redis://HOST:PORT の形にしてください (TLS なら rediss://).');

  const unansweredLog =
    get('UNANSWERED_LOG') === 'off' ? null : path.resolve(cwd, get('UNANSWERED_LOG') ?? CONFIG_DEFAULTS.unansweredLog);

  const config: Config = {
    mode,
    port,
    line: mode === 'line' && channelSecret && channelAccessToken ? { channelSecret, channelAccessToken } : null,
    missingLine: mode === 'local' ? missingLine : [],
    lineAccessToken: channelAccessToken,
    lineApiBaseUrl: url('LINE_API_BASE_URL', CONFIG_DEFAULTS.lineApiBaseUrl),
    lineDataApiBaseUrl: url('LINE_DATA_API_BASE_URL', CONFIG_DEFAULTS.lineDataApiBaseUrl),
    dataDir: path.resolve(cwd, get('DATA_DIR') ?? CONFIG_DEFAULTS.dataDir),
    logLevel,
    simulator,
    admin,
    unansweredLog,
    unansweredRetentionDays: retention,
    connectionsPerAddress,
    userIdSalt: get('USER_ID_SALT'),
    userIdSaltFile: path.resolve(cwd, CONFIG_DEFAULTS.userIdSaltFile),
    matchThresholds: { ...(answer !== undefined ? { answer } : {}), ...(suggest !== undefined ? { suggest } : {}) },
    consoleDir: path.resolve(cwd, get('CONSOLE_DIR') ?? CONFIG_DEFAULTS.consoleDir),
    // Beside the unanswered questions (var/ by default); off with them unless USAGE_DIR says where.
    usageDir:
      get('USAGE_DIR') === 'off'
        ? null
        : get('USAGE_DIR')
          ? path.resolve(cwd, get('USAGE_DIR')!)
          : unansweredLog
            ? path.join(path.dirname(unansweredLog), 'usage')
            : null,
    simulatorDir: unansweredLog ? path.join(path.dirname(unansweredLog), 'simulator') : null,
    inboxDir: get('INBOX_DIR') === 'off' ? null : path.resolve(cwd, get('INBOX_DIR') ?? CONFIG_DEFAULTS.inboxDir),
    redisUrl,
    instanceName: get('INSTANCE_NAME'),
    pushFallback: pushText !== 'off',
    pushDailyLimit,
    trustProxy: trustProxyText === 'on' || trustProxyText === '1' || trustProxyText === 'true',
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
