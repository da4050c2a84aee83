import type { Server } from "node:http";
import type { Logger } from "pino";

export interface ShutdownStep {
  name: string;
  run(): Promise<void> | void;
}

export interface ShutdownOptions {
  logger: Logger;
  /** Whole budget, from the signal to exit; the default keeps well inside a 10 s termination grace period. */
  timeoutMs: number;
  /** Run while the server drains: stop the scheduler, Slack's socket, wait for work after acks. */
  drain: () => ShutdownStep[];
  /** Run after the server and the drain steps are done, in order: close the store last. */
  close: () => ShutdownStep[];
  exit?: (code: number) => void;
}

export interface Shutdown {
  /** Set once the server listens; shutdown before that skips the HTTP drain. */
  attach(server: Server): void;
  isShuttingDown(): boolean;
  /** Starts the shutdown (idempotent); resolves with the exit code once it is done. */
  begin(reason: string): Promise<number>;
  /** SIGTERM and SIGINT start it; a second signal exits at once. */
  installSignalHandlers(): void;
}

async function runStep(logger: Logger, step: ShutdownStep): Promise<boolean> {
  try {
    await step.run();
    return true;
  } catch (err) {
    logger.error({ err, step: step.name }, "shutdown step failed");
    return false;
  }
}

/**
 * Graceful stop: refuse new connections, let in-flight requests and quiz posts finish, close the store, exit 0.
 * If the budget runs out, open connections are cut and the exit code is 1, so an operator sees it was not clean.
 */
export function createShutdown(opts: ShutdownOptions): Shutdown {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  let server: Server | null = null;
  let started: Promise<number> | null = null;

  async function stop(reason: string): Promise<number> {
    const { logger } = opts;
    const t0 = Date.now();
    logger.info({ reason, timeoutMs: opts.timeoutMs }, "shutting down: finishing in-flight work");
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), opts.timeoutMs);
      timer.unref();
    });

    const serverClosed = server ? closeServer(server) : Promise.resolve();

    let stepsOk = true;
    const drained = Promise.all([
      serverClosed,
      ...opts.drain().map((s) =>
        runStep(logger, s).then((ran) => {
          if (!ran) stepsOk = false;
        }),
      ),
    ]).then(() => "done" as const);
    const outcome = await Promise.race([drained, deadline]);
    let ok = outcome === "done" && stepsOk;
    if (!ok) {
      logger.error(
        { afterMs: Date.now() - t0 },
        "shutdown: in-flight work did not finish in time; closing connections",
      );
      server?.closeAllConnections();
    }
    // Closing the store is bounded too: a hung database must not keep the process alive past the budget.
    const remaining = Math.max(500, opts.timeoutMs - (Date.now() - t0));
    const closeAll = (async () => {
      for (const step of opts.close()) if (!(await runStep(logger, step))) ok = false;
    })();
    const closed = await Promise.race([
      closeAll.then(() => "done" as const),
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), remaining).unref()),
    ]);
    if (closed === "timeout") {
      ok = false;
      logger.error("shutdown: closing resources did not finish in time");
    }
    clearTimeout(timer);
    const code = ok ? 0 : 1;
    logger.info({ ms: Date.now() - t0, exitCode: code }, "stopped");
    return code;
  }

  const api: Shutdown = {
    attach(s) {
      server = s;
    },
    isShuttingDown: () => started !== null,
    begin(reason) {
      if (!started) started = stop(reason);
      return started;
    },
    installSignalHandlers() {
      for (const signal of ["SIGTERM", "SIGINT"] as const)
        process.on(signal, () => {
          if (started) {
            opts.logger.warn({ signal }, "second signal: exiting now");
            exit(1);
            return;
          }
          void api.begin(signal).then(exit);
        });
    },
  };
  return api;
}

/** Resolves once the server has closed; idle keep-alive sockets would hold close() open, so they are swept. */
function closeServer(s: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    s.close(() => resolve());
    // Busy sockets get `connection: close` on their response; idle ones are closed as they become idle.
    s.closeIdleConnections();
    const sweep = setInterval(() => s.closeIdleConnections(), 50);
    sweep.unref();
    s.once("close", () => clearInterval(sweep));
  });
}
