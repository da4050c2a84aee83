// Retries and replays on several replicas: two server processes on one PostgreSQL database (and one of them
// restarted) get the same Slack event id, the same signed slash command and button, the same Teams activity.
// Each is answered once. "Not answered again" is waited for through the server's own log line saying it
// skipped the repeat, never through a sleep.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../slack/fake-slack.js";
import { appMention, blockActions, envelope, slackSignature, slashCommand } from "../slack/payloads.js";
import { pgUrl } from "../store/backends.js";
import { type FakeConnector, startFakeConnector } from "../teams/fake-connector.js";
import { teamsMessage } from "../teams/harness.js";
import { createTestDatabase, type TestDatabase } from "./pg-database.js";
import { type LogLine, type RunningServer, startServer } from "./run-server.js";

const SECRET = "replicas-signing-secret-0000";

interface Signed {
  body: string;
  ts: number;
  signature: string;
  contentType: string;
}

function sign(body: string, contentType: string, ts = Math.floor(Date.now() / 1000)): Signed {
  return { body, ts, signature: slackSignature(SECRET, ts, body), contentType };
}

function deliver(s: RunningServer, req: Signed, headers: Record<string, string> = {}): Promise<number> {
  return fetch(`${s.url}/slack/events`, {
    method: "POST",
    body: req.body,
    headers: {
      "content-type": req.contentType,
      "x-slack-request-timestamp": String(req.ts),
      "x-slack-signature": req.signature,
      ...headers,
    },
  }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });
}

const skipped = (what: RegExp) => (l: LogLine) => what.test(l.msg) && /skipped/.test(l.msg);

/** Resolves when `n` repeat-skipped lines matching `match` appeared across the servers (polls their logs). */
async function waitForSkips(servers: RunningServer[], n: number, match: (l: LogLine) => boolean) {
  for (;;) {
    const count = servers.reduce((sum, s) => sum + s.logs().filter(match).length, 0);
    if (count >= n) return count;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!pgUrl)("two replicas on one PostgreSQL database", () => {
  let database: TestDatabase;
  let fake: FakeSlack;
  const started: RunningServer[] = [];
  const startSlack = async () => {
    const s = await startServer({
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: "xoxb-replicas",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    started.push(s);
    return s;
  };

  beforeAll(async () => {
    database = await createTestDatabase(pgUrl as string);
    fake = await new FakeSlack().start();
  });

  afterAll(async () => {
    for (const s of started) await s.stop();
    await fake?.stop();
    await database?.drop();
  });

  it("answers an event once: sent to both, retried on either, and resent after a restart", async () => {
    const a = await startSlack();
    const b = await startSlack();
    const event = JSON.stringify(
      envelope(appMention("<@U0BOT> who handles RDS patching?", { channel: "C0REPL" }), "Ev0REPLICA1"),
    );
    const first = sign(event, "application/json");
    expect(await Promise.all([deliver(a, first), deliver(b, first)])).toEqual([200, 200]);
    // Slack's retry: the same event, signed again later, with a retry number.
    const retry = sign(event, "application/json", first.ts + 1);
    expect(
      await deliver(b, retry, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" }),
    ).toBe(200);
    expect(
      await deliver(a, retry, { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" }),
    ).toBe(200);
    await waitForSkips([a, b], 3, skipped(/Slack event/));
    await fake.waitForCall((c) => c.method === "chat.postMessage" && c.args.channel === "C0REPL");

    await a.stop();
    const again = await startSlack();
    const late = sign(event, "application/json", first.ts + 2);
    expect(
      await deliver(again, late, { "x-slack-retry-num": "3", "x-slack-retry-reason": "http_timeout" }),
    ).toBe(200);
    await again.waitForLog(skipped(/Slack event/), "the repeat after a restart skipped");
    expect(
      fake.calls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "C0REPL"),
    ).toHaveLength(1);
  }, 60_000);

  it("does a signed slash command and a signed Share button once, however often and wherever replayed", async () => {
    const [b, c] = started.slice(-2) as [RunningServer, RunningServer];
    const command = sign(
      slashCommand("who patches lambda runtimes?", fake.responseUrl("repl-cmd")),
      "application/x-www-form-urlencoded",
    );
    const share = sign(
      blockActions(
        { value: JSON.stringify({ a: "share", q: "who handles RDS patching?" }), actionId: "srm:share" },
        { type: "message", channel: "C0REPL", ts: "1700000500.000100", ephemeral: true },
        { responseUrl: fake.responseUrl("repl-share") },
      ),
      "application/x-www-form-urlencoded",
    );
    const statuses = await Promise.all([
      deliver(b, command),
      deliver(c, command),
      deliver(b, share),
      deliver(c, share),
      deliver(b, share),
    ]);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await waitForSkips([b, c], 3, skipped(/Slack request/));
    await fake.waitForResponse((r) => r.id === "repl-cmd");
    await fake.waitForResponse((r) => r.id === "repl-share" && r.body.response_type === "in_channel");

    // After a restart, still within the 5-minute window: still once.
    await b.stop();
    const d = await startSlack();
    expect(await deliver(d, share)).toBe(200);
    expect(await deliver(d, command)).toBe(200);
    await waitForSkips([d], 2, skipped(/Slack request/));
    expect(fake.responses.filter((r) => r.id === "repl-cmd")).toHaveLength(1);
    expect(
      fake.responses.filter((r) => r.id === "repl-share" && r.body.response_type === "in_channel"),
    ).toHaveLength(1);
  }, 60_000);
});

describe.skipIf(!pgUrl)("two Teams replicas (local endpoint) on one PostgreSQL database", () => {
  let database: TestDatabase;
  let connector: FakeConnector;
  const started: RunningServer[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(pgUrl as string);
    connector = await startFakeConnector();
  });

  afterAll(async () => {
    for (const s of started) await s.stop();
    await connector?.close();
    await database?.drop();
  });

  it("answers an activity once when it is delivered to both and again after a restart", async () => {
    const start = async () => {
      const s = await startServer({ DATABASE_URL: database.url });
      started.push(s);
      return s;
    };
    const [a, b] = [await start(), await start()];
    const activity = JSON.stringify(
      teamsMessage({ botId: "28:srm-bot-local", serviceUrl: connector.url }, "personal", "who patches ec2?", {
        id: "act-replica-1",
      }),
    );
    const post = (s: RunningServer) =>
      fetch(`${s.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: activity,
      }).then((r) => r.status);
    expect(await Promise.all([post(a), post(b)])).toEqual([200, 200]);
    await waitForSkips([a, b], 1, skipped(/Teams activity/));
    await a.stop();
    const again = await start();
    expect(await post(again)).toBe(200);
    await again.waitForLog(skipped(/Teams activity/), "the repeat after a restart skipped");
    expect(connector.sent.filter((x) => x.op !== "update")).toHaveLength(1);
  }, 60_000);
});
