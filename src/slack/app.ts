// The Slack adapter: a Bolt app answering mentions, DMs, /srm and buttons, in Socket Mode (app token set)
// or over HTTP at /slack/events on the shared express app.

import { App, type AppOptions, type Authorize, SocketModeReceiver, type webApi } from "@slack/bolt";
import express, { type Express } from "express";
import type { Logger } from "pino";
import type { SlackConfig } from "../config.js";
import type { Engine } from "../engine/engine.js";
import type { Notifier, Pace, QuizService } from "../quiz/types.js";
import { rawBodyReader } from "../server/body-limit.js";
import type { RateLimiter } from "../server/rate-limit.js";
import { SeenRequests } from "../server/seen-requests.js";
import type { Store } from "../store/types.js";
import { clientOptionsFor, createSlackClient } from "./client.js";
import { slackErrorCode } from "./converse.js";
import { dropRepeatedRequests } from "./dedupe.js";
import type { SlackDeps } from "./deps.js";
import { registerListeners } from "./listeners/index.js";
import { boltLogger } from "./logger.js";
import { createSlackNotifier } from "./notifier.js";
import { SlackHttpReceiver } from "./receiver.js";
import { UserDirectory } from "./users.js";
import { slackSignatureGuard } from "./verify.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackAppOptions {
  engine: Engine;
  store: Store;
  /** Absent until the quiz is wired: quiz commands then answer that the quiz is not available. */
  quiz?: QuizService;
  logger: Logger;
  slack: SlackConfig;
  /** HTTP mode: the shared express app to mount /slack/events on (one is created when absent). */
  expressApp?: Express;
  /** Web API client tuning; tests turn retries off. */
  clientOptions?: Pick<webApi.WebClientOptions, "retryConfig" | "timeout">;
  /** Writes per person; absent: no limit. */
  userLimit?: RateLimiter;
  /** How fast the daily quiz may post (slackPace); absent: unpaced. */
  pace?: Pace;
}

