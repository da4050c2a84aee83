// Property-based tests of the playground API through the real server (local mode): any JSON, malformed and
// oversized bodies, other content types, forged actions. A question gets replies; anything else a clear 4xx;
// never a 500, a crash, or a store write a forged action should not cause.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_QUESTION_LENGTH } from "../../src/playground/api.js";
import { type RunningServer, startServer } from "../server/run-server.js";
import {
  anyJson,
  anyText,
  expectWhole,
  FUZZ,
  forged,
  malformedJson,
  rowCounts,
  wrongType,
} from "./support.js";

let s: RunningServer;
let ownersQuiz = "";
const OWNER = "fuzz-owner-0001";

async function call(path: "ask" | "action", body: string, contentType: string | null = "application/json") {
  const res = await fetch(`${s.url}/playground/api/${path}`, {
    method: "POST",
    body,
    headers: contentType ? { "content-type": contentType } : {},
  });
  const text = await res.text();
  return { status: res.status, text };
}

beforeAll(async () => {
  // Hundreds of requests a second from one address and one browser id: the rate limits (per address and
  // per person) are not what this test is about (test/server/user-limits.test.ts is).
  s = await startServer({ RATE_LIMIT_PLAYGROUND: "0", RATE_LIMIT_PER_USER: "0" });
  const r = await call("action", JSON.stringify({ action: { a: "quiz_new" }, user: OWNER }));
  ownersQuiz = /"quiz":"([0-9a-f-]{36})"/.exec(r.text)?.[1] ?? "";
  expect(ownersQuiz).toMatch(/^[0-9a-f-]{36}$/);
}, 30_000);

afterAll(async () => {
  await s?.stop();
});

describe("playground API, fuzzed through the real server", () => {
  it("a question of any text up to the limit gets replies; a longer one a 400 that says why", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 8, maxLength: 8 }), async (texts) => {
        const results = await Promise.all(texts.map((text) => call("ask", JSON.stringify({ text }))));
        results.forEach((r, i) => {
          if ((texts[i] as string).length > MAX_QUESTION_LENGTH) {
            expect(r.status).toBe(400);
            expect(JSON.parse(r.text).message).toMatch(/at most/);
          } else {
            expect(r.status).toBe(200);
            expect(JSON.parse(r.text).replies.length).toBeGreaterThan(0);
          }
        });
      }),
      { ...FUZZ, numRuns: 15 },
    );
  }, 120_000);

  it("bodies of any shape, malformed JSON, other content types, oversized: a 4xx or a 200, never a 5xx", async () => {
    const body = fc.oneof(
      anyJson.map((v) => [JSON.stringify(v), "application/json"] as const),
      fc
        .record(
          { text: wrongType, user: fc.oneof(wrongType, fc.string({ maxLength: 80 })) },
          { requiredKeys: [] },
        )
        .map((v) => [JSON.stringify(v), "application/json"] as const),
      malformedJson.map((b) => [b, "application/json"] as const),
      fc.string({ maxLength: 200 }).map((b) => [b, "text/plain"] as const),
      fc.string({ maxLength: 200 }).map((b) => [b, "application/x-www-form-urlencoded"] as const),
      fc.string({ maxLength: 200 }).map((b) => [b, null] as const),
      fc.constant([JSON.stringify({ text: "x".repeat(1024 * 1024) }), "application/json"] as const),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom("ask", "action"), body), { minLength: 8, maxLength: 8 }),
        async (requests) => {
          const results = await Promise.all(
            requests.map(([path, [b, type]]) => call(path as "ask" | "action", b, type)),
          );
          for (const r of results) {
            expect(r.status).toBeLessThan(500);
            if (r.status >= 400)
              expect(JSON.parse(r.text)).toMatchObject({
                error: expect.any(String),
                message: expect.any(String),
              });
          }
        },
      ),
      { ...FUZZ, numRuns: 15 },
    );
  }, 120_000);

  it("forged actions (unknown quizzes, someone else's quiz, unknown feedback targets): no store write", async () => {
    const action = fc.oneof(
      forged.unknownQuiz,
      forged.othersQuiz(ownersQuiz),
      fc.record({ a: fc.constant("quiz_answer"), quiz: wrongType, choice: wrongType }),
      forged.unknownFeedback,
      forged.malformedFeedback,
      fc.record({
        a: fc.constantFrom("ask", "share", "nope"),
        q: fc.oneof(wrongType, fc.string({ minLength: 501, maxLength: 2000 })),
      }),
      anyJson,
    );
    const user = fc.oneof(fc.constant("fuzz-other-0001"), fc.constant(undefined));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(action, user), { minLength: 8, maxLength: 8 }), async (presses) => {
        const before = rowCounts(s.dir, ["quiz_answers", "feedback"]);
        const results = await Promise.all(
          presses.map(([a, u]) => call("action", JSON.stringify({ action: a, ...(u ? { user: u } : {}) }))),
        );
        for (const r of results) expect([200, 400]).toContain(r.status);
        expect(rowCounts(s.dir, ["quiz_answers", "feedback"])).toEqual(before);
      }),
      { ...FUZZ, numRuns: 15 },
    );
  }, 120_000);

  it("came through it all: up, no 500, no crash in the log", async () => {
    await expectWhole(s);
  });
});
