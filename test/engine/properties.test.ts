import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTENT_NAMES } from "../../src/engine/answer.js";
import { createEngine } from "../../src/engine/index.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../../src/knowledge/paths.js";
import { renderText } from "../../src/render/text.js";

const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
const engine = createEngine(kb);
const entryIds = new Set(kb.entries.map((e) => e.id));
const serviceIds = new Set(kb.services.map((s) => s.id));

// Questions made of pieces that tempt the parser: mentions, mark-up, entities, huge runs, odd Unicode.
const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        "<@U0123ABC>",
        "<!channel>",
        "<at>srm-bot</at>",
        "@srm-bot",
        "&lt;",
        "<b>",
        "</at>",
        "rds",
        "patch",
        "vs",
        "compare",
        "quiz",
        "\u0000",
        "\u202e",
        "🤖",
        "<https://x.y|z>",
      ),
      { maxLength: 40 },
    )
    .map((xs) => xs.join(" ")),
  fc.nat({ max: 20_000 }).map((n) => "a".repeat(n)),
);

describe("engine properties", () => {
  it("always answers with a well-formed Answer, never throws", () => {
    fc.assert(
      fc.property(hostile, (q) => {
        const a = engine.resolve(q);
        expect(INTENT_NAMES).toContain(a.intent);
        expect(a.confidence).toBeGreaterThanOrEqual(0);
        expect(a.confidence).toBeLessThanOrEqual(1);
        expect(a.suggestions.length).toBeLessThanOrEqual(3);
        if (a.entry !== null) expect(entryIds.has(a.entry)).toBe(true);
        if (a.service !== null) expect(serviceIds.has(a.service)).toBe(true);
        expect(a.question.length).toBeLessThanOrEqual(500);
        expect(a.question).not.toMatch(/<@|<!channel>|<at>/);
        expect(renderText(a).length).toBeGreaterThan(0);
      }),
      { numRuns: 400, seed: 20261128 },
    );
  });

  it("is deterministic: the same question gives the same answer", () => {
    fc.assert(
      fc.property(hostile, (q) => {
        expect(engine.resolve(q)).toEqual(engine.resolve(q));
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  it("ignores case, surrounding mentions and trailing punctuation", () => {
    const phrasings = kb.entries.flatMap((e) => e.phrasings.slice(0, 1));
    fc.assert(
      fc.property(
        fc.constantFrom(...phrasings),
        fc.constantFrom("<@U0123ABC> ", "<at>srm-bot</at> ", "@srm-bot ", ""),
        fc.constantFrom("?", "!!", " ", ""),
        (p, pre, post) => {
          const plain = engine.resolve(p);
          const noisy = engine.resolve(`${pre}${p.toUpperCase()}${post}`);
          expect([noisy.intent, noisy.owner, noisy.entry]).toEqual([plain.intent, plain.owner, plain.entry]);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });
});
