// Prints the English words that typo correction would turn into a different word the knowledge uses, for the
// lexicon's `plainWords` (npm run build first). Needs a word list, one word a line: Debian's wamerican-small
// (SCOWL size 35) gave today's list: `apt-get install wamerican-small`, then
//   node dist/scripts/plain-words.js /usr/share/dict/american-english-small
// Rerun it after the knowledge gains many words, and merge what it prints into intents/lexicon.json.
import { readFileSync } from "node:fs";
import { createEngine } from "../src/engine/index.js";
import { canonical } from "../src/engine/text.js";
import { TypoCorrector } from "../src/engine/typos.js";
import { loadKnowledge } from "../src/knowledge/load.js";
import { defaultDataDir, defaultIntentsDir, projectRoot } from "../src/knowledge/paths.js";

const dictionary = process.argv[2];
if (!dictionary) {
  process.stderr.write("usage: node dist/scripts/plain-words.js <word list, one word a line>\n");
  process.exit(2);
}
const kb = loadKnowledge({ dataDir: defaultDataDir, intentsDir: defaultIntentsDir, root: projectRoot });
// Without the current plain words, so the list is whole again rather than only what is new.
const corrector = new TypoCorrector(new Map(createEngine(kb).prepared.vocabulary), canonical);
const atRisk = readFileSync(dictionary, "utf8")
  .split("\n")
  .filter((w) => /^[a-z]{5,}$/.test(w) && !corrector.has(w))
  .filter((w) => {
    const fixed = corrector.correct(w);
    return fixed !== undefined && canonical(fixed) !== canonical(w);
  });
process.stdout.write(`${JSON.stringify(atRisk)}\n`);
