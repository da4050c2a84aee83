import type { Request, RequestHandler, Response } from "express";
import { sendError } from "./errors.js";

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * After refusing a body, how much more of it is read and thrown away. Closing at once would leave the
 * client's unsent bytes in flight and make it see a reset instead of the 413; reading a bounded amount
 * lets an ordinary over-limit client get the answer, and a huge or endless upload still costs little.
 */
export const DRAIN_LIMIT_BYTES = 8 * 1024 * 1024;

const tooLarge = "The request body is larger than 1 MB.";

/** Answers 413, then discards the rest of the body up to DRAIN_LIMIT_BYTES; past that the socket is closed. */
function refuseTooLarge(req: Request, res: Response, alreadyRead = 0): void {
  let drained = alreadyRead;
  const discard = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) {
      req.off("data", discard);
      req.socket.destroy();
    }
  };
  req.on("data", discard);
  req.resume();
  sendError(req, res, 413, "payload_too_large", tooLarge);
}

/**
 * Refuses a body whose declared length is over the limit before a byte of it is kept, on every route —
 * including the ones whose parsers belong to a platform SDK.
 */
export function declaredLengthGuard(limit = BODY_LIMIT_BYTES): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.get("content-length"));
    if (Number.isFinite(declared) && declared > limit) {
      // Too big to be worth draining: the connection ends once the 413 is written.
      if (declared > DRAIN_LIMIT_BYTES) res.setHeader("connection", "close");
      refuseTooLarge(req, res);
      return;
    }
    next();
  };
}

/**
 * Reads the body as raw bytes, up to the limit, into `req.rawBody` — for routes that must verify a signature
 * over the exact bytes (Slack's ExpressReceiver uses `req.rawBody` when present). Catches chunked bodies,
 * which carry no length to check up front.
 */
export function rawBodyReader(limit = BODY_LIMIT_BYTES): RequestHandler {
  return (req, res, next) => {
    if (req.rawBody !== undefined || req.method === "GET" || req.method === "HEAD") {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(() => refuseTooLarge(req, res, size));
      else chunks.push(chunk);
    };
    const onEnd = () =>
      finish(() => {
        req.rawBody = Buffer.concat(chunks, size);
        next();
      });
    const onError = () =>
      finish(() => sendError(req, res, 400, "bad_request", "The request body was incomplete."));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  };
}
