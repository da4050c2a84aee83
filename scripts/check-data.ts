// Validates data/ and intents/ and prints every problem; exit 1 when any.
import { KnowledgeError, loadKnowledge } from "../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../src/knowledge/paths.js";

try {
  const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
  console.log(
    `ok: ${kb.entries.length} entries, ${kb.services.length} services, ${kb.intents.length} intents`,
  );
} catch (err) {
  if (!(err instanceof KnowledgeError)) throw err;
  console.error(err.message);
  process.exit(1);
}
