// srm-bot's server: the one place that reads the configuration and wires every part together.
// Adapters get what they need as arguments; none of them reads process.env.
// Heavy modules are imported after the configuration is known to be valid, so a bad configuration is
// reported at once, and a platform's SDK is loaded only when that platform is configured.

import { type Config, ConfigError, loadConfig, secretValues } from "./config.js";
import type { Surface } from "./server/banner.js";
import type { ReadinessCheck } from "./server/health.js";
import type { Logger } from "./server/logger.js";
import type { ShutdownStep } from "./server/shutdown.js";

/** A start-up problem the operator can fix: printed as one message, no stack trace, exit code 1. */
class StartError extends Error {}

function fail(message: string): never {
  throw new StartError(message);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const { createLogger } = await import("./server/logger.js");
  const logger = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: secretValues(config),
  });

  // --- Knowledge and engine: everything else depends on them, and they never touch the network. ---
  const { KnowledgeError, loadKnowledge } = await import("./knowledge/load.js");
  const { projectRoot } = await import("./knowledge/paths.js");
  const { createEngine } = await import("./engine/index.js");
  let kb: ReturnType<typeof loadKnowledge>;
  try {
    kb = loadKnowledge({ ...config.knowledge, root: projectRoot });
  } catch (err) {
    if (err instanceof KnowledgeError) fail(err.message);
    throw err;
  }
  const engine = createEngine(kb).warm();
  logger.info(
    { entries: kb.entries.length, services: kb.services.length, scenarios: kb.scenarios.length },
    "knowledge loaded",
  );

  // --- Store: SQLite file by default (its folder is created), PostgreSQL with DATABASE_URL. ---
  const { createStore } = await import("./store/index.js");
  const { startStore } = await import("./server/store-lifecycle.js");
  const storeLogger = logger.child({ component: "store" });
  let store: Awaited<ReturnType<typeof createStore>>;
  try {
    store = createStore(
      config.store.kind === "postgres"
        ? { databaseUrl: config.store.url, logger: storeLogger }
        : { sqlitePath: config.store.path, logger: storeLogger },
    );
  } catch (err) {
    const where = config.store.kind === "sqlite" ? `SQLITE_PATH (${config.store.path})` : "DATABASE_URL";
    fail(`srm-bot: cannot open the store set by ${where}: ${(err as Error).message}`);
  }

  // --- Quiz: the service answers chat commands; the scheduler posts daily quizzes through the notifiers. ---
  const { createQuizService } = await import("./quiz/index.js");
  const quiz = createQuizService({
    store,
    kb,
    logger: logger.child({ component: "quiz" }),
    graceMinutes: config.quiz.graceMinutes,
    defaultTime: config.quiz.defaultTime,
    defaultTimezone: config.quiz.defaultTimezone,
    ...(config.quiz.seed !== undefined ? { seed: config.quiz.seed } : {}),
  });

  const storeLife = await startStore(store, {
    logger: storeLogger,
    // Operator subscriptions need the tables; with a database down at start they are applied when it is back.
    onReady: () => quiz.applySubscriptions(config.quiz.subscriptions),
  });

  // --- The one HTTP server and its graceful shutdown. ---
  const { createServerApp, finishServerApp } = await import("./server/app.js");
  const { createInflight } = await import("./server/inflight.js");
  const { createShutdown } = await import("./server/shutdown.js");
  const { mountHealth } = await import("./server/health.js");
  const { listen, boundAddress, ListenError } = await import("./server/http.js");
  const { bannerLines, baseUrl } = await import("./server/banner.js");

  const inflight = createInflight();
  const drainSteps: ShutdownStep[] = [
    // Stops ticking and waits for a quiz post in progress.
    { name: "quiz scheduler", run: () => quiz.stop() },
  ];
  const closeSteps: ShutdownStep[] = [
    // After the last request: work it started after its response (Slack answers after the ack) finishes.
    { name: "work after acknowledgements", run: () => inflight.idle() },
    { name: "store retries", run: () => storeLife.stop() },
    { name: "store", run: () => store.close() },
  ];
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    drain: () => drainSteps,
    close: () => closeSteps,
  });

  const app = createServerApp({
    logger,
    isShuttingDown: shutdown.isShuttingDown,
    trustProxy: config.trustProxy,
    ratePerIp: config.http.ratePerIp,
  });
  const surfaces: Surface[] = [];
  const checks: ReadinessCheck[] = [
    { name: "knowledge", run: () => ({ ok: kb.entries.length > 0, detail: `${kb.entries.length} entries` }) },
    {
      name: "store",
      run: async () => {
        if (!storeLife.migrated) return { ok: false, detail: `${store.kind} not reachable yet; retrying` };
        return (await store.ping())
          ? { ok: true, detail: `${store.kind} reachable` }
          : { ok: false, detail: `${store.kind} not reachable` };
      },
    },
  ];

  // --- Slack: Socket Mode with an app token, else HTTP at /slack/events on the shared app. ---
  let slackStart: (() => Promise<void>) | null = null;
  if (config.slack) {
    const slackConfig = config.slack;
    const { createSlackApp, SLACK_EVENTS_PATH } = await import("./slack/app.js");
    const slack = createSlackApp({
      engine,
      store,
      quiz,
      logger,
      slack: {
        botToken: slackConfig.botToken,
        ...(slackConfig.signingSecret ? { signingSecret: slackConfig.signingSecret } : {}),
        ...(slackConfig.mode === "socket" ? { appToken: slackConfig.appToken } : {}),
        ...(slackConfig.apiUrl ? { apiUrl: slackConfig.apiUrl } : {}),
      },
      expressApp: app,
    });
    quiz.registerNotifier(slack.notifier);
    // Bolt answers after ack(): the listener's work outlives the HTTP response, and shutdown waits for it.
    slack.app.use(async ({ next }) => {
      await inflight.track(next());
    });
    drainSteps.push({ name: "slack", run: () => slack.stop() });
    let started = false;
    slackStart = async () => {
      try {
        await slack.start();
      } catch (err) {
        fail(`srm-bot: ${(err as Error).message}`);
      }
      started = true;
    };
    surfaces.push(
      slackConfig.mode === "socket"
        ? { name: "Slack", where: "Socket Mode", note: "connects out to Slack; no public URL needed" }
        : {
            name: "Slack",
            where: SLACK_EVENTS_PATH,
            note: "Events, slash command and interactivity (HTTP mode)",
          },
    );
    checks.push({
      name: "slack",
      run: () => ({
        ok: started,
        detail: started ? `${slack.mode} mode running` : `${slack.mode} mode not started`,
      }),
    });
  }

  // --- Teams: authenticated with an app id; in local mode unauthenticated, for the Bot Framework Emulator. ---
  if (config.teams) {
    const teamsConfig = config.teams;
    const { mountTeams, TEAMS_PATH } = await import("./teams/index.js");
    const teams = mountTeams(app, { engine, store, quiz, logger, teams: teamsConfig });
    quiz.registerNotifier(teams.notifier);
    surfaces.push({
      name: "Teams",
      where: TEAMS_PATH,
      note:
        teamsConfig.mode === "authenticated"
          ? `Bot Framework messaging endpoint (app ${teamsConfig.appId}, ${teamsConfig.appType})`
          : "unauthenticated, for the Bot Framework Emulator on this machine only",
    });
    checks.push({
      name: "teams",
      run: () => {
        const ok = teams.adapter.authenticated === (teamsConfig.mode === "authenticated");
        return {
          ok,
          detail: teams.adapter.authenticated ? "authenticated endpoint" : "local endpoint (no auth)",
        };
      },
    });
  }

  // --- Playground: the page at / answering through the same code path as Teams. ---
  if (config.playground) {
    const { createPlaygroundRouter } = await import("./playground/router.js");
    app.use(
      createPlaygroundRouter({
        engine,
        store,
        quiz,
        logger: logger.child({ component: "playground" }),
        surfaces: {
          slack: config.slack ? `${config.slack.mode} mode` : null,
          teams: config.teams ? `/api/messages (${config.teams.mode})` : null,
        },
        ...(config.playgroundToken ? { token: config.playgroundToken } : {}),
        ratePerClient: config.http.playgroundPerClient,
      }),
    );
    surfaces.unshift({
      name: "Playground",
      where: "/",
      note: config.playgroundToken
        ? "chat with the bot in your browser (other machines: with PLAYGROUND_TOKEN)"
        : "chat with the bot in your browser (this machine only)",
    });
  }

  mountHealth(app, { checks: () => checks, isShuttingDown: shutdown.isShuttingDown });
  surfaces.push({ name: "Health", where: "/healthz", note: "and /readyz" });
  finishServerApp(app);

  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(app, config.port, config.host, config.http);
  } catch (err) {
    if (err instanceof ListenError) fail(`srm-bot: ${err.message}`);
    throw err;
  }
  shutdown.attach(server);
  shutdown.installSignalHandlers();
  installCrashGuards(logger, () => void shutdown.begin("uncaught exception").then(() => process.exit(1)));

  if (slackStart) await slackStart();
  if (config.quiz.enabled) quiz.start();

  if (config.mode === "local" && !["127.0.0.1", "::1", "localhost"].includes(config.host))
    logger.warn(
      { host: config.host },
      "local mode on a non-loopback address: the unauthenticated Teams endpoint is reachable from other machines",
    );
  const bound = boundAddress(server);
  const lines = bannerLines(config, bound, surfaces);
  // In a terminal the banner speaks for itself; in JSON the same facts are fields too.
  const fields =
    config.logFormat === "json"
      ? { url: baseUrl(bound), address: bound.address, port: bound.port, mode: config.mode, surfaces }
      : {};
  logger.info(fields, lines.join("\n"));
}

/** A stray rejection is logged, not fatal; an uncaught exception leaves state unknown, so we stop cleanly. */
function installCrashGuards(logger: Logger, stop: () => void): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "unhandled promise rejection");
  });
  process.on("uncaughtException", (err) => {
    logger.fatal({ err }, "uncaught exception; shutting down");
    stop();
  });
}

main().catch((err: unknown) => {
  const message =
    err instanceof StartError
      ? err.message
      : `srm-bot: could not start: ${(err as Error)?.message ?? String(err)}`;
  process.stderr.write(`${message}\n`);
  // Open handles (a database pool, timers, a listening socket) must not keep a failed start alive.
  process.exit(1);
});
