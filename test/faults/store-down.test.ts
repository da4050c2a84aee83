// The store down at start (extends test/server/store.test.ts, which covers a refused PostgreSQL port, /readyz
// and its recovery): a database that takes connections but never answers, quiz actions from Slack and the
// playground while it is down — a prompt "try again later", never a hang or an error page — and, when
// PostgreSQL comes back, the quiz working again end to end (question, answer recorded) without a restart.

import { createConnection, createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../server/run-server.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { buttonsOf, textOf } from "../slack/harness.js";
import { blockActions, postSigned, slashCommand } from "../slack/payloads.js";

const pgUrl = process.env.TEST_DATABASE_URL;
const SECRET = "store-down-signing-secret-0000";
const TRY_LATER = /try again/i;

interface PlaygroundReply {
  kind: string;
  summary: string;
  card: unknown;
}

async function signedPost(s: RunningServer, body: string): Promise<number> {
  const res = await postSigned(s.url, SECRET, body);
  await res.arrayBuffer();
  return res.status;
}

async function playground(
  s: RunningServer,
  path: "ask" | "action",
  body: unknown,
): Promise<PlaygroundReply[]> {
  const res = await fetch(`${s.url}/playground/api/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { replies: PlaygroundReply[] }).replies;
}

const quizIdOf = (card: unknown) => /"quiz":"([0-9a-f-]{36})"/.exec(JSON.stringify(card))?.[1];
const userPg = "pg-user-store-down-1";

/** Every way a person can reach the quiz while the store is down gets a prompt "try again". */
async function quizWhileDown(s: RunningServer, fake: FakeSlack, tag: string): Promise<void> {
  const [slackQuiz, slackClick, pgNew, pgAnswer] = await Promise.all([
    (async () => {
      expect(
        await signedPost(s, slashCommand("quiz", fake.responseUrl(`${tag}-quiz`), { channel: "C0DOWN" })),
      ).toBe(200);
      return fake.waitForResponse((r) => r.id === `${tag}-quiz`, 20_000);
    })(),
    (async () => {
      const value = JSON.stringify({
        a: "quiz_answer",
        quiz: "3f1e2d3c-0000-4000-8000-000000000000",
        choice: "aws",
      });
      const body = blockActions(
        { value, actionId: "srm:0" },
        { type: "message", channel: "C0DOWN", ts: "1700000100.000100", ephemeral: true },
        { user: "U0DOWN", responseUrl: fake.responseUrl(`${tag}-click`) },
      );
      expect(await signedPost(s, body)).toBe(200);
      return fake.waitForResponse((r) => r.id === `${tag}-click`, 20_000);
    })(),
    playground(s, "action", { action: { a: "quiz_new" }, user: userPg }),
    playground(s, "action", {
      action: { a: "quiz_answer", quiz: "3f1e2d3c-0000-4000-8000-000000000000", choice: "shared" },
      user: userPg,
    }),
  ]);
  expect(textOf(slackQuiz.body.blocks) || String(slackQuiz.body.text)).toMatch(TRY_LATER);
  expect(textOf(slackClick.body.blocks)).toMatch(/isn't available right now[\s\S]*try again/i);
  expect(pgNew.map((r) => r.kind)).toEqual(["notice"]);
  expect(pgNew[0]?.summary).toMatch(TRY_LATER);
  expect(pgAnswer.map((r) => r.kind)).toEqual(["quiz_outcome"]);
  expect(JSON.stringify(pgAnswer[0]?.card)).toMatch(/isn't available right now/);
  // Answers need no store.
  const ask = await playground(s, "ask", { text: "who patches the hypervisor?" });
  expect(ask.map((r) => r.kind)).toEqual(["answer"]);
  expect((await fetch(`${s.url}/readyz`)).status).toBe(503);
}

describe("a database that takes connections but never answers", () => {
  const sockets = new Set<Socket>();
  let hole: Server;
  let fake: FakeSlack;
  let s: RunningServer;

  beforeAll(async () => {
    hole = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    await new Promise<void>((r) => hole.listen(0, "127.0.0.1", r));
    fake = await new FakeSlack().start();
    const port = (hole.address() as { port: number }).port;
    s = await startServer({
      DATABASE_URL: `postgres://srm:pw-never-logged@127.0.0.1:${port}/srm`,
      SLACK_BOT_TOKEN: "xoxb-store-down",
      PLAYGROUND: "true",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
  }, 30_000);

  afterAll(async () => {
    await s?.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((r) => (hole ? hole.close(() => r()) : r()));
    await fake?.stop();
  });

  it("is not ready; answers work; every quiz action says to try again within seconds", async () => {
    const t0 = Date.now();
    await quizWhileDown(s, fake, "hole");
    // Bounded by the connection timeout (5 s), not by the database.
    expect(Date.now() - t0).toBeLessThan(15_000);
    // "store unavailable at start; …" or, when the 5 s connection timeout outlasts the first-attempt wait,
    // "store unavailable; retrying": either way the start-up migration is retried.
    await s.waitForLog((l) => /^store unavailable\b.*retrying$/.test(l.msg), "the migration retry");
  }, 30_000);

  it("stops cleanly and never logs the database password", async () => {
    expect((await s.stop()).code).toBe(0);
    expect(s.output()).not.toContain("pw-never-logged");
  });
});

