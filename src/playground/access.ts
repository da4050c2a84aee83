// Who may use the playground. It is a local tool: it answers clients on this machine, and others only when the
// operator set PLAYGROUND_TOKEN and the client presents it (Authorization: Bearer, or the cookie a GET with
// ?token= sets, so a browser can open the page).

import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { sendError } from "../server/errors.js";

export const TOKEN_COOKIE = "srm_playground";

/** The socket's peer, not X-Forwarded-For: a header is the client's word, the socket is not. */
export function isLoopback(req: Request): boolean {
  const addr = req.socket.remoteAddress ?? "";
  return addr === "::1" || addr.startsWith("127.") || addr.startsWith("::ffff:127.");
}

/**
 * Behind a proxy on this machine every request comes from loopback: then the client the proxy names
 * (TRUST_PROXY set, `req.ip`) must be local too.
 */
function isLocalClient(req: Request): boolean {
  if (!isLoopback(req)) return false;
  const ip = req.ip ?? "";
  return ip === "::1" || ip.startsWith("127.") || ip.startsWith("::ffff:127.");
}

const digest = (s: string) => createHash("sha256").update(s).digest();

function presented(req: Request): string | undefined {
  const auth = req.get("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  const cookie = req.get("cookie") ?? "";
  for (const part of cookie.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === TOKEN_COOKIE) return decodeURIComponent(v.join("="));
  }
  const q = req.query.token;
  return typeof q === "string" ? q : undefined;
}

export function playgroundAccess(token: string | undefined): RequestHandler {
  const expected = token ? digest(token) : null;
  return (req, res, next) => {
    if (isLocalClient(req)) {
      next();
      return;
    }
    const given = expected ? presented(req) : undefined;
    if (expected && given !== undefined && timingSafeEqual(digest(given), expected)) {
      if (typeof req.query.token === "string")
        res.cookie(TOKEN_COOKIE, given, { httpOnly: true, sameSite: "strict", path: "/" });
      next();
      return;
    }
    sendError(
      req,
      res,
      403,
      "forbidden",
      expected
        ? "The playground needs its token (Authorization: Bearer <PLAYGROUND_TOKEN>)."
        : "The playground answers only on this machine.",
    );
  };
}
