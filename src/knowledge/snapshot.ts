// A one-shot `srm-bot ask` must answer in well under 300 ms, and importing zod plus validating every file
// costs about half of that. So the build validates the knowledge once and stores the result with a hash of
// exactly what it validated (every knowledge file and the validator's own code). At load, the files are
// hashed again: the snapshot is used only when nothing changed; otherwise the full validation runs, with its
// usual messages. This module must not import zod (directly or through load.ts).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Prepared } from "../engine/engine.js";
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

/**
 * Stores the validated knowledge and, when given, what an engine derived from it (stems, alias strength,
 * vocabulary): a one-shot `srm-bot ask` then skips both validation and most of the engine's build.
 */
export function writeSnapshot(
  kb: KnowledgeBase,
  opts: Pick<LoadOptions, "dataDir" | "intentsDir">,
  prepared?: Prepared,
): void {
  const key = knowledgeKey(opts);
  if (key) writeFileSync(snapshotPath(), JSON.stringify({ key, kb, prepared }));
}

/** The validated knowledge (and the engine's prepared data) from the snapshot when the files are unchanged. */
export async function loadForEngine(opts: LoadOptions): Promise<{ kb: KnowledgeBase; prepared?: Prepared }> {
  const key = knowledgeKey(opts);
  if (key) {
    try {
      const snap = JSON.parse(readFileSync(snapshotPath(), "utf8")) as {
        key?: string;
        kb?: KnowledgeBase;
        prepared?: Prepared;
      };
      if (snap.key === key && snap.kb) return { kb: snap.kb, prepared: snap.prepared };
    } catch {
      // No snapshot (not built yet, or written by another version): validate.
    }
  }
  const { loadKnowledge } = await import("./load.js");
  return { kb: loadKnowledge(opts) };
}
