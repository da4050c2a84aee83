// The contract between the server and each chat surface: the server hands a surface what every surface
// shares, and the surface says what it adds. One module per platform implements it (slack.ts, teams.ts,
// playground.ts); src/index.ts mounts the ones the configuration enables.

import type { Express } from "express";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Engine } from "../engine/engine.js";
import type { Notifier, QuizService } from "../quiz/types.js";
import type { BannerLine } from "../server/banner.js";
import type { ReadinessCheck } from "../server/health.js";
import type { Inflight } from "../server/inflight.js";
import type { RateLimiter } from "../server/rate-limit.js";
import type { ShutdownStep } from "../server/shutdown.js";
import type { Store } from "../store/types.js";

/** What every surface is given. */
export interface SurfaceContext {
  config: Config;
  /** The one express app: HTTP surfaces add their routes to it. */
  app: Express;
  engine: Engine;
  store: Store;
  quiz: QuizService;
  logger: Logger;
  /** Work that outlives its HTTP response; shutdown waits for it. */
  inflight: Inflight;
  /** Writes per person, one budget across every surface (keys "<platform>:<user>"). */
  userLimit: RateLimiter;
}

/** What a mounted surface adds to the server. */
export interface MountedSurface {
  /** Its line in the start-up banner. */
  banner: BannerLine;
  /** How the daily quiz posts into it; absent where nobody else can see a post (the playground). */
  notifier?: Notifier;
  /** Part of /readyz. */
  readiness?: ReadinessCheck;
  /** Run while the server drains at shutdown. */
  drain?: ShutdownStep;
  /** Run once the server listens (Slack checks its token and connects). */
  start?: () => Promise<void>;
}

/** A start-up problem the operator can fix: printed as one message, no stack trace, exit code 1. */
export class StartError extends Error {}

export function fail(message: string): never {
  throw new StartError(message);
}
