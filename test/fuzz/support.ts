// What the HTTP fuzz tests share: hostile inputs, the store's row counts, and the checks that the server came
// through a run whole (alive, no 500, no crash in the log).

import { join } from "node:path";
import BetterSqlite from "better-sqlite3";
import fc from "fast-check";
import { expect } from "vitest";
import type { RunningServer } from "../server/run-server.js";

/** Fixed seed and bounded runs: the same inputs every time, a bounded time. */
export const FUZZ = { seed: 20_261_128, endOnFailure: true } as const;

/** Text that tempts parsers and renderers: mentions, mark-up, entities, control and bidi characters, emoji. */
export const hostileText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        "<@U0123ABC>",
        "<!channel>",
        "<!here>",
        "<!everyone>",
        "<at>srm-bot</at>",
        "@srm-bot",
        "&lt;",
        "&amp;",
        "<b>bold</b>",
        "<script>alert(1)</script>",
        "*bold* _it_ ~s~ `code`",
        "rds",
        "patch",
        "who",
        "quiz",
        "help",
        "compare",
        "leaderboard",
        "\u0000",
        "\u202e",
        "\ud83e\udd16",
        "\ud800",
        "<https://example.com|click>",
        "%00",
        "\r\n",
      ),
      { maxLength: 30 },
    )
    .map((xs) => xs.join(" ")),
);

/** Huge, empty and blank texts. */
export const extremeText = fc.oneof(
  fc.constant(""),
  fc.constant("   \t\n "),
  fc.string({ unit: "grapheme-ascii", minLength: 3_000, maxLength: 12_000 }),
  fc.string({ unit: "binary", minLength: 2_000, maxLength: 5_000 }),
);

export const anyText = fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: extremeText });

/** A JSON value of any shape, and values of the wrong type for a field. */
export const anyJson = fc.jsonValue({ maxDepth: 3 });
export const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Text that is not JSON, or JSON cut short. */
export const malformedJson = fc.oneof(
  fc.constantFrom(
    "{",
    "[",
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    "nul",
    "undefined",
    "NaN",
    '"unterminated',
    "\u0000",
  ),
  anyJson.map((v) => JSON.stringify(v).slice(0, -1)).filter((s) => s.length > 0),
);

export const owner = fc.constantFrom("aws", "customer", "shared");
export const uuid = fc.uuid();

/** Card actions no one should be able to score or record with, the same for every adapter. */
export const forged = {
  /** An answer to a quiz that does not exist. */
  unknownQuiz: fc.record({ a: fc.constant("quiz_answer"), quiz: uuid, choice: owner }),
  /** An answer to a quiz posted for someone else (a personal practice quiz). */
  othersQuiz: (quizId: string) =>
    fc.record({ a: fc.constant("quiz_answer"), quiz: fc.constant(quizId), choice: owner }),
  /** A vote on an entry that is not in the knowledge base. */
  unknownFeedback: fc.record({
    a: fc.constant("feedback"),
    target: fc.string({ maxLength: 30 }).map((t) => `nope-${t}`),
    q: hostileText,
    helpful: fc.boolean(),
  }),
  /** A vote whose fields have the wrong types. */
  malformedFeedback: fc.record({
    a: fc.constant("feedback"),
    target: wrongType,
    q: wrongType,
    helpful: wrongType,
  }),
};

/** Row counts of the tables a forged request must never write to. */
export function rowCounts(dir: string, tables: string[]): Record<string, number> {
  const db = new BetterSqlite(join(dir, ".data", "srm-bot.db"), { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      tables.map((t) => [t, db.prepare(`select count(*) from ${t}`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}

/** The server is still up, answered nothing with a 500 and logged no crash. */
export async function expectWhole(s: RunningServer): Promise<void> {
  expect(s.proc.exitCode).toBeNull();
  expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  const bad = s
    .logs()
    .filter(
      (l) =>
        l.level === "fatal" ||
        l.status === 500 ||
        /uncaught|unhandled promise rejection|unhandled error in a Slack listener/i.test(l.msg),
    );
  expect(bad).toEqual([]);
}
