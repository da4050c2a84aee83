import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import { z } from "zod";
import { defaultDataDir, defaultIntentsDir } from "./knowledge/paths.js";
import { type Schedule, SubscriptionListError, subscriptionsFromEnv } from "./quiz/schedule.js";
import type { ChannelKey } from "./store/types.js";

/**
 * The one place that reads the environment. Everything else receives typed values from here,
 * so a bad deployment stops at start with every problem listed, not at the first request.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type SlackConfig =
  | { mode: "socket"; botToken: string; appToken: string; signingSecret?: string; apiUrl?: string }
  | { mode: "http"; botToken: string; signingSecret: string; apiUrl?: string };

export type TeamsConfig =
  /** No app id: unauthenticated, for the Bot Framework Emulator on this machine only. */
  | { mode: "local" }
  | {
      mode: "authenticated";
      appId: string;
      appPassword: string;
      appType: "MultiTenant" | "SingleTenant";
      tenantId?: string;
    };

export type StoreConfig = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/** A channel the operator subscribed to the daily quiz (QUIZ_SUBSCRIPTIONS). */
export type FixedSubscription = ChannelKey & Schedule;

export interface QuizConfig {
  /** Runs the daily-quiz scheduler in this process. */
  enabled: boolean;
  /** How late a missed daily slot may still be posted after a restart. */
  graceMinutes: number;
  defaultTime: string;
  /** Used when the platform does not tell the requester's time zone. */
  defaultTimezone: string;
  /** Channels subscribed by the operator rather than from chat. */
  subscriptions: FixedSubscription[];
  /** Fixes the question order (tests, demos). */
  seed?: number;
}

export interface Config {
  /** "local": no Slack or Teams credentials at all — playground and Emulator endpoint only. */
  mode: "local" | "connected";
  port: number;
  host: string;
  logLevel: LogLevel;
  logFormat: "json" | "pretty";
  trustProxy: boolean | number;
  shutdownTimeoutMs: number;
  /** Whether the playground is served: by default only in local mode (PLAYGROUND unset). */
  playground: boolean;
  /** With it set, the playground also answers clients not on loopback that present it. */
  playgroundToken?: string;
  http: HttpLimits;
  knowledge: { dataDir: string; intentsDir: string };
  store: StoreConfig;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  quiz: QuizConfig;
}

/** How long a client may take and how much it may ask: the server's defence against slow and noisy clients. */
export interface HttpLimits {
  /** Time to receive a request's headers (ms). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (ms). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (ms). */
  keepAliveTimeoutMs: number;
  /** Most connections open at once; more are closed as they arrive. */
  maxConnections: number;
  /** Requests per second one client address may make, on every endpoint (0 turns the limit off). */
  ratePerIp: number;
  /** Playground API requests per second per client address (0 turns the limit off). */
  playgroundPerClient: number;
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(formatConfigProblems(problems));
    this.name = "ConfigError";
  }
}

export function formatConfigProblems(problems: ConfigProblem[]): string {
  const n = problems.length;
  const lines = problems.map((p) => `  - ${p.variable}: ${p.message}`);
  return `srm-bot: the configuration is invalid (${n} problem${n === 1 ? "" : "s"}):\n${lines.join("\n")}\nSet these in the environment or in .env (see .env.example).`;
}

