// Runs after every build: validates the bundled knowledge and stores the result for fast CLI starts
// (see src/knowledge/snapshot.ts). Invalid knowledge fails the build with the same message the app gives.

import { createEngine } from "../src/engine/index.js";
import { KnowledgeError, loadKnowledge } from "../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../src/knowledge/paths.js";
import { writeSnapshot } from "../src/knowledge/snapshot.js";

const opts = { dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot };
try {
  const kb = loadKnowledge(opts);
  writeSnapshot(kb, opts, createEngine(kb).prepared);
} catch (err) {
  process.stderr.write(`${err instanceof KnowledgeError ? err.message : String(err)}\n`);
  process.exit(1);
}
