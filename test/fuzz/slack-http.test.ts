// Property-based tests of the Slack adapter's parsing, through the real server (dist/src/index.js, HTTP mode)
// with correctly signed requests: arbitrary text, huge and empty texts, malformed bodies, events with fields
// of the wrong type, forged button values. Always a clean reply or a 4xx — never a 500, a crash, a reply that
// would ping a channel, or a store write a forged value should not cause.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../server/run-server.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { buttonsOf } from "../slack/harness.js";
import { blockActions, envelope, postSigned, slashCommand } from "../slack/payloads.js";
import {
  anyJson,
  anyText,
  expectWhole,
  FUZZ,
  forged,
  hostileText,
  malformedJson,
  rowCounts,
  wrongType,
} from "./support.js";

const SECRET = "fuzz-signing-secret-0123456789";
const FORM = "application/x-www-form-urlencoded";
/** What must never reach Slack raw from a person's text: it would notify a whole channel or a person. */
const PINGS = /<!channel>|<!here>|<!everyone>|<@U0123ABC>/;

let fake: FakeSlack;
let s: RunningServer;
let seq = 0;
let ownersQuiz = "";

async function signed(body: string, contentType: string | null): Promise<number> {
  const res = await postSigned(s.url, SECRET, body, contentType);
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  s = await startServer({
    SLACK_BOT_TOKEN: "xoxb-fuzz-0000",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  // Someone's practice question, for clicks forged by other people.
  expect(await signed(slashCommand("quiz", fake.responseUrl("owner-quiz"), { user: "U0OWNER" }), FORM)).toBe(
    200,
  );
  const card = await fake.waitForResponse((r) => r.id === "owner-quiz");
  const value = buttonsOf(card.body.blocks).find((b) => b.value.includes("quiz_answer"))?.value ?? "{}";
  ownersQuiz = JSON.parse(value).quiz as string;
  expect(ownersQuiz).toMatch(/^[0-9a-f-]{36}$/);
}, 30_000);

afterAll(async () => {
  await s?.stop();
  await fake?.stop();
});

describe("Slack adapter, fuzzed through the real server", () => {
  it("/srm with any text: acknowledged, and exactly one clean reply that pings no one", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 6, maxLength: 6 }), async (texts) => {
        const ids = texts.map(() => `cmd-${++seq}`);
        const statuses = await Promise.all(
          texts.map((t, i) =>
            signed(slashCommand(t, fake.responseUrl(ids[i] as string), { channel: "C0FUZZ" }), FORM),
          ),
        );
        expect(statuses).toEqual(texts.map(() => 200));
        for (const id of ids) {
          const reply = await fake.waitForResponse((r) => r.id === id, 15_000);
          expect(typeof reply.body.text).toBe("string");
          expect(String(reply.body.text).length).toBeGreaterThan(0);
          expect(JSON.stringify(reply.body)).not.toMatch(PINGS);
        }
        for (const id of ids) expect(fake.responsesTo(id)).toHaveLength(1);
      }),
      { ...FUZZ, numRuns: 12 },
    );
  }, 120_000);

  it("signed bodies of any shape (forms, JSON, neither): never a 5xx", async () => {
    const form = fc
      .dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 6 })
      .map((d) => new URLSearchParams(d).toString());
    const body = fc.oneof(
      form.map((b) => [b, FORM] as const),
      fc
        .oneof(fc.string({ maxLength: 200 }), malformedJson)
        .map((b) => [`payload=${encodeURIComponent(b)}`, FORM] as const),
      anyJson.map((v) => [`payload=${encodeURIComponent(JSON.stringify(v))}`, FORM] as const),
      anyJson.map((v) => [JSON.stringify(v), "application/json"] as const),
      malformedJson.map((b) => [b, "application/json"] as const),
      fc.string({ maxLength: 200 }).map((b) => [b, null] as const),
      fc.string({ maxLength: 200 }).map((b) => [b, "text/plain"] as const),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 10, maxLength: 10 }), async (bodies) => {
        // Bodies Bolt cannot classify wait for its 3 s acknowledgement window: sent side by side.
        const statuses = await Promise.all(bodies.map(([b, type]) => signed(b, type)));
        for (const status of statuses) expect(status).toBeLessThan(500);
      }),
      { ...FUZZ, numRuns: 5 },
    );
  }, 120_000);

  it("events whose fields have the wrong types: acknowledged or refused, never a 5xx or a crashed listener", async () => {
    const field = fc.oneof(hostileText, wrongType);
    const event = fc.record(
      {
        type: fc.oneof(
          fc.constantFrom("app_mention", "message", "app_home_opened", "reaction_added"),
          fc.string(),
        ),
        text: field,
        user: fc.oneof(fc.constant("U0FUZZ"), wrongType),
        channel: fc.oneof(fc.constantFrom("C0FUZZ", "D0FUZZ"), wrongType),
        channel_type: fc.oneof(fc.constantFrom("im", "channel"), wrongType),
        ts: fc.oneof(fc.constant("1700000000.000100"), wrongType),
        thread_ts: wrongType,
        subtype: wrongType,
        bot_id: wrongType,
        tab: fc.oneof(fc.constant("home"), wrongType),
      },
      { requiredKeys: ["type"] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 8, maxLength: 8 }), async (events) => {
        const statuses = await Promise.all(
          events.map((e) =>
            signed(
              JSON.stringify(envelope(e as Record<string, unknown>, `EvFuzz${++seq}`)),
              "application/json",
            ),
          ),
        );
        for (const status of statuses) expect(status).toBeLessThan(500);
      }),
      { ...FUZZ, numRuns: 12 },
    );
  }, 120_000);

  it("forged button values (unknown quizzes, someone else's quiz, unknown feedback targets): a clean reply, no store write", async () => {
    const cardAction = fc.oneof(
      forged.unknownQuiz,
      forged.othersQuiz(ownersQuiz),
      fc.record({ a: fc.constant("quiz_answer"), quiz: fc.string({ maxLength: 120 }), choice: fc.string() }),
      forged.unknownFeedback,
      forged.malformedFeedback,
      fc.record({
        a: fc.constantFrom("ask", "share"),
        q: fc.oneof(hostileText, fc.string({ minLength: 501, maxLength: 3000 })),
      }),
      fc.record({ a: fc.string({ maxLength: 10 }) }),
    );
    const value = fc.oneof(
      cardAction.map((v) => JSON.stringify(v)),
      anyJson.map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(value, fc.boolean()), { minLength: 6, maxLength: 6 }),
        async (clicks) => {
          const before = rowCounts(s.dir, ["quiz_answers", "feedback"]);
          const ids = clicks.map(() => `click-${++seq}`);
          const statuses = await Promise.all(
            clicks.map(([v, ephemeral], i) =>
              signed(
                blockActions(
                  { value: v, actionId: `srm:${i}` },
                  { type: "message", channel: "C0FUZZ", ts: "1700000000.000100", ephemeral },
                  { user: "U0OTHER", responseUrl: fake.responseUrl(ids[i] as string) },
                ),
                FORM,
              ),
            ),
          );
          expect(statuses).toEqual(clicks.map(() => 200));
          for (const id of ids) {
            const reply = await fake.waitForResponse((r) => r.id === id, 15_000);
            expect(JSON.stringify(reply.body)).not.toMatch(PINGS);
          }
          expect(rowCounts(s.dir, ["quiz_answers", "feedback"])).toEqual(before);
        },
      ),
      { ...FUZZ, numRuns: 12 },
    );
  }, 120_000);

  it("came through it all: up, no 500, no crash in the log", async () => {
    await expectWhole(s);
  });
});
