// Per-person limits on writes (quiz answers, feedback votes, quiz commands), through the real server: signed
// Slack requests, real Teams activities (local mode) and playground API calls. RATE_LIMIT_PER_USER=6 a minute
// allows a burst of 5 and then one every 10 s, so in each test the sixth write in a row is refused.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../slack/fake-slack.js";
import { blockActions, postSigned, slashCommand } from "../slack/payloads.js";
import { type FakeConnector, startFakeConnector } from "../teams/fake-connector.js";
import { teamsExecute, teamsSubmit } from "../teams/harness.js";
import { type RunningServer, startServer } from "./run-server.js";

const SECRET = "user-limit-signing-secret";
const BURST = 5;
const vote = (n: number) => ({ a: "feedback", target: "help", q: `help ${n}`, helpful: n % 2 === 0 });

function limitLines(s: RunningServer) {
  return s.logs().filter((l) => l.msg === "rate limit: requests refused");
}

describe("Slack: over the per-user limit, a polite private reply with a 200", () => {
  let fake: FakeSlack;
  let s: RunningServer;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    s = await startServer({
      SLACK_BOT_TOKEN: "xoxb-user-limits",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      RATE_LIMIT_PER_USER: "6",
      RATE_LIMIT_PER_IP: "0",
      PLAYGROUND: "true",
      RATE_LIMIT_PLAYGROUND: "0",
    });
  }, 30_000);
  afterAll(async () => {
    await s?.stop();
    await fake?.stop();
  });

  it("records the first votes, answers the rest 'going a little fast' and records nothing for them", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < BURST + 3; i++) {
      const click = blockActions(
        { value: JSON.stringify(vote(i)), actionId: `srm:fb${i}` },
        { type: "message", channel: "C0LIMIT", ts: `1700000500.00${i}100`, ephemeral: true },
        { user: "U0FLOOD", responseUrl: fake.responseUrl(`fb-${i}`) },
      );
      statuses.push((await postSigned(s.url, SECRET, click)).status);
      await fake.waitForResponse((r) => r.id === `fb-${i}`);
    }
    expect(statuses.every((st) => st === 200)).toBe(true);
    const texts = Array.from({ length: BURST + 3 }, (_, i) => JSON.stringify(fake.responsesTo(`fb-${i}`)));
    expect(texts.slice(0, BURST).some((t) => /going a little fast/.test(t))).toBe(false);
    for (const t of texts.slice(BURST)) expect(t).toMatch(/going a little fast.*Try again in \d+ s/);
    // Someone else in the same channel is not held back by the flood.
    const other = blockActions(
      { value: JSON.stringify(vote(99)), actionId: "srm:fb99" },
      { type: "message", channel: "C0LIMIT", ts: "1700000599.000100", ephemeral: true },
      { user: "U0CALM", responseUrl: fake.responseUrl("fb-calm") },
    );
    expect((await postSigned(s.url, SECRET, other)).status).toBe(200);
    expect(JSON.stringify(await fake.waitForResponse((r) => r.id === "fb-calm"))).not.toMatch(/little fast/);
    // Three refusals, one log line for the key.
    const lines = limitLines(s).filter((l) => l.key === "slack:T0TEAM:U0FLOOD");
    expect(lines).toHaveLength(1);
  }, 30_000);

  it("a quiz command over the limit is acknowledged and answered privately, and not run", async () => {
    // U0FLOOD has no budget left: the command is not run (no quiz posted in C0LIMIT2).
    const res = await postSigned(
      s.url,
      SECRET,
      slashCommand("quiz now", fake.responseUrl("quiz-now"), { user: "U0FLOOD", channel: "C0LIMIT2" }),
    );
    expect(res.status).toBe(200);
    const reply = await fake.waitForResponse((r) => r.id === "quiz-now");
    expect(JSON.stringify(reply.body)).toMatch(/going a little fast/);
    expect(fake.callsOf("chat.postMessage").filter((c) => c.args.channel === "C0LIMIT2")).toEqual([]);
    // A question is no write: the same person still gets answers.
    const ask = await postSigned(
      s.url,
      SECRET,
      slashCommand("who patches rds?", fake.responseUrl("ask"), { user: "U0FLOOD" }),
    );
    expect(ask.status).toBe(200);
    expect(JSON.stringify((await fake.waitForResponse((r) => r.id === "ask")).body)).not.toMatch(
      /little fast/,
    );
  }, 30_000);

  it("the playground beside Slack: 429 with Retry-After for its own user, nothing shared with Slack's", async () => {
    const act = (user: string, n: number) =>
      fetch(`${s.url}/playground/api/action`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: vote(n), user }),
      });
    const statuses: number[] = [];
    let retryAfter = "";
    for (let i = 0; i < BURST + 2; i++) {
      const r = await act("pg-flood", i);
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = r.headers.get("retry-after") ?? "";
        expect(await r.json()).toMatchObject({ error: "rate_limited" });
      } else await r.text();
    }
    expect(statuses).toEqual([...Array(BURST).fill(200), 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Another browser has its own budget.
    expect((await act("pg-calm-browser", 1)).status).toBe(200);
    expect(limitLines(s).filter((l) => l.key === "playground:pg-flood")).toHaveLength(1);
  }, 30_000);
});

describe("Teams (local mode): over the per-user limit, 429 with Retry-After and nothing sent", () => {
  let connector: FakeConnector;
  let s: RunningServer;
  beforeAll(async () => {
    connector = await startFakeConnector();
    s = await startServer({ RATE_LIMIT_PER_USER: "6", RATE_LIMIT_PER_IP: "0" });
  }, 30_000);
  afterAll(async () => {
    await s?.stop();
    await connector?.close();
  });

  const post = (activity: Record<string, unknown>) =>
    fetch(`${s.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
  const bot = () => ({ botId: "28:srm-bot-local", serviceUrl: connector.url });

  it("votes by Action.Submit and Action.Execute: the first pass, the rest get 429", async () => {
    const statuses: number[] = [];
    let retryAfter = "";
    for (let i = 0; i < BURST + 2; i++) {
      const activity =
        i % 2 === 0
          ? teamsSubmit(bot(), "personal", vote(i), `reply-${i}`)
          : teamsExecute(bot(), "personal", vote(i), `reply-${i}`);
      const sentBefore = connector.sent.length;
      const r = await post(activity);
      statuses.push(r.status);
      await r.text();
      if (r.status === 429) {
        retryAfter = r.headers.get("retry-after") ?? "";
        expect(connector.sent.length).toBe(sentBefore);
      }
    }
    expect(statuses).toEqual([...Array(BURST).fill(200), 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limitLines(s)).toHaveLength(1);
    expect(String(limitLines(s)[0]?.key)).toMatch(/^teams:/);
  }, 30_000);
});
