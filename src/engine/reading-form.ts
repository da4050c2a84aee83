// The form of a question, from single words the lexicon lists: whether it is worded for a yes or no,
// names a party, or asks who.
import type { Analysis } from "./analyzer.js";
import type { CompiledLexicon } from "./lexicon.js";

export interface Form {
  /** "Is X on us?", "…, correct?": worded to be answered yes or no, whatever its framing. */
  yesNo: boolean;
  /** It names AWS or the customer ("us", "amazon"): it asks about owners. */
  namesParty: boolean;
  /** It asks who ("who", "whose"): about one duty rather than a whole split. */
  asksWho: boolean;
  /** "…left it in a shared mailbox. Is that on us?": a yes/no about what the story told, not a whole split. */
  pointsBack: boolean;
}

const STORY_POINTERS = new Set(["that", "this"]);

/**
 * "CloudTrail for the whole org... is setting that up on us?", "if the ALB runs out of capacity, is adding
 * nodes on us?": `clause` is where the asking sentence's last clause starts, as an index into the words.
 */
export function formOf(a: Analysis, lex: CompiledLexicon, clause = 0): Form {
  const w = a.words;
  return {
    yesNo:
      lex.yesnoFirst.has(w[0] as string) ||
      lex.yesnoFirst.has(w[clause] as string) ||
      // "… enabled by default or is that on us?"
      w.some((x, i) => i >= clause && x === "or" && lex.yesnoFirst.has(w[i + 1] as string)) ||
      lex.yesnoLast.has(w.at(-1) as string),
    namesParty: w.some((x) => lex.partyWords.has(x)),
    asksWho: w.some((x) => lex.whoWords.has(x)),
    pointsBack: w.some((x, i) => i > 0 && lex.yesnoFirst.has(x) && STORY_POINTERS.has(w[i + 1] as string)),
  };
}
