import { z } from "zod";

/**
 * The shape of srm-bot's configuration, once read and checked: every part of the code takes its slice of
 * `Config` (the Slack adapter `SlackConfig`, the store `StoreConfig`…), so no settings type is copied by hand.
 * The environment variables and their checks are in env.ts; loadConfig (src/config.ts) turns one into the other.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const ChannelKeySchema = z.object({
  platform: z.enum(["slack", "teams", "playground"]),
  workspace: z.string(),
  channel: z.string(),
});

export const SlackConfigSchema = z.discriminatedUnion("mode", [
  /** An app token: Socket Mode, connecting out to Slack (no public URL needed). */
  z.object({
    mode: z.literal("socket"),
    botToken: z.string(),
    appToken: z.string(),
    signingSecret: z.string().optional(),
    /** Web API base URL ending in "/", e.g. https://slack-gov.com/api/ (GovSlack) or a local fake in tests. */
    apiUrl: z.string().optional(),
  }),
  /** HTTP at /slack/events: every request is checked against the signing secret. */
  z.object({
    mode: z.literal("http"),
    botToken: z.string(),
    signingSecret: z.string(),
    apiUrl: z.string().optional(),
  }),
]);

export const TeamsConfigSchema = z.discriminatedUnion("mode", [
  /** No app id: unauthenticated, for the Bot Framework Emulator on this machine only. */
  z.object({ mode: z.literal("local") }),
  z.object({
    mode: z.literal("authenticated"),
    appId: z.string(),
    appPassword: z.string(),
    appType: z.enum(["MultiTenant", "SingleTenant"]),
    /** Required for SingleTenant bots. */
    tenantId: z.string().optional(),
  }),
]);

export const StoreConfigSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("sqlite"), path: z.string() }),
  z.object({ kind: z.literal("postgres"), url: z.string() }),
]);

/** A channel the operator subscribed to the daily quiz (QUIZ_SUBSCRIPTIONS). */
const FixedSubscriptionSchema = ChannelKeySchema.extend({
  /** "HH:MM", 24-hour local time. */
  time: z.string(),
  timezone: z.string(),
  days: z.enum(["weekdays", "daily"]),
});

export const QuizConfigSchema = z.object({
  /** Runs the daily-quiz scheduler in this process. */
  enabled: z.boolean(),
  /** How late a missed daily slot may still be posted after a restart. */
  graceMinutes: z.number(),
  defaultTime: z.string(),
  /** Used when the platform does not tell the requester's time zone. */
  defaultTimezone: z.string(),
  /** Channels subscribed by the operator rather than from chat. */
  subscriptions: z.array(FixedSubscriptionSchema),
  /** Fixes the question order (tests, demos). */
  seed: z.number().optional(),
  /** Daily posts in progress at once in one process. */
  postConcurrency: z.number(),
  /** Slack chat.postMessage budget for one workspace, all replicas together (messages a minute). */
  slackPostsPerMinute: z.number(),
  /** Teams proactive messages a second into one tenant, all replicas together. */
  teamsPostsPerSecond: z.number(),
});

/** How long a client may take and how much it may ask: the server's defence against slow and noisy clients. */
export const HttpLimitsSchema = z.object({
  /** Time to receive a request's headers (ms). */
  headersTimeoutMs: z.number(),
  /** Time to receive a whole request, body included (ms). */
  requestTimeoutMs: z.number(),
  /** How long an idle keep-alive connection stays open (ms). */
  keepAliveTimeoutMs: z.number(),
  /** Most connections open at once; more are closed as they arrive. */
  maxConnections: z.number(),
  /** Requests per second one client address may make, on every endpoint (0 turns the limit off). */
  ratePerIp: z.number(),
  /** Writes (quiz answers, votes, quiz commands) per minute per person, on every surface (0: no limit). */
  writesPerUserPerMinute: z.number(),
  /** Playground API requests per second per client address (0 turns the limit off). */
  playgroundPerClient: z.number(),
});

export const ConfigSchema = z.object({
  /** "local": no Slack or Teams credentials at all — playground and Emulator endpoint only. */
  mode: z.enum(["local", "connected"]),
  port: z.number(),
  host: z.string(),
  logLevel: z.enum(LOG_LEVELS),
  logFormat: z.enum(["json", "pretty"]),
  trustProxy: z.union([z.boolean(), z.number()]),
  shutdownTimeoutMs: z.number(),
  /** Whether the playground is served: by default only in local mode (PLAYGROUND unset). */
  playground: z.boolean(),
  /** With it set, the playground also answers clients not on loopback that present it. */
  playgroundToken: z.string().optional(),
  http: HttpLimitsSchema,
  knowledge: z.object({ dataDir: z.string(), intentsDir: z.string() }),
  store: StoreConfigSchema,
  slack: SlackConfigSchema.nullable(),
  teams: TeamsConfigSchema.nullable(),
  quiz: QuizConfigSchema,
});

export type Config = z.infer<typeof ConfigSchema>;
export type LogLevel = Config["logLevel"];
export type SlackConfig = z.infer<typeof SlackConfigSchema>;
export type TeamsConfig = z.infer<typeof TeamsConfigSchema>;
export type StoreConfig = Config["store"];
export type QuizConfig = Config["quiz"];
export type HttpLimits = Config["http"];
export type FixedSubscription = QuizConfig["subscriptions"][number];