describe.skipIf(!pgUrl)("PostgreSQL down at start, then back: the quiz resumes without a restart", () => {
  const target = new URL(pgUrl ?? "postgres://x@127.0.0.1:5432/x");
  let relay: Server | undefined;
  let port = 0;
  let fake: FakeSlack;
  let s: RunningServer;
  let db: pg.Client;

  beforeAll(async () => {
    // A port with nothing on it yet; later a TCP relay to the real server opens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const url = new URL(target.href);
    url.hostname = "127.0.0.1";
    url.port = String(port);
    fake = await new FakeSlack().start();
    s = await startServer({
      DATABASE_URL: url.href,
      SLACK_BOT_TOKEN: "xoxb-store-back",
      PLAYGROUND: "true",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    db = new pg.Client({ connectionString: target.href });
    await db.connect();
  }, 30_000);

  afterAll(async () => {
    await s?.stop();
    await new Promise<void>((r) => (relay ? relay.close(() => r()) : r()));
    await fake?.stop();
    await db?.end();
  });

  it("while it is down: quiz actions say to try again, answers work", async () => {
    await s.waitForLog((l) => /store unavailable/.test(l.msg), "store failure");
    await quizWhileDown(s, fake, "down");
  }, 30_000);

  it("once it is back: ready, and a Slack practice question and a playground one are answered and recorded", async () => {
    relay = createServer((client) => {
      const upstream = createConnection(Number(target.port || 5432), target.hostname);
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    await new Promise<void>((r) => relay?.listen(port, "127.0.0.1", r));
    await s.waitForLog((l) => /store is reachable again/.test(l.msg), "store recovery");
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);

    // Slack: /srm quiz gives a practice question; a click on it is recorded.
    expect(
      await signedPost(s, slashCommand("quiz", fake.responseUrl("back-quiz"), { channel: "C0BACK" })),
    ).toBe(200);
    const card = await fake.waitForResponse((r) => r.id === "back-quiz", 20_000);
    const button = buttonsOf(card.body.blocks).find((b) => b.value.includes("quiz_answer"));
    expect(button).toBeDefined();
    const quizId = JSON.parse(button?.value ?? "{}").quiz as string;
    const click = blockActions(
      { value: button?.value ?? "", actionId: button?.action_id ?? "" },
      { type: "message", channel: "C0BACK", ts: "1700000200.000100", ephemeral: true },
      { user: "U0ALICE", responseUrl: fake.responseUrl("back-click") },
    );
    expect(await signedPost(s, click)).toBe(200);
    const outcome = await fake.waitForResponse((r) => r.id === "back-click", 20_000);
    expect(textOf(outcome.body.blocks)).toMatch(/Correct|Not quite/);
    const slackRows = await db.query("select user_id from quiz_answers where quiz_id = $1", [quizId]);
    expect(slackRows.rows).toEqual([{ user_id: "U0ALICE" }]);

    // Playground: the same person who was told to try later now gets a question and a recorded answer.
    const [question] = await playground(s, "action", { action: { a: "quiz_new" }, user: userPg });
    expect(question?.kind).toBe("quiz");
    const pgQuiz = quizIdOf(question?.card) ?? "";
    const [answered] = await playground(s, "action", {
      action: { a: "quiz_answer", quiz: pgQuiz, choice: "customer" },
      user: userPg,
    });
    expect(JSON.stringify(answered?.card)).toMatch(/Correct|Not quite/);
    const pgRows = await db.query("select user_id from quiz_answers where quiz_id = $1", [pgQuiz]);
    // Stored under the playground's own name space, never as a platform user id.
    expect(pgRows.rows).toEqual([{ user_id: `playground:${userPg}` }]);
  }, 60_000);
});
