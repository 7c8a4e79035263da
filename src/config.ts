import path from 'node:path';

/** The bot's settings, parsed and checked once at start (only entry points read process.env). */
export interface Config {
  port: number;
  /** null in local mode (no channel credentials): the bot starts and /webhook answers 503. */
  line: { channelSecret: string; channelAccessToken: string } | null;
  /** Names of the missing credential variables when `line` is null. */
  missingLine: string[];
  /** The access token alone (rich menu deploy needs no secret). */
  lineAccessToken: string | undefined;
  lineApiBaseUrl: string;
  lineDataApiBaseUrl: string;
  dataDir: string;
  logLevel: string;
  /** Key for hashing user ids in logs; random per process when not set. */
  userIdSalt: string | undefined;
  /** The browser simulator at /: on without credentials, or with SIMULATOR=on; SIMULATOR=off disables it. */
  simulator: boolean;
  /** Where unanswered questions are recorded (JSONL); null when UNANSWERED_LOG=off. */
  unansweredLog: string | null;
  /** Matcher thresholds (answer / suggest); defaults in matching/tunables.ts when not set. */
  matchThresholds: { answer?: number; suggest?: number };
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
  logLevel: 'info',
} as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Readonly<Record<string, string | undefined>>;

/** Parses the environment; throws ConfigError naming every wrong variable and how to fix it. */
export function parseConfig(env: Env, cwd: string = process.cwd()): Config {
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

  const config: Config = {
    port,
    line: channelSecret && channelAccessToken ? { channelSecret, channelAccessToken } : null,
    missingLine,
    lineAccessToken: channelAccessToken,
    lineApiBaseUrl: url('LINE_API_BASE_URL', CONFIG_DEFAULTS.lineApiBaseUrl),
    lineDataApiBaseUrl: url('LINE_DATA_API_BASE_URL', CONFIG_DEFAULTS.lineDataApiBaseUrl),
    dataDir: path.resolve(cwd, get('DATA_DIR') ?? CONFIG_DEFAULTS.dataDir),
    logLevel,
    simulator: simulatorSetting === 'on' || (simulatorSetting !== 'off' && !(channelSecret && channelAccessToken)),
    unansweredLog:
      get('UNANSWERED_LOG') === 'off'
        ? null
        : path.resolve(cwd, get('UNANSWERED_LOG') ?? CONFIG_DEFAULTS.unansweredLog),
    userIdSalt: get('USER_ID_SALT'),
    matchThresholds: { ...(answer !== undefined ? { answer } : {}), ...(suggest !== undefined ? { suggest } : {}) },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
