// Property-based tests of the Teams adapter's parsing, through the real server in local mode (the
// unauthenticated /api/messages the Bot Framework Emulator uses), replies going to a local fake Bot Connector:
// arbitrary JSON, malformed bodies, activities whose fields have the wrong types, forged card data.
// Always a clean reply or a 4xx — never a 500, a crash, or a store write a forged value should not cause.
// Every activity names the fake connector as its serviceUrl, so no reply can leave this machine.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../server/run-server.js";
import { type FakeConnector, startFakeConnector } from "../teams/fake-connector.js";
import { cardActions, cardsOf, teamsExecute, teamsMessage, teamsSubmit } from "../teams/harness.js";
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

const BOT = "28:srm-bot-local";
/** Not the person the practice question below was made for. */
const OTHER = { id: "29:someone-else", name: "Someone Else", aadObjectId: "aad-someone-else" };
let connector: FakeConnector;
let s: RunningServer;
let seq = 0;
let ownersQuiz = "";

const target = () => ({ botId: BOT, serviceUrl: connector.url });

async function post(body: string, contentType: string | null = "application/json") {
  const res = await fetch(`${s.url}/api/messages`, {
    method: "POST",
    body,
    headers: contentType ? { "content-type": contentType } : {},
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, json };
}

/** A personal chat of its own for each activity, so its replies can be told apart. */
function personal(activity: Record<string, unknown>): Record<string, unknown> {
  const id = `a:fuzz-${++seq}`;
  return { ...activity, conversation: { conversationType: "personal", tenantId: "fuzz-tenant", id } };
}

/** Never a 5xx, also not inside an invoke response's body: an unhandled invoke name included. */
function expectClean(r: { status: number; json: unknown }, _activity?: unknown): void {
  expect(r.status).toBeLessThan(500);
  const code = (r.json as { statusCode?: unknown } | null)?.statusCode;
  if (typeof code === "number") expect(code).toBeLessThan(500);
}

beforeAll(async () => {
  connector = await startFakeConnector();
  s = await startServer();
  // Someone's practice question, for card presses forged by other people.
  const asked = personal(teamsMessage(target(), "personal", "quiz", { mention: false }));
  expect((await post(JSON.stringify(asked))).status).toBe(200);
  const card = cardsOf(
    connector.sent.filter((x) => x.conversationId === (asked.conversation as { id: string }).id),
  )[0];
  ownersQuiz = String(cardActions(card).find((a) => a.data.a === "quiz_answer")?.data.quiz ?? "");
  expect(ownersQuiz).toMatch(/^[0-9a-f-]{36}$/);
}, 30_000);

afterAll(async () => {
  await s?.stop();
  await connector?.close();
});

describe("Teams adapter, fuzzed through the real server", () => {
  it("a message with any text: 200 and exactly one card in reply", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 5, maxLength: 5 }), async (texts) => {
        const activities = texts.map((t) =>
          personal(teamsMessage(target(), "personal", t, { mention: false })),
        );
        const results = await Promise.all(activities.map((a) => post(JSON.stringify(a))));
        for (const r of results) expect(r.status).toBe(200);
        for (const a of activities) {
          const sent = connector.sent.filter(
            (x) => x.conversationId === (a.conversation as { id: string }).id,
          );
          expect(sent).toHaveLength(1);
          expect(cardsOf(sent)).toHaveLength(1);
        }
      }),
      { ...FUZZ, numRuns: 12 },
    );
  }, 120_000);

  it("bodies of any shape, malformed JSON and other content types: a 4xx or a 200, never a 5xx", async () => {
    const body = fc.oneof(
      // Objects get the local connector as serviceUrl: whatever else they hold, no reply leaves the machine.
      anyJson.map(
        (v) =>
          [
            JSON.stringify(
              v && typeof v === "object" && !Array.isArray(v) ? { ...v, serviceUrl: connector.url } : v,
            ),
            "application/json",
          ] as const,
      ),
      malformedJson.map((b) => [b, "application/json"] as const),
      fc.string({ maxLength: 200 }).map((b) => [b, "text/plain"] as const),
      fc.string({ maxLength: 200 }).map((b) => [b, null] as const),
      fc.constant(["x".repeat(1024 * 1024 + 10), "application/json"] as const),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 8, maxLength: 8 }), async (bodies) => {
        const results = await Promise.all(bodies.map(([b, type]) => post(b, type)));
        results.forEach((r, i) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(bodies[i]?.[0] ?? "");
          } catch {
            parsed = undefined;
          }
          expectClean(r, parsed);
        });
      }),
      { ...FUZZ, numRuns: 10 },
    );
  }, 120_000);

  it("activities whose fields have the wrong types: never a 5xx", async () => {
    const field = fc.oneof(hostileText, wrongType, anyJson);
    const mutation = fc.record(
      {
        type: fc.oneof(
          fc.constantFrom("message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction"),
          fc.string({ maxLength: 10 }),
        ),
        name: fc.oneof(fc.constantFrom("adaptiveCard/action", "composeExtension/query"), wrongType),
        text: field,
        value: field,
        from: field,
        recipient: field,
        conversation: field,
        entities: field,
        channelData: field,
        timestamp: field,
        localTimezone: field,
        membersAdded: field,
        attachments: field,
        replyToId: field,
      },
      { requiredKeys: ["type"] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 8, maxLength: 8 }), async (mutations) => {
        const activities = mutations.map((m) => ({
          ...teamsMessage(target(), "personal", "who patches rds?"),
          ...m,
          serviceUrl: connector.url,
        }));
        const results = await Promise.all(activities.map((a) => post(JSON.stringify(a))));
        results.forEach((r, i) => {
          expectClean(r, activities[i]);
        });
      }),
      { ...FUZZ, numRuns: 12 },
    );
  }, 120_000);

  it("forged card data (unknown quizzes, someone else's quiz, unknown feedback targets): no store write", async () => {
    const data = fc.oneof(
      forged.unknownQuiz,
      forged.othersQuiz(ownersQuiz),
      fc.record({ a: fc.constant("quiz_answer"), quiz: wrongType, choice: wrongType }),
      forged.unknownFeedback,
      fc.record({ a: fc.constantFrom("ask", "share", "quiz_new", "nope"), q: wrongType }),
      anyJson,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(data, fc.boolean()), { minLength: 6, maxLength: 6 }),
        async (presses) => {
          const before = rowCounts(s.dir, ["quiz_answers", "feedback"]);
          const results = await Promise.all(
            presses.map(([d, execute]) => {
              const press = execute
                ? teamsExecute(target(), "personal", d, "msg-1")
                : teamsSubmit(target(), "personal", d, "msg-1");
              return post(JSON.stringify({ ...press, from: OTHER }));
            }),
          );
          for (const r of results) expectClean(r);
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
