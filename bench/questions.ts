// Generates many distinct chat-style questions from the knowledge base, so a benchmark never sees a
// repeat (no cache could serve one) and exercises typos, mentions and noise like real chat does.
import type { KnowledgeBase } from "../src/knowledge/schema.js";
import { seededRandom } from "../src/quiz/random.js";

const PREFIXES = [
  "",
  "hey ",
  "<@U07SRMBOT> ",
  "<at>srm-bot</at> ",
  "@srm-bot ",
  "quick q: ",
  "so ",
  "pls tell me ",
  "team question: ",
];
const SUFFIXES = ["", "?", "??", " thanks", " pls", " asap", " 🙏", " for our prod account", " again?"];
const OFF_TOPIC = [
  "what's the weather in {x}",
  "tell me a joke about {x}",
  "who won the {x} game",
  "how much does {x} cost per month",
  "recipe for {x} soup",
];

function typo(word: string, rnd: () => number): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  switch (Math.floor(rnd() * 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + (word[i + 1] ?? "") + (word[i] ?? "") + word.slice(i + 2);
    default:
      return word.slice(0, i) + word[i] + word.slice(i);
  }
}

export function generateQuestions(kb: KnowledgeBase, count: number, seed = 42): string[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const bases = [
    ...kb.entries.flatMap((e) => [e.statement, ...e.phrasings]),
    ...kb.services.flatMap((s) => [
      `what am i responsible for with ${pick(s.aliases)}`,
      `${s.id} responsibilities`,
    ]),
    ...kb.models.map((m) => `what do i manage in ${pick(m.aliases)}`),
  ];
  const out = new Set<string>();
  let guard = 0;
  while (out.size < count && guard++ < count * 50) {
    let q: string;
    if (rnd() < 0.08)
      q = pick(OFF_TOPIC).replace(
        "{x}",
        pick(["paris", "football", "tomato", "chess", String(Math.floor(rnd() * 1e4))]),
      );
    else {
      const words = pick(bases).split(" ");
      q = words.map((w) => (rnd() < 0.12 ? typo(w, rnd) : w)).join(" ");
      if (rnd() < 0.3) q = q.toLowerCase();
    }
    out.add(`${pick(PREFIXES)}${q}${pick(SUFFIXES)}`);
  }
  return [...out];
}
