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

/** Gives each request an id and a child logger, and logs one line when it ends. */
export function requestContext({ logger, isShuttingDown }: RequestContextOptions): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get("x-request-id");
    const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    req.log = logger.child({ reqId: id });
    res.setHeader("x-request-id", id);
    if (isShuttingDown()) res.setHeader("connection", "close");

    // At debug only: lets an operator (and the shutdown test) see a request that has not finished yet.
    req.log.debug({ method: req.method, path: req.path }, "request received");
    const started = process.hrtime.bigint();
    let logged = false;
    const done = (event: "finish" | "close") => {
      if (logged) return;
      logged = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings can carry codes or tokens.
      const line = {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        ...(event === "close" && !res.writableFinished ? { aborted: true } : {}),
      };
      // A 503 from /readyz is the probe doing its job; the failing part logs its own error.
      const level = QUIET_PATHS.has(req.path) ? "debug" : res.statusCode >= 500 ? "error" : "info";
      req.log?.[level](line, "request");
    };
    res.once("finish", () => done("finish"));
    res.once("close", () => done("close"));
    next();
  };
}