export interface SlackApp {
  app: App;
  mode: "socket" | "http";
  /** Web API client with the bot token (and apiUrl): for the notifier and `srm-bot quiz post`. */
  client: webApi.WebClient;
  /** The quiz's way into Slack, built on `client`. */
  notifier: Notifier;
  /** HTTP mode: the express app /slack/events is mounted on. */
  expressApp?: Express;
  /** Attaches (or replaces) the quiz service after the app is built: the quiz needs `notifier` first. */
  setQuiz(quiz: QuizService | undefined): void;
  /** Checks the bot token (auth.test); in Socket Mode also connects. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Token problems that no retry will fix: start() fails on them with a clear message. */
const BAD_TOKEN = new Set([
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
]);

export function createSlackApp(opts: SlackAppOptions): SlackApp {
  const { slack } = opts;
  const logger = opts.logger.child({ component: "slack" });
  const { mode } = slack;

  const sdkLogger = boltLogger(opts.logger);
  const clientOptions = clientOptionsFor(slack.apiUrl, { logger: sdkLogger, ...opts.clientOptions });
  const client = createSlackClient(slack, { logger: sdkLogger, ...opts.clientOptions });

  const { authorize, checkIdentity } = identityCheck(client, slack.botToken, logger, mode);

  const { app, expressApp } = boltApp(opts, authorize, sdkLogger, clientOptions, logger);

  let quiz = opts.quiz;
  const users = new UserDirectory(logger);
  const { engine, store, userLimit } = opts;
  const deps: SlackDeps = {
    engine,
    store,
    quiz: () => quiz,
    logger,
    users,
    ...(userLimit ? { userLimit } : {}),
  };

  app.use(dropRepeatedRequests(new SeenRequests(opts.store, logger), logger));
  registerListeners(app, deps);
  app.error(async (err) => {
    // Listeners catch their own errors and tell the user; this is what slipped past them.
    logger.error({ err }, "unhandled error in a Slack listener");
  });

  let started = false;
  return {
    app,
    mode,
    client,
    notifier: createSlackNotifier(client, logger, opts.pace),
    ...(expressApp ? { expressApp } : {}),
    setQuiz(q) {
      quiz = q;
    },
    async start() {
      try {
        await checkIdentity();
      } catch (err) {
        const code = slackErrorCode(err);
        if (code && BAD_TOKEN.has(code)) throw new Error(`Slack rejected SLACK_BOT_TOKEN (${code})`);
        // Slack unreachable right now: keep going, the first event tries again.
        logger.warn({ err }, "could not reach Slack to check the bot token; continuing");
      }
      if (mode === "socket") await app.start();
      started = true;
    },
    async stop() {
      if (mode === "socket" && started) await app.stop();
      started = false;
      users.clear();
    },
  };
}

/** Bolt's App on a Socket Mode receiver, or on /slack/events of the express app (signatures checked first). */
function boltApp(
  opts: SlackAppOptions,
  authorize: Authorize<boolean>,
  sdkLogger: ReturnType<typeof boltLogger>,
  clientOptions: ReturnType<typeof clientOptionsFor>,
  logger: Logger,
): { app: App; expressApp?: Express } {
  const { slack } = opts;
  const common: AppOptions = {
    authorize,
    logger: sdkLogger,
    clientOptions,
    // srm-bot keeps no per-conversation state in Bolt.
    convoStore: false,
    // The mention and DM listeners drop every bot's messages, srm-bot's own included: Bolt's global filter
    // would only repeat that check on every request, slash commands and buttons too.
    ignoreSelf: false,
  };
  if (slack.mode === "socket") {
    const receiver = socketReceiver(slack.appToken, sdkLogger, clientOptions);
    return { app: new App({ ...common, socketMode: true, receiver }) };
  } else {
    const expressApp = opts.expressApp ?? express();
    const receiver = new SlackHttpReceiver(logger);
    // Read (size-limited; the shared server has read it already) and verified before Bolt sees it.
    expressApp.post(
      SLACK_EVENTS_PATH,
      rawBodyReader(),
      slackSignatureGuard(slack.signingSecret, logger),
      receiver.handler,
    );
    return { app: new App({ ...common, receiver }), expressApp };
  }
}

/**
 * Our own authorize instead of Bolt's token option: Bolt would call auth.test in its constructor (an
 * unhandled rejection when Slack is unreachable) and would wait for it before acknowledging anything.
 */
function identityCheck(
  client: webApi.WebClient,
  botToken: string,
  logger: Logger,
  mode: SlackConfig["mode"],
): { authorize: Authorize<boolean>; checkIdentity: () => Promise<void> } {
  let identity: { botId?: string; botUserId?: string } = {};
  let checking: Promise<void> | undefined;
  const checkIdentity = (): Promise<void> => {
    checking ??= client.auth
      .test()
      .then((r) => {
        identity = { botId: r.bot_id, botUserId: r.user_id };
        logger.info({ team: r.team_id, botUser: r.user_id, mode }, "connected to Slack");
      })
      .finally(() => {
        checking = undefined;
      });
    return checking;
  };
  const authorize: Authorize<boolean> = async () => {
    if (!identity.botUserId) checkIdentity().catch((err) => logger.warn({ err }, "Slack auth.test failed"));
    return { botToken, ...identity };
  };
  return { authorize, checkIdentity };
}

/** Our own Socket Mode receiver only to hand each envelope's id to the dedupe middleware (dedupe.ts). */
function socketReceiver(
  appToken: string,
  logger: ReturnType<typeof boltLogger>,
  clientOptions: webApi.WebClientOptions,
): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken,
    logger,
    // Where apps.connections.open is called (GovSlack, a local fake): what App would have passed.
    installerOptions: { clientOptions },
    customPropertiesExtractor: (args) => {
      const id = (args as { envelope_id?: unknown }).envelope_id;
      return typeof id === "string" ? { envelopeId: id } : {};
    },
  });
}
