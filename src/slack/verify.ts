// Slack request signing (https://api.slack.com/authentication/verifying-requests-from-slack), checked here
// rather than by Bolt's receiver: one HMAC and a constant-time compare, where Bolt's comparison computes two
// more HMACs and draws random bytes on every request (3.5% of the server's CPU per slash command in
// npm run bench:http). Our receiver (receiver.ts) hands Bolt only requests that passed.

import { createHmac, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";

/** Slack's window: a request signed longer ago than this (or this far in the future) is refused. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

const SIGNATURE = /^v0=([0-9a-f]{64})$/;

export type Verdict = { ok: true } | { ok: false; reason: string };

export function verifySlackRequest(
  signingSecret: string,
  rawBody: Buffer,
  headers: { signature?: string | undefined; timestamp?: string | undefined },
  nowSeconds = Math.floor(Date.now() / 1000),
): Verdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: "signature headers missing" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "timestamp invalid" };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_S)
    return { ok: false, reason: "timestamp outside the 5-minute window" };
  const given = SIGNATURE.exec(signature)?.[1];
  if (!given) return { ok: false, reason: "signature malformed" };
  const expected = createHmac("sha256", signingSecret).update(`v0:${timestamp}:`).update(rawBody).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, "hex")))
    return { ok: false, reason: "signature mismatch" };
  return { ok: true };
}

/** Express middleware for the Slack endpoint: needs `req.rawBody`; anything unsigned gets a bare 401. */
export function slackSignatureGuard(signingSecret: string, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const verdict = verifySlackRequest(signingSecret, req.rawBody ?? Buffer.alloc(0), {
      signature: req.get("x-slack-signature"),
      timestamp: req.get("x-slack-request-timestamp"),
    });
    if (verdict.ok) {
      next();
      return;
    }
    logger.warn({ reason: verdict.reason, reqId: req.id }, "refused a Slack request: bad signature");
    res.status(401).end();
  };
}
