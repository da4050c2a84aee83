// Which service an answer is about when the question names a service's feature but not the service.
import type { Answer } from "./answer.js";
import type { CompiledLexicon } from "./lexicon.js";
import type { Situation } from "./situation.js";

/**
 * "Who decides which of our staff can log in to our Amazon account?" is about IAM; "who sets the security
 * groups on our servers?" about EC2 (lexicon `impliedServices`): an answer in the layer a feature is named
 * in, to a question that names no service, is about that feature's service.
 */
export function impliedService(s: Situation, a: Answer): Answer {
  const r = s.reading;
  if (a.intent !== "who_owns" || a.service || !a.layer || r.named.length > 0 || r.unknownService) return a;
  const implied = new Set(r.implied.filter((x) => x.layer === a.layer).map((x) => x.service));
  // Two services implied in one layer ("security groups and the network firewall") name neither.
  const [only] = implied;
  return implied.size === 1 && only ? s.compose.asService(a, only) : a;
}

/** The features a question names, each with its service and layer; "with" words must be present too. */
export function impliedFeatures(lex: CompiledLexicon, stems: string[]) {
  return lex.impliedServices
    .find(stems)
    .filter((h) => !h.value.with || h.value.with.find(stems).length > 0)
    .map(({ value: { service, layer } }) => ({ service, layer }));
}
