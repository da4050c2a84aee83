import { readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { parse as parseDotenv } from "dotenv";
import type { z } from "zod";
import { blankToUndefined, type ConfigProblem, credentialProblems, EnvSchema } from "./config/env.js";
import type { Config, FixedSubscription, SlackConfig, StoreConfig, TeamsConfig } from "./config/schema.js";
import { defaultDataDir, defaultIntentsDir } from "./knowledge/paths.js";
import { SubscriptionListError, subscriptionsFromEnv } from "./quiz/schedule.js";

/**
 * The one place that reads the environment. Everything else receives typed values from here,
 * so a bad deployment stops at start with every problem listed, not at the first request.
 */

export { CONFIG_VARIABLES, type ConfigProblem } from "./config/env.js";
export {
  type Config,
  type FixedSubscription,
  type HttpLimits,
  LOG_LEVELS,
  type LogLevel,
  type QuizConfig,
  type SlackConfig,
  type StoreConfig,
  type TeamsConfig,
} from "./config/schema.js";

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

type Env = z.output<typeof EnvSchema>;

/** Parses the environment (and optional `.env`) into a Config, or throws one ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: LoadConfigOptions = {}): Config {
  const cwd = opts.cwd ?? process.cwd();
  const envFile = opts.envFile === undefined ? resolve(cwd, ".env") : opts.envFile;
  // The real environment wins over .env, as every deployment tool expects.
  const merged: Record<string, string | undefined> = { ...readEnvFile(envFile), ...env };

  const parsed = EnvSchema.safeParse(merged);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ variable: issuePath(i.path), message: i.message }));
  const trustProxy = parseTrustProxy(blankToUndefined(merged.TRUST_PROXY) as string | undefined);
  if (typeof trustProxy === "object") problems.push(trustProxy);
  problems.push(...credentialProblems(merged));
  const subscriptions = parsed.success ? fixedSubscriptions(parsed.data, problems) : [];
  if (problems.length || !parsed.success || typeof trustProxy === "object") throw new ConfigError(problems);
  return fromEnv(parsed.data, { cwd, trustProxy, subscriptions });
}

function readEnvFile(envFile: string | null): Record<string, string> {
  if (!envFile) return {};
  try {
    return parseDotenv(readFileSync(envFile));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError([{ variable: envFile, message: `cannot be read (${(err as Error).message})` }]);
  }
}

/** QUIZ_SUBSCRIPTIONS read into schedules; each bad item becomes a problem of its own. */
function fixedSubscriptions(e: Env, problems: ConfigProblem[]): FixedSubscription[] {
  if (!e.QUIZ_SUBSCRIPTIONS) return [];
  try {
    return subscriptionsFromEnv(e.QUIZ_SUBSCRIPTIONS, {
      time: e.QUIZ_DEFAULT_TIME,
      timezone: e.QUIZ_DEFAULT_TIMEZONE,
    });
  } catch (err) {
    if (!(err instanceof SubscriptionListError)) throw err;
    for (const message of err.problems) problems.push({ variable: "QUIZ_SUBSCRIPTIONS", message });
    return [];
  }
}

/** The one place Slack's mode is decided: an app token means Socket Mode, else HTTP with the signing secret. */
function slackFrom(e: Env): SlackConfig | null {
  if (!e.SLACK_BOT_TOKEN) return null;
  const apiUrl = e.SLACK_API_URL ? { apiUrl: withSlash(e.SLACK_API_URL) } : {};
  if (e.SLACK_APP_TOKEN)
    return {
      mode: "socket",
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      ...(e.SLACK_SIGNING_SECRET ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      ...apiUrl,
    };
  if (e.SLACK_SIGNING_SECRET)
    return { mode: "http", botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, ...apiUrl };
  return null;
}

function teamsFrom(e: Env): TeamsConfig | null {
  if (!e.MICROSOFT_APP_ID || !e.MICROSOFT_APP_PASSWORD) return null;
  return {
    mode: "authenticated",
    appId: e.MICROSOFT_APP_ID,
    appPassword: e.MICROSOFT_APP_PASSWORD,
    appType: e.MICROSOFT_APP_TYPE,
    ...(e.MICROSOFT_APP_TENANT_ID ? { tenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
  };
}

function fromEnv(
  e: Env,
  found: { cwd: string; trustProxy: boolean | number; subscriptions: FixedSubscription[] },
): Config {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(found.cwd, p));
  const slack = slackFrom(e);
  const teamsAuth = teamsFrom(e);
  const mode = slack || teamsAuth ? "connected" : "local";
  return {
    mode,
    port: e.PORT,
    // Local mode serves an unauthenticated endpoint: keep it on this machine unless told otherwise.
    host: e.HOST ?? (mode === "local" ? "127.0.0.1" : "0.0.0.0"),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === "auto" ? (process.stdout.isTTY ? "pretty" : "json") : e.LOG_FORMAT,
    trustProxy: found.trustProxy,
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
      writesPerUserPerMinute: e.RATE_LIMIT_PER_USER,
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
      subscriptions: found.subscriptions,
      postConcurrency: e.QUIZ_POST_CONCURRENCY,
      slackPostsPerMinute: e.SLACK_POSTS_PER_MINUTE,
      teamsPostsPerSecond: e.TEAMS_POSTS_PER_SECOND,
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
