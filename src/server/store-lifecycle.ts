import type { Logger } from "pino";
import type { Store } from "../store/types.js";

export interface StoreLifecycle {
  /** True once migrations ran; until then `/readyz` reports the store as not ready. */
  readonly migrated: boolean;
  readonly lastError: string | null;
  /** Stops retrying (shutdown). */
  stop(): void;
}

export interface StoreLifecycleOptions {
  logger: Logger;
  /** Runs once after migrations first succeed (e.g. applying operator quiz subscriptions). */
  onReady?: () => Promise<void>;
  /** How long the first attempt may take before start-up goes on without the store. */
  firstAttemptMs?: number;
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * Runs migrations at start. A database that is down at start does not stop the server: answers need no store,
 * `/readyz` says the store is not ready, and migrations are retried until it is back — no restart needed.
 */
export async function startStore(store: Store, opts: StoreLifecycleOptions): Promise<StoreLifecycle> {
  const { logger } = opts;
  let migrated = false;
  let lastError: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = opts.retryMs ?? 2000;
  const maxDelay = opts.maxRetryMs ?? 30_000;

  const attempt = async (): Promise<void> => {
    try {
      await store.migrate();
      migrated = true;
      if (lastError) logger.info({ store: store.kind }, "store is reachable again; migrations done");
      lastError = null;
    } catch (err) {
      lastError = (err as Error).message || String(err);
      throw err;
    }
    try {
      await opts.onReady?.();
    } catch (err) {
      logger.error({ err }, "store start-up task failed");
    }
  };
  const retry = () => {
    if (stopped || migrated) return;
    timer = setTimeout(() => {
      attempt().catch(() => {
        delay = Math.min(delay * 2, maxDelay);
        retry();
      });
    }, delay);
    timer.unref();
  };

  const first = attempt();
  const firstMs = opts.firstAttemptMs ?? 5000;
  let firstTimer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    first.then(
      () => "ok" as const,
      () => "failed" as const,
    ),
    new Promise<"slow">((r) => {
      firstTimer = setTimeout(() => r("slow"), firstMs);
    }),
  ]);
  clearTimeout(firstTimer);
  if (outcome === "failed") {
    logger.error(
      { store: store.kind, reason: lastError },
      "store unavailable at start; answers work, quiz waits; retrying",
    );
    retry();
  } else if (outcome === "slow") {
    logger.warn(
      { store: store.kind, afterMs: firstMs },
      "store is slow to answer at start; going on without it",
    );
    // The first attempt is still running: retry only if it fails.
    first.catch(() => {
      logger.error({ store: store.kind, reason: lastError }, "store unavailable; retrying");
      retry();
    });
  }

  return {
    get migrated() {
      return migrated;
    },
    get lastError() {
      return lastError;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
