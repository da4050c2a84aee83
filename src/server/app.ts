import express, { type Express } from "express";
import type { Logger } from "pino";
import { BODY_LIMIT_BYTES, declaredLengthGuard, rawBodyReader } from "./body-limit.js";
import { errorHandler, notFound } from "./errors.js";
import { RateLimiter, rateLimit } from "./rate-limit.js";
import { requestContext } from "./request-context.js";

export const SLACK_EVENTS_PATH = "/slack/events";
export const TEAMS_MESSAGES_PATH = "/api/messages";

export interface ServerAppOptions {
  logger: Logger;
  isShuttingDown: () => boolean;
  trustProxy?: boolean | number;
  bodyLimit?: number;
  /** Requests per second per client address on every endpoint but the health probes; 0 or unset: none. */
  ratePerIp?: number;
}

const PROBES = new Set(["/healthz", "/readyz"]);

/**
 * The shared express app, before any adapter mounts its routes. No global body parser: Slack needs the raw
 * bytes to check signatures and each adapter parses its own body; only the size limit applies everywhere.
 * Call `finishServerApp` after every route is mounted.
 */
export function createServerApp(opts: ServerAppOptions): Express {
  const limit = opts.bodyLimit ?? BODY_LIMIT_BYTES;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", opts.trustProxy ?? false);
  app.use(requestContext({ logger: opts.logger, isShuttingDown: opts.isShuttingDown }));
  app.use((_req, res, next) => {
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    next();
  });
  if (opts.ratePerIp) {
    const limiter = new RateLimiter({ name: "ip", perSecond: opts.ratePerIp, logger: opts.logger });
    // Before any body is read: a refused request costs no parsing.
    app.use(
      rateLimit(limiter, (req) => (PROBES.has(req.path) ? undefined : (req.ip ?? "unknown")), "requests"),
    );
  }
  app.use(declaredLengthGuard(limit));
  app.use(SLACK_EVENTS_PATH, rawBodyReader(limit));
  return app;
}

/** 404 for unknown paths and the error handler: always last, after the adapters' routes. */
export function finishServerApp(app: Express): void {
  app.use(notFound);
  app.use(errorHandler);
}

/** A JSON body parser with the shared limit, for routes that take JSON (playground, Teams). */
export function jsonBody(limit = BODY_LIMIT_BYTES) {
  return express.json({ limit, type: ["application/json", "application/*+json"] });
}