// `.env` files often hold `NAME=` for "not set": treat blank values as absent.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess((v) => blankToUndefined(v) ?? fallback, schema);

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["true", "false", "1", "0", "yes", "no", "on", "off"].includes(v), {
    message: "must be true or false",
  })
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number from ${min} to ${max}`);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string().trim().regex(HHMM, 'must be a time of day written HH:MM, e.g. "09:00"');

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
const timeZone = z
  .string()
  .trim()
  .refine(isTimeZone, 'must be an IANA time zone, e.g. "Europe/Berlin" or "UTC"');

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const httpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), "must be an http(s) URL");

const EnvSchema = z.object({
  PORT: withDefault(int(0, 65535), "3978"),
  HOST: opt(z.string().trim()),
  LOG_LEVEL: withDefault(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` })),
    "info",
  ),
  LOG_FORMAT: withDefault(
    z.enum(["auto", "json", "pretty"], { error: "must be auto, json or pretty" }),
    "auto",
  ),
  TRUST_PROXY: opt(z.string().trim()),
  SHUTDOWN_TIMEOUT_MS: withDefault(int(100, 60_000), "8000"),
  PLAYGROUND: opt(bool),
  PLAYGROUND_TOKEN: opt(z.string().trim().min(16, "must be at least 16 characters")),
  HTTP_HEADERS_TIMEOUT_MS: withDefault(int(500, 120_000), "5000"),
  HTTP_REQUEST_TIMEOUT_MS: withDefault(int(500, 300_000), "10000"),
  HTTP_KEEPALIVE_TIMEOUT_MS: withDefault(int(100, 300_000), "65000"),
  HTTP_MAX_CONNECTIONS: withDefault(int(1, 1_000_000), "2048"),
  RATE_LIMIT_PER_IP: withDefault(int(0, 1_000_000), "300"),
  RATE_LIMIT_PLAYGROUND: withDefault(int(0, 1_000_000), "10"),
  KNOWLEDGE_DATA_DIR: opt(z.string()),
  KNOWLEDGE_INTENTS_DIR: opt(z.string()),
  DATABASE_URL: opt(
    z
      .string()
      .trim()
      .refine(
        (v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol),
        "must be a PostgreSQL URL, e.g. postgres://user:password@host:5432/srm_bot",
      ),
  ),
  SQLITE_PATH: withDefault(z.string().trim(), ".data/srm-bot.db"),
  SLACK_BOT_TOKEN: opt(z.string().trim().startsWith("xoxb-", 'must be a bot token starting with "xoxb-"')),
  SLACK_SIGNING_SECRET: opt(z.string().trim().min(8, "must be the app's signing secret")),
  SLACK_APP_TOKEN: opt(
    z.string().trim().startsWith("xapp-", 'must be an app-level token starting with "xapp-"'),
  ),
  SLACK_API_URL: opt(httpUrl),
  MICROSOFT_APP_ID: opt(z.string().trim().regex(GUID, "must be the bot's Microsoft App ID (a GUID)")),
  MICROSOFT_APP_PASSWORD: opt(z.string()),
  MICROSOFT_APP_TENANT_ID: opt(
    z.string().trim().regex(GUID, "must be the Microsoft Entra tenant id (a GUID)"),
  ),
  MICROSOFT_APP_TYPE: withDefault(
    z.enum(["MultiTenant", "SingleTenant"], { error: "must be MultiTenant or SingleTenant" }),
    "MultiTenant",
  ),
  QUIZ_ENABLED: withDefault(bool, "true"),
  QUIZ_GRACE_MINUTES: withDefault(int(0, 24 * 60), "120"),
  QUIZ_DEFAULT_TIME: withDefault(time, "09:00"),
  QUIZ_DEFAULT_TIMEZONE: withDefault(timeZone, "UTC"),
  QUIZ_SUBSCRIPTIONS: opt(z.string()),
  QUIZ_SEED: opt(int(0, 2 ** 31 - 1)),
});

/** Every variable srm-bot reads (.env.example documents each; a test checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/**
 * Credentials that only work together: each missing partner is named. Judged on presence alone, so they are
 * reported together with any format problems, in the same message.
 */
