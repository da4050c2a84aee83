// `srm-bot explain` for a person: the engine's Explanation (src/engine/engine.ts) laid out as a short report.
// `--json` prints the Explanation itself; this only arranges it.
import { OWNER_LABEL } from "../engine/answer.js";
import type { Explanation } from "../engine/engine.js";
import type { Owner } from "../knowledge/schema.js";
import { PLAIN, type TextStyle } from "../render/text.js";

/**
 * What each rule of src/engine/rules.ts decides, in a few words. A rule added there and not here is shown by
 * its name alone, which is still true.
 */
const RULE_MEANING: Record<string, string> = {
  empty: "nothing to read in the message",
  leaderboard: "a leaderboard command",
  quiz: "a quiz command",
  help: "a help command",
  "shared-controls": "asks about the shared controls",
  "compare-topic": "one topic compared across services",
  "compare-default-services": "a topic compared across the usual services",
  "compare-services": "services compared as a whole",
  "how-to": "a how-to question: ownership questions are offered instead",
  definition: "asks what something is, not who owns it",
  "service-overview": "asks for one service's whole split",
  "service-model": "asks about a service model (IaaS, managed, serverless)",
  "overview-cue": "asks for a service's whole split, whatever one entry's words",
  "other-cloud": "about another cloud provider: declined",
  "unknown-service": "names a service the knowledge base does not know",
  "variant-rule": "a named variant (e.g. RDS Custom) moves this layer: its own override answers",
  "whole-control": "asks about a shared control as a whole",
  "service-exception": "a general entry fits best, but the service has its own exception in that layer",
  "entry-strong": "the wording is very close to an entry's own",
  "service-layer-entry": "the question's service has an entry in the layer it asks about",
  entry: "the best entry scores above the threshold and fits the layer",
  "sided-entry": "names a side the layer's rule does not give: the service's entry of that side answers",
  "leading-layer-entry":
    "no one layer was read, but the service's best entry sits in the layer the cues lead with",
  "owner-in-doubt": "the model and the best-fitting entry give different owners: both are offered back",
  "split-layer":
    "the service splits this layer between AWS and you, and the question does not say which part",
  "side-in-doubt":
    "names the side the layer's rule does not give, for a service with no entry in that layer: asked back",
  "general-rule": "no entry fits: the responsibility model's general rule answers",
  "did-you-mean": "nothing certain: the nearest entries are offered",
  "service-suggestions": "nothing certain: the service's questions are offered",
  decline: "out of scope: declined",
};

const none = (xs: readonly string[]) => (xs.length ? xs.join(", ") : "—");
const owner = (o: string | null, style: TextStyle) =>
  o && o in OWNER_LABEL ? style.owner(o as Owner, OWNER_LABEL[o as Owner]) : "—";
const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));

export function formatExplanation(question: string, x: Explanation, style: TextStyle = PLAIN): string {
  const r = x.reading;
  const a = x.answer;
  const out: string[] = [];
  const field = (name: string, value: string) => out.push(`  ${pad(name, 11)}${value}`);

  out.push(`${style.bold("Question")}   ${question}`);
  out.push("", style.bold("Reading"));
  field("words", r.words.length ? r.words.join(" ") : "—");
  field(
    "services",
    r.unknownService ? `${none(r.services)} (unknown: ${r.unknownService})` : none(r.services),
  );
  field("models", none(r.models));
  field("asks", none(r.asks));
  field("duty", r.duty ?? "—");
  const cues = r.layers.map((l) => `${l.layer} ${l.score}`).join(", ");
  field("layer", `${r.layer ?? "—"}${cues ? `  (cues: ${cues})` : ""}`);
  field("framing", r.framing);
  field("off-topic", String(r.offTopic));
  field("left over", none(r.residual));

  out.push("", `${style.bold("Candidates")}  (an entry answers from a score of ${x.threshold})`);
  if (x.candidates.length === 0) out.push("  none: no entry shares a word with the question");
  else {
    const width = Math.max(5, ...x.candidates.map((c) => c.entry.length));
    out.push(style.dim(`       score  ${pad("entry", width)}  ${pad("owner", 8)}  layer`));
    x.candidates.forEach((c, i) => {
      const mark = c.score >= x.threshold ? "✓" : " ";
      const chosen = c.entry === a.entry ? style.bold(pad(c.entry, width)) : pad(c.entry, width);
      const ownerCell =
        owner(c.owner, style) + " ".repeat(Math.max(0, 8 - (OWNER_LABEL[c.owner as Owner]?.length ?? 1)));
      const answers = c.entry === a.entry ? "← the answer" : "";
      const row = `  ${String(i + 1).padStart(2)} ${mark} ${c.score.toFixed(3)}  ${chosen}  ${ownerCell}  ${pad(c.layer ?? "—", 18)}${answers}`;
      out.push(row.trimEnd());
    });
  }

  out.push("", style.bold("Responsibility model"));
  if (!x.ruling) out.push("  no ruling: the question names no layer the model could rule on");
  else {
    const whose = x.ruling.service ? `for ${x.ruling.service}` : "for any service";
    const basis = x.ruling.override ? "the service's own override" : "the general rule for its kind";
    out.push(`  ${x.ruling.layer} ${whose}: ${owner(x.ruling.owner, style)} (${basis})`);
  }

  const meaning = RULE_MEANING[x.rule];
  out.push("", `${style.bold("Rule")}       ${x.rule}${meaning ? ` — ${meaning}` : ""}`);

  out.push("", style.bold("Answer"));
  out.push(`  ${a.headline}`);
  field("intent", a.intent);
  field("owner", owner(a.owner, style));
  field("service", a.service ?? "—");
  field("model", a.model ?? "—");
  field("layer", a.layer ?? "—");
  field("entry", a.entry ?? "—");
  field("confidence", String(a.confidence));
  if (a.suggestions.length) field("suggests", a.suggestions.join(" | "));
  return out.join("\n");
}
