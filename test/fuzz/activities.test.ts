// 2,000 fuzzed Bot Framework activities to the local-mode server's /api/messages (a child process, as
// `npm start` runs it), and fuzzed activities with valid tokens to an authenticated endpoint: no response is a
// 5xx, each comes within a second, and no reply goes anywhere but the fake Bot Connector — a trap server on
// this machine's non-loopback address, named as serviceUrl by many of the activities, gets nothing.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../server/run-server.js";
import { type FakeConnector, startFakeConnector } from "../teams/fake-connector.js";
import { APP_ID, type BotServer, startBot, TENANT, teamsExecute, teamsMessage } from "../teams/harness.js";
import { anyJson, anyText, FUZZ, wrongType } from "./support.js";

const BUDGET_MS = 1_000;
let connector: FakeConnector;
let trap: Server;
let trapHits = 0;
let trapUrls: string[] = [];

beforeAll(async () => {
  connector = await startFakeConnector();
  trap = createServer((req, res) => {
    trapHits += 1;
    req.resume();
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((r) => trap.listen(0, "0.0.0.0", r));
  const port = (trap.address() as AddressInfo).port;
  const lan = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal && i.family === "IPv4")
    .map((i) => `http://${i?.address}:${port}/`);
  trapUrls = lan;
});

afterAll(async () => {
  await connector?.close();
  await new Promise<void>((r) => trap?.close(() => r()));
});

/** Where a fuzzed activity says replies go: the connector, the trap, public hosts, nothing, wrong types. */
const serviceUrl = () =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(connector.url) },
    { weight: 2, arbitrary: fc.constantFrom(...(trapUrls.length ? trapUrls : [connector.url])) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "https://smba.trafficmanager.net/amer/",
        "http://169.254.169.254/latest/",
        "file:///etc/passwd",
        "not a url",
        "",
      ),
    },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

const invokeName = fc.oneof(
  fc.constantFrom(
    "adaptiveCard/action",
    "composeExtension/query",
    "task/fetch",
    "signin/verifyState",
    "healthCheck",
  ),
  fc.string({ maxLength: 30 }),
  wrongType,
);

/** A plausible activity with some fields replaced by anything. */
function activity(base: () => Record<string, unknown>) {
  return fc
    .record({
      type: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.constantFrom("message", "invoke", "conversationUpdate", "installationUpdate"),
        },
        { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), wrongType) },
      ),
      name: invokeName,
      serviceUrl: serviceUrl(),
      text: fc.oneof(anyText, wrongType),
      value: fc.oneof(
        anyJson,
        fc.record({
          action: fc.oneof(anyJson, fc.record({ type: fc.constant("Action.Execute"), data: anyJson })),
        }),
      ),
      conversation: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: anyJson },
      ),
      from: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: anyJson }),
      channelId: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: wrongType },
      ),
      drop: fc.subarray(["id", "conversation", "channelId", "from", "recipient"]),
    })
    .map((f) => {
      const a: Record<string, unknown> = {
        ...base(),
        type: f.type,
        name: f.name,
        value: f.value,
        text: f.text,
      };
      if (f.serviceUrl === undefined) delete a.serviceUrl;
      else a.serviceUrl = f.serviceUrl;
      if (f.conversation !== undefined) a.conversation = f.conversation;
      if (f.from !== undefined) a.from = f.from;
      if (f.channelId !== undefined) a.channelId = f.channelId;
      for (const k of f.drop) delete a[k];
      return a;
    });
}

async function timedPost(url: string, body: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  let code: unknown;
  try {
    code = (JSON.parse(text) as { statusCode?: unknown } | null)?.statusCode;
  } catch {
    code = undefined;
  }
  return { status: res.status, ms, code };
}

describe("2,000 fuzzed activities to the local-mode server", () => {
  let s: RunningServer;

  beforeAll(async () => {
    s = await startServer({ RATE_LIMIT_PER_IP: "0" });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("0 responses >= 500, each within 1 s, nothing sent but to the fake connector", async () => {
    const base = () =>
      teamsMessage({ botId: "28:srm-bot-local", serviceUrl: connector.url }, "personal", "x");
    const sentBefore = connector.sent.length;
    const results: Array<{ status: number; ms: number; code: unknown }> = [];
    // 250 batches of 8 concurrent activities.
    await fc.assert(
      fc.asyncProperty(fc.array(activity(base), { minLength: 8, maxLength: 8 }), async (batch) => {
        const out = await Promise.all(
          batch.map((a) => timedPost(`${s.url}/api/messages`, JSON.stringify(a))),
        );
        results.push(...out);
        for (const r of out) {
          expect(r.status).toBeLessThan(500);
          if (typeof r.code === "number") expect(r.code).toBeLessThan(500);
          expect(r.ms).toBeLessThan(BUDGET_MS);
        }
      }),
      { ...FUZZ, numRuns: 250 },
    );
    expect(results).toHaveLength(2_000);
    expect(trapHits).toBe(0);
    // The fuzz did reach the bot: replies went to the connector, and many activities were refused.
    expect(connector.sent.length).toBeGreaterThan(sentBefore);
    expect(results.filter((r) => r.status === 400).length).toBeGreaterThan(100);
    expect(
      s.logs().filter((l) => /ENOTFOUND|ECONNREFUSED|EAI_AGAIN|Teams turn failed/.test(JSON.stringify(l))),
    ).toEqual([]);
  }, 300_000);
});

describe("fuzzed activities with valid tokens to the authenticated endpoint", () => {
  let bot: BotServer;

  beforeAll(async () => {
    bot = await startBot({
      teams: (c) => ({
        appId: APP_ID,
        appPassword: "test-password",
        appType: "SingleTenant",
        tenantId: TENANT,
        openIdMetadataUrl: c.openIdUrl,
      }),
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("0 responses >= 500, each within 1 s, no reply sent anywhere", async () => {
    const target = () => ({ botId: bot.botId, serviceUrl: bot.connector.url });
    // Messages would need an outbound Entra token to reply: here only activities answered in the response.
    const base = () => teamsExecute(target(), "personal", { a: "ask", q: "who patches rds?" }, "reply-1");
    const token = bot.connector.token({ aud: APP_ID, serviceurl: bot.connector.url, appid: "bf-channel" });
    const nonMessage = activity(base).filter(
      (a) =>
        a.type !== "message" ||
        typeof a.serviceUrl !== "string" ||
        a.serviceUrl !== bot.connector.url ||
        typeof a.channelId !== "string",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(nonMessage, { minLength: 8, maxLength: 8 }), async (batch) => {
        const out = await Promise.all(
          batch.map((a) => timedPost(bot.url, JSON.stringify(a), { authorization: `Bearer ${token}` })),
        );
        for (const r of out) {
          expect(r.status).toBeLessThan(500);
          if (typeof r.code === "number") expect(r.code).toBeLessThan(500);
          expect(r.ms).toBeLessThan(BUDGET_MS);
        }
      }),
      { ...FUZZ, numRuns: 60 },
    );
    expect(trapHits).toBe(0);
  }, 300_000);
});