function credentialProblems(raw: Record<string, string | undefined>): ConfigProblem[] {
  const has = (name: string) => blankToUndefined(raw[name]) !== undefined;
  const problems: ConfigProblem[] = [];
  if ((has("SLACK_SIGNING_SECRET") || has("SLACK_APP_TOKEN")) && !has("SLACK_BOT_TOKEN")) {
    const given = has("SLACK_APP_TOKEN") ? "SLACK_APP_TOKEN" : "SLACK_SIGNING_SECRET";
    problems.push({
      variable: "SLACK_BOT_TOKEN",
      message: `is required when ${given} is set (the xoxb- bot token)`,
    });
  }
  if (has("SLACK_BOT_TOKEN") && !has("SLACK_SIGNING_SECRET") && !has("SLACK_APP_TOKEN"))
    problems.push({
      variable: "SLACK_SIGNING_SECRET",
      message:
        "is required with SLACK_BOT_TOKEN for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode instead)",
    });
  if ((has("MICROSOFT_APP_PASSWORD") || has("MICROSOFT_APP_TENANT_ID")) && !has("MICROSOFT_APP_ID")) {
    const given = has("MICROSOFT_APP_PASSWORD") ? "MICROSOFT_APP_PASSWORD" : "MICROSOFT_APP_TENANT_ID";
    problems.push({ variable: "MICROSOFT_APP_ID", message: `is required when ${given} is set` });
  }
  if (has("MICROSOFT_APP_ID") && !has("MICROSOFT_APP_PASSWORD"))
    problems.push({
      variable: "MICROSOFT_APP_PASSWORD",
      message: "is required with MICROSOFT_APP_ID (the bot's client secret)",
    });
  if (
    has("MICROSOFT_APP_ID") &&
    raw.MICROSOFT_APP_TYPE?.trim() === "SingleTenant" &&
    !has("MICROSOFT_APP_TENANT_ID")
  )
    problems.push({
      variable: "MICROSOFT_APP_TENANT_ID",
      message: "is required when MICROSOFT_APP_TYPE is SingleTenant",
    });
  return problems;
}

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  const [head, ...rest] = path;
  return rest.reduce<string>(
    (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`),
    String(head ?? "environment"),
  );
}

function parseTrustProxy(v: string | undefined): boolean | number | ConfigProblem {
  if (v === undefined) return false;
  if (/^\d+$/.test(v)) return Number(v);
  const b = v.toLowerCase();
  if (b === "true") return true;
  if (b === "false") return false;
  return { variable: "TRUST_PROXY", message: "must be true, false or the number of proxies in front" };
}

export interface LoadConfigOptions {
  /** Read this `.env` file for variables the environment does not set; missing file is fine. */
  envFile?: string | null;
  /** Relative paths (SQLITE_PATH, knowledge folders) resolve against this folder. */
  cwd?: string;
}

/** Parses the environment (and optional `.env`) into a Config, or throws one ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: LoadConfigOptions = {}): Config {
  const cwd = opts.cwd ?? process.cwd();
  const envFile = opts.envFile === undefined ? resolve(cwd, ".env") : opts.envFile;
  let fileVars: Record<string, string> = {};
  if (envFile) {
    try {
      fileVars = parseDotenv(readFileSync(envFile));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT")
        throw new ConfigError([{ variable: envFile, message: `cannot be read (${(err as Error).message})` }]);
    }
  }
  // The real environment wins over .env, as every deployment tool expects.
  const merged: Record<string, string | undefined> = { ...fileVars, ...env };

  const parsed = EnvSchema.safeParse(merged);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ variable: issuePath(i.path), message: i.message }));
  const trustProxy = parseTrustProxy(blankToUndefined(merged.TRUST_PROXY) as string | undefined);
  if (typeof trustProxy === "object") problems.push(trustProxy);
  problems.push(...credentialProblems(merged));
  let subscriptions: FixedSubscription[] = [];
  if (parsed.success && parsed.data.QUIZ_SUBSCRIPTIONS) {
    try {
      subscriptions = subscriptionsFromEnv(parsed.data.QUIZ_SUBSCRIPTIONS, {
        time: parsed.data.QUIZ_DEFAULT_TIME,
        timezone: parsed.data.QUIZ_DEFAULT_TIMEZONE,
      });
    } catch (err) {
      if (!(err instanceof SubscriptionListError)) throw err;
      for (const message of err.problems) problems.push({ variable: "QUIZ_SUBSCRIPTIONS", message });
    }
  }
  if (problems.length || !parsed.success || typeof trustProxy === "object") throw new ConfigError(problems);

  const e = parsed.data;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));

  let slack: SlackConfig | null = null;
  if (e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN)
    slack = {
      mode: "socket",
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      ...(e.SLACK_API_URL ? { apiUrl: withSlash(e.SLACK_API_URL) } : {}),
    };
  else if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET)
    slack = {
      mode: "http",
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      ...(e.SLACK_API_URL ? { apiUrl: withSlash(e.SLACK_API_URL) } : {}),
    };

  const teamsAuth: TeamsConfig | null =
    e.MICROSOFT_APP_ID && e.MICROSOFT_APP_PASSWORD
      ? {
          mode: "authenticated",
          appId: e.MICROSOFT_APP_ID,
          appPassword: e.MICROSOFT_APP_PASSWORD,
          appType: e.MICROSOFT_APP_TYPE,
          ...(e.MICROSOFT_APP_TENANT_ID ? { tenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
        }
      : null;
  const mode = slack || teamsAuth ? "connected" : "local";

  return {
    mode,
    port: e.PORT,
    // Local mode serves an unauthenticated endpoint: keep it on this machine unless told otherwise.
    host: e.HOST ?? (mode === "local" ? "127.0.0.1" : "0.0.0.0"),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === "auto" ? (process.stdout.isTTY ? "pretty" : "json") : e.LOG_FORMAT,
    trustProxy,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    // A playground beside a real platform is opt-in: it is a local tool (see the README, Deployment).
    playground: e.PLAYGROUND ?? mode === "local",
    ...(e.PLAYGROUND_TOKEN ? { playgroundToken: e.PLAYGROUND_TOKEN } : {}),
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: Math.max(e.HTTP_REQUEST_TIMEOUT_MS, e.HTTP_HEADERS_TIMEOUT_MS),
      keepAliveTimeoutMs: e.HTTP_KEEPALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      ratePerIp: e.RATE_LIMIT_PER_IP,
      playgroundPerClient: e.RATE_LIMIT_PLAYGROUND,
    },
    knowledge: {
      dataDir: e.KNOWLEDGE_DATA_DIR ? abs(e.KNOWLEDGE_DATA_DIR) : defaultDataDir,
      intentsDir: e.KNOWLEDGE_INTENTS_DIR ? abs(e.KNOWLEDGE_INTENTS_DIR) : defaultIntentsDir,
    },
    store: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "sqlite", path: abs(e.SQLITE_PATH) },
    slack,
    // Without credentials the Emulator endpoint is offered only in local mode, never beside a real platform.
    teams: teamsAuth ?? (mode === "local" ? { mode: "local" } : null),
    quiz: {
      enabled: e.QUIZ_ENABLED,
      graceMinutes: e.QUIZ_GRACE_MINUTES,
      defaultTime: e.QUIZ_DEFAULT_TIME,
      defaultTimezone: e.QUIZ_DEFAULT_TIMEZONE,
      subscriptions,
      ...(e.QUIZ_SEED !== undefined ? { seed: e.QUIZ_SEED } : {}),
    },
  };
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Every secret value in the config, for scrubbing from logs; includes the password inside DATABASE_URL. */
export function secretValues(config: Config): string[] {
  const out: string[] = [];
  if (config.slack) {
    out.push(config.slack.botToken);
    if (config.slack.signingSecret) out.push(config.slack.signingSecret);
    if (config.slack.mode === "socket") out.push(config.slack.appToken);
  }
  if (config.teams?.mode === "authenticated") out.push(config.teams.appPassword);
  if (config.playgroundToken) out.push(config.playgroundToken);
  if (config.store.kind === "postgres") {
    out.push(config.store.url);
    const password = URL.canParse(config.store.url) ? new URL(config.store.url).password : "";
    if (password) out.push(password, decodeURIComponent(password));
  }
  return [...new Set(out.filter((s) => s.length >= 4))];
}

/** What the start-up banner may say about the store without leaking credentials. */
export function describeStore(store: StoreConfig): string {
  if (store.kind === "sqlite") return `SQLite at ${store.path}`;
  const u = new URL(store.url);
  return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
}
