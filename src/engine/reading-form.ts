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
}

export function formOf(a: Analysis, lex: CompiledLexicon): Form {
  const w = a.words;
  return {
    yesNo: lex.yesnoFirst.has(w[0] as string) || lex.yesnoLast.has(w.at(-1) as string),
    namesParty: w.some((x) => lex.partyWords.has(x)),
    asksWho: w.some((x) => lex.whoWords.has(x)),
  };
}
