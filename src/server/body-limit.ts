import type { RequestHandler } from "express";
import { sendError } from "./errors.js";

export const BODY_LIMIT_BYTES = 1024 * 1024;

const tooLarge = "The request body is larger than 1 MB.";

/**
 * Refuses a body whose declared length is over the limit before a byte of it is read, on every route —
 * including the ones whose parsers belong to a platform SDK.
 */
export function declaredLengthGuard(limit = BODY_LIMIT_BYTES): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.get("content-length"));
    if (Number.isFinite(declared) && declared > limit) {
      // The client may still be sending: close the connection rather than read a body we will not use.
      res.setHeader("connection", "close");
      sendError(req, res, 413, "payload_too_large", tooLarge);
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
      if (size > limit)
        finish(() => {
          res.setHeader("connection", "close");
          sendError(req, res, 413, "payload_too_large", tooLarge);
          req.resume();
        });
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
