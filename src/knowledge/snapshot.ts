// A one-shot `srm-bot ask` must answer in well under 300 ms, and importing zod plus validating every file
// costs about half of that. So the build validates the knowledge once and stores the result with a hash of
// exactly what it validated (every knowledge file and the validator's own code). At load, the files are
// hashed again: the snapshot is used only when nothing changed; otherwise the full validation runs, with its
// usual messages. This module must not import zod (directly or through load.ts).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadOptions } from "./load.js";
import type { KnowledgeBase } from "./schema.js";

const here = dirname(fileURLToPath(import.meta.url));

export function snapshotPath(): string {
  return join(here, "knowledge.snapshot.json");
}

function jsonFiles(dir: string, optional = false): string[] {
  if (optional && !existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
    .sort()
    .map((f) => join(dir, f));
}

/** Hash of every knowledge file and of the validator; undefined when a folder cannot be read. */
export function knowledgeKey(opts: Pick<LoadOptions, "dataDir" | "intentsDir">): string | undefined {
  try {
    const files = [
      ...jsonFiles(opts.dataDir),
      ...jsonFiles(join(opts.dataDir, "entries")),
      ...jsonFiles(join(opts.dataDir, "services"), true),
      ...jsonFiles(join(opts.dataDir, "scenarios"), true),
      ...jsonFiles(opts.intentsDir),
      join(here, "schema.js"),
      join(here, "load.js"),
    ];
    const hash = createHash("sha256");
    for (const f of files) hash.update(f).update("\0").update(readFileSync(f)).update("\0");
    return hash.digest("hex");
  } catch {
    return undefined;
  }
}

export function writeSnapshot(kb: KnowledgeBase, opts: Pick<LoadOptions, "dataDir" | "intentsDir">): void {
  const key = knowledgeKey(opts);
  if (key) writeFileSync(snapshotPath(), JSON.stringify({ key, kb }));
}

/** The validated knowledge: from the snapshot when the files are unchanged, else by full validation. */
export async function loadKnowledgeFast(opts: LoadOptions): Promise<KnowledgeBase> {
  const key = knowledgeKey(opts);
  if (key) {
    try {
      const snap = JSON.parse(readFileSync(snapshotPath(), "utf8")) as { key?: string; kb?: KnowledgeBase };
      if (snap.key === key && snap.kb) return snap.kb;
    } catch {
      // No snapshot (not built yet, or written by another version): validate.
    }
  }
  const { loadKnowledge } = await import("./load.js");
  return loadKnowledge(opts);
}
