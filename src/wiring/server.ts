// The server's shared parts, built once whatever surfaces are mounted: knowledge and engine, the store and its
// retries, the quiz, the express app with health probes, and the graceful shutdown.

import type { Express } from "express";
import type { Config } from "../config.js";
import { createEngine } from "../engine/index.js";
import { KnowledgeError } from "../knowledge/load.js";
import type { KnowledgeBase } from "../knowledge/schema.js";
import { createQuizService, type QuizRuntime } from "../quiz/service.js";
import { createServerApp, finishServerApp } from "../server/app.js";
import { bannerLines, baseUrl } from "../server/banner.js";
import { mountHealth, type ReadinessCheck } from "../server/health.js";
import { boundAddress, ListenError, listen } from "../server/http.js";
import { createInflight, type Inflight } from "../server/inflight.js";
import type { Logger } from "../server/logger.js";
import { userWriteLimiter } from "../server/rate-limit.js";
import { createShutdown, type Shutdown, type ShutdownStep } from "../server/shutdown.js";
import { type StoreLifecycle, startStore } from "../server/store-lifecycle.js";
import { createStore } from "../store/create.js";
import type { Store } from "../store/types.js";
import { loadConfiguredKnowledge, quizSettings, storeOptions } from "./core.js";
import { fail, type MountedSurface, type SurfaceContext } from "./surface.js";

export interface Server {
  /** What each surface is mounted with. */
  context: SurfaceContext;
  /** Listens, starts the mounted surfaces and the quiz scheduler, and prints the banner. */
  serve(surfaces: MountedSurface[]): Promise<void>;
}

export async function createServer(config: Config, logger: Logger): Promise<Server> {
  const kb = knowledge(config);
  const engine = createEngine(kb).warm();
  logger.info(
    { entries: kb.entries.length, services: kb.services.length, scenarios: kb.scenarios.length },
    "knowledge loaded",
  );
  const storeLogger = logger.child({ component: "store" });
  const store = openStoreOrFail(config, storeLogger);
  const quiz = createQuizService({
    store,
    kb,
    logger: logger.child({ component: "quiz" }),
    ...quizSettings(config),
  });
  const storeLife = await startStore(store, {
    logger: storeLogger,
    // Operator subscriptions need the tables; with a database down at start they are applied when it is back.
    onReady: () => quiz.applySubscriptions(config.quiz.subscriptions),
  });
  const inflight = createInflight();
  const drain: ShutdownStep[] = [
    // Stops ticking and waits for a quiz post in progress.
    { name: "quiz scheduler", run: () => quiz.stop() },
  ];
  const shutdown = createShutdown({
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    drain: () => drain,
    close: () => closeSteps(inflight, storeLife, store),
  });
  const app = createServerApp({
    logger,
    isShuttingDown: shutdown.isShuttingDown,
    trustProxy: config.trustProxy,
    ratePerIp: config.http.ratePerIp,
  });
  const checks = coreChecks(kb, store, storeLife);
  const userLimit = userWriteLimiter(config.http.writesPerUserPerMinute, logger);
  const context: SurfaceContext = { config, app, engine, store, quiz, logger, inflight, userLimit };
  return {
    context,
    async serve(surfaces) {
      for (const s of surfaces) {
        if (s.notifier) quiz.registerNotifier(s.notifier);
        if (s.readiness) checks.push(s.readiness);
        if (s.drain) drain.push(s.drain);
      }
      await listenAndStart({ config, logger, app, shutdown, quiz, checks }, surfaces);
    },
  };
}

function knowledge(config: Config): KnowledgeBase {
  try {
    return loadConfiguredKnowledge(config);
  } catch (err) {
    if (err instanceof KnowledgeError) fail(err.message);
    throw err;
  }
}

/** SQLite file by default (its folder is created), PostgreSQL with DATABASE_URL; migrated by startStore. */
function openStoreOrFail(config: Config, logger: Logger): Store {
  try {
    return createStore(storeOptions(config.store, logger));
  } catch (err) {
    const where = config.store.kind === "sqlite" ? `SQLITE_PATH (${config.store.path})` : "DATABASE_URL";
    fail(`srm-bot: cannot open the store set by ${where}: ${(err as Error).message}`);
  }
}

function closeSteps(inflight: Inflight, storeLife: StoreLifecycle, store: Store): ShutdownStep[] {
  return [
    // After the last request: work it started after its response (Slack answers after the ack) finishes.
    { name: "work after acknowledgements", run: () => inflight.idle() },
    { name: "store retries", run: () => storeLife.stop() },
    { name: "store", run: () => store.close() },
  ];
}

function coreChecks(kb: KnowledgeBase, store: Store, storeLife: StoreLifecycle): ReadinessCheck[] {
  return [
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
}

interface Running {
  config: Config;
  logger: Logger;
  app: Express;
  shutdown: Shutdown;
  quiz: QuizRuntime;
  checks: ReadinessCheck[];
}

async function listenAndStart(run: Running, surfaces: MountedSurface[]): Promise<void> {
  const { config, logger, app, shutdown } = run;
  mountHealth(app, { checks: () => run.checks, isShuttingDown: shutdown.isShuttingDown });
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

  for (const s of surfaces) await s.start?.();
  if (config.quiz.enabled) run.quiz.start();

  if (config.mode === "local" && !["127.0.0.1", "::1", "localhost"].includes(config.host))
    logger.warn(
      { host: config.host },
      "local mode on a non-loopback address: the unauthenticated Teams endpoint is reachable from other machines",
    );
  const bound = boundAddress(server);
  const lines = [
    ...surfaces.map((s) => s.banner),
    { name: "Health", where: "/healthz", note: "and /readyz" },
  ];
  const text = bannerLines(config, bound, lines);
  // In a terminal the banner speaks for itself; in JSON the same facts are fields too.
  const fields =
    config.logFormat === "json"
      ? { url: baseUrl(bound), address: bound.address, port: bound.port, mode: config.mode, surfaces: lines }
      : {};
  logger.info(fields, text.join("\n"));
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
