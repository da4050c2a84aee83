// A local stand-in for the Bot Connector service Teams runs: the bot sends its replies here (activity
// `serviceUrl` points at it) and the tests read what was sent. It can also publish an OpenID configuration
// and signing keys, so authenticated requests are checked against keys the test controls.

import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";

export interface SentActivity {
  /** "send" (new message), "reply" (into a thread / to a message) or "update" (edit in place). */
  op: "send" | "reply" | "update";
  conversationId: string;
  /** The message replied to or updated. */
  activityId?: string;
  authorization?: string;
  activity: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  sent: SentActivity[];
  /** Makes the next outgoing call fail with this HTTP status (Teams' error body shape). */
  failNext(status: number, op?: SentActivity["op"], retryAfterS?: number): void;
  /** Calls answered with an injected failure so far. */
  refused: number;
  /** URL of the OpenID configuration whose keys sign `token()`. */
  openIdUrl: string;
  /** A Bot Framework channel token signed with the published key (or an unpublished one with `forged`). */
  token(claims: Record<string, unknown>, opts?: { forged?: boolean; kid?: string }): string;
  clear(): void;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const failures: Array<{ status: number; op?: SentActivity["op"]; retryAfterS?: number }> = [];
  let refused = 0;
  let nextId = 1;
  const published = keyPair();
  const unpublished = keyPair();
  const KID = "test-key-1";

  const app = express();
  app.use(express.json({ limit: "1mb" }));

  const record = (op: SentActivity["op"]) => (req: express.Request, res: express.Response) => {
    const failure = failures.findIndex((f) => !f.op || f.op === op);
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      refused += 1;
      if (f?.retryAfterS !== undefined) res.setHeader("retry-after", String(f.retryAfterS));
      res.status(f?.status ?? 500).json({ error: { code: "Failure", message: "injected by the test" } });
      return;
    }
    const id = op === "update" ? String(req.params.activityId) : `msg-${nextId++}`;
    sent.push({
      op,
      conversationId: String(req.params.conversationId),
      ...(req.params.activityId ? { activityId: String(req.params.activityId) } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      activity: req.body as Record<string, unknown>,
    });
    res.status(op === "update" ? 200 : 201).json({ id });
  };
  app.post("/v3/conversations/:conversationId/activities", record("send"));
  app.post("/v3/conversations/:conversationId/activities/:activityId", record("reply"));
  app.put("/v3/conversations/:conversationId/activities/:activityId", record("update"));

  let base = "";
  app.get("/openid/.well-known/openid-configuration", (_req, res) => {
    res.json({ issuer: "https://api.botframework.com", jwks_uri: `${base}/openid/keys` });
  });
  app.get("/openid/keys", (_req, res) => {
    const jwk = published.publicKey.export({ format: "jwk" }) as { n: string; e: string };
    res.json({
      keys: [{ kty: "RSA", use: "sig", kid: KID, n: jwk.n, e: jwk.e, endorsements: ["msteams", "emulator"] }],
    });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    sent,
    openIdUrl: `${base}/openid/.well-known/openid-configuration`,
    failNext(status, op, retryAfterS) {
      failures.push({ status, ...(op ? { op } : {}), ...(retryAfterS !== undefined ? { retryAfterS } : {}) });
    },
    get refused() {
      return refused;
    },
    token(claims, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: "RS256", typ: "JWT", kid: opts.kid ?? KID };
      const payload = {
        iss: "https://api.botframework.com",
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
        ...claims,
      };
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const data = `${enc(header)}.${enc(payload)}`;
      const key = opts.forged ? unpublished.privateKey : published.privateKey;
      return `${data}.${sign("sha256", Buffer.from(data), key).toString("base64url")}`;
    },
    clear() {
      sent.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function keyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: createPrivateKey(privateKey.export({ format: "pem", type: "pkcs8" })),
    publicKey: createPublicKey(privateKey),
  };
}
