import { z } from "zod";
import { DEFAULT_SQLITE_PATH } from "../store/location.js";
import { LOG_LEVELS } from "./schema.js";

// The environment variables srm-bot reads, each checked with the message an operator needs to fix it.

export interface ConfigProblem {
  variable: string;
  message: string;
}

// `.env` files often hold `NAME=` for "not set": treat blank values as absent.
export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
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

export const EnvSchema = z.object({
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
  RATE_LIMIT_PER_USER: withDefault(int(0, 1_000_000), "60"),
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
  SQLITE_PATH: withDefault(z.string().trim(), DEFAULT_SQLITE_PATH),
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
  QUIZ_POST_CONCURRENCY: withDefault(int(1, 256), "16"),
  SLACK_POSTS_PER_MINUTE: withDefault(int(1, 100_000), "300"),
  TEAMS_POSTS_PER_SECOND: withDefault(int(1, 1_000), "20"),
});

/** Every variable srm-bot reads (.env.example documents each; a test checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape);

/**
 * Credentials that only work together: each missing partner is named. Judged on presence alone, so they are
 * reported together with any format problems, in the same message.
 */
export function credentialProblems(raw: Record<string, string | undefined>): ConfigProblem[] {
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
