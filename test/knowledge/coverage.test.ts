import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coverage, coverageTable, staleEntries } from "../../src/knowledge/coverage.js";
import { loadKnowledge } from "../../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../../src/knowledge/paths.js";
import type { Entry } from "../../src/knowledge/schema.js";

const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
const contract = join(projectRoot, "..", "shared", "reference", "answer-contract.md");

/** The service ids the answer contract lists: every `id` in the table under "## Service ids". */
function contractServiceIds(): string[] {
  const text = readFileSync(contract, "utf8");
  const section = text.slice(text.indexOf("## Service ids"));
  return [...section.matchAll(/^\|[^|]+\|(.+)\|$/gm)].flatMap((m) =>
    [...(m[1] as string).matchAll(/`([a-z0-9]+)`/g)].map((x) => x[1] as string),
  );
}

describe.runIf(existsSync(contract))("every service of the answer contract", () => {
  const ids = contractServiceIds();
  const rows = new Map(coverage(kb).map((r) => [r.id, r]));

  it("is read from the contract (about 100 ids)", () => {
    expect(ids.length).toBeGreaterThan(90);
  });

  it.each(ids)("%s is in data/ with a source URL and at least one entry", (id) => {
    const row = rows.get(id);
    expect(row, `${id} is missing from data/services`).toBeDefined();
    expect(row?.source).toMatch(/^https:\/\/(docs\.)?aws\.amazon\.com\//);
    expect(row?.entries).toBeGreaterThan(0);
  });

  it("and data/ names no service the contract does not list", () => {
    expect(kb.services.map((s) => s.id).filter((id) => !ids.includes(id))).toEqual([]);
  });
});

describe("coverage", () => {
  it("splits every service's layers into explained by an entry and answered by the general rule", () => {
    for (const r of coverage(kb)) {
      expect(r.explained.length + r.byRule.length).toBe(15);
      expect(r.explained.filter((l) => r.byRule.includes(l))).toEqual([]);
    }
    const table = coverageTable(coverage(kb));
    expect(table.split("\n")[0]).toMatch(/^service\s+kind\s+entries/);
    expect(table).toContain(`${kb.services.length} services`);
  });

  it("lists entries not reviewed in twelve months", () => {
    const entries = [
      { id: "old", reviewed: "2025-11-30" },
      { id: "fresh", reviewed: "2025-12-01" },
    ] as Entry[];
    expect(staleEntries({ entries }, "2026-12-01")).toEqual(["old (reviewed 2025-11-30)"]);
  });
});

describe("the lexicon", () => {
  it("is refused when one phrase is listed under two layers, naming both places", async () => {
    const { cpSync, mkdtempSync, readFileSync: read, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "srm-lexicon-"));
    cpSync(defaultIntentsDir, join(dir, "intents"), { recursive: true });
    const file = join(dir, "intents", "lexicon.json");
    const lex = JSON.parse(read(file, "utf8"));
    lex.layers.hardware.strong.push("hypervisor");
    writeFileSync(file, JSON.stringify(lex));
    expect(() =>
      loadKnowledge({ dataDir: defaultDataDir, intentsDir: join(dir, "intents"), root: dir }),
    ).toThrow(
      /layers\.(hardware|virtualization)\.strong.*"hypervisor" is also listed in layers\.(hardware|virtualization)\.strong/,
    );
  });
});
