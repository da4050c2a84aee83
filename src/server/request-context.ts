import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";

declare module "express-serve-static-core" {
  interface Request {
    /** Set by requestContext: echoed as `x-request-id` and on every log line of the request. */
    id?: string;
    /** The request's child logger (carries `reqId`). */
    log?: Logger;
    /** The unparsed body, for handlers that verify signatures over exact bytes (Slack). */
    rawBody?: Buffer;
  }
}

const INCOMING_ID = /^[\w.:-]{1,64}$/;
/** Probes hit these every few seconds; at info they would drown the useful lines. */
const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

export interface RequestContextOptions {
  logger: Logger;
  /** True once shutdown began: responses then ask the client to close its keep-alive connection. */
  isShuttingDown: () => boolean;
}

/** Longest path written to a log line: the rest of a very long URL says nothing an operator needs. */
const MAX_LOGGED_PATH = 256;

/** The path as the client sent it, without the query string (query strings can carry codes or tokens). */
export function receivedPath(originalUrl: string): string {
  const q = originalUrl.indexOf("?");
  const path = q < 0 ? originalUrl : originalUrl.slice(0, q);
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}

/**
 * Gives each request an id and logs one line when it ends: method, the path as received, status, time and
 * request id, at info (at error for a 5xx; health probes at debug, or they would drown the useful lines).
 * The child logger `req.log` is made only when a handler asks for it.
 */
export function requestContext({ logger, isShuttingDown }: RequestContextOptions): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get("x-request-id");
    const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    let child: Logger | undefined;
    Object.defineProperty(req, "log", {
      configurable: true,
      enumerable: true,
      get: () => {
        child ??= logger.child({ reqId: id });
        return child;
      },
      set: (value: Logger) => {
        child = value;
      },
    });
    res.setHeader("x-request-id", id);
    if (isShuttingDown()) res.setHeader("connection", "close");

    // Taken now: a router mounted at a prefix rewrites req.url (and req.path) while it handles the request.
    const path = receivedPath(req.originalUrl);
    // At debug only: lets an operator (and the shutdown test) see a request that has not finished yet.
    if (logger.isLevelEnabled("debug"))
      logger.debug({ reqId: id, method: req.method, path }, "request received");
    const started = process.hrtime.bigint();
    let logged = false;
    const done = (event: "finish" | "close") => {
      if (logged) return;
      logged = true;
      const aborted = event === "close" && !res.writableFinished;
      const status = res.statusCode;
      // A 503 from /readyz is the probe doing its job; the failing part logs its own error. A 429 is
      // reported once a minute by its rate limit: a flood must not become a flood of log lines.
      const level = QUIET_PATHS.has(path) || status === 429 ? "debug" : status >= 500 ? "error" : "info";
      if (!logger.isLevelEnabled(level)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = {
        reqId: id,
        method: req.method,
        path,
        status,
        ms: Math.round(ms * 10) / 10,
        ...(aborted ? { aborted: true } : {}),
      };
      logger[level](line, "request");
    };
    res.once("finish", () => done("finish"));
    res.once("close", () => done("close"));
    next();
  };
}
