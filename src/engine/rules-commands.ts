// The rules for commands, comparisons, service overviews and what srm-bot cannot answer, in order.

import type { Service } from "../knowledge/schema.js";
import type { Answer } from "./answer.js";
import { commandAnswer, helpAnswer } from "./answer-parts.js";
import { asksForControls, choosesSharedControl } from "./cues.js";
import {
  best,
  confident,
  entryOf,
  noServices,
  overviewSubject,
  q,
  type Rule,
  type Situation,
  suggestions,
} from "./situation.js";
import { TUNING } from "./tuning.js";

export const COMMAND_RULES: readonly Rule[] = [
  {
    name: "empty",
    when: (s) => s.reading.analysis.content.length === 0 && s.reading.asks.size === 0,
    answer: (s) =>
      s.compose.fallback(q(s), s.reading.analysis.words.length === 0 ? "empty" : "out_of_scope", []),
  },
  {
    name: "shared-control-choice",
    // "Which of these is a shared control? A) … B) Patch management …": the list of shared controls answers
    // which options are among them, each with both sides' parts.
    when: (s) => s.reading.offTopic === 0 && noServices(s) && choosesSharedControl(s.reading.analysis.clean),
    answer: (s) => s.compose.controls(q(s)),
  },
  {
    name: "multiple-choice",
    // "Which of the following is AWS's responsibility? A) … B) …": the one option that party owns.
    when: (s) => !!s.option(),
    answer: (s) => s.option() as Answer,
  },
  {
    name: "leaderboard",
    when: (s) => s.reading.asks.has("leaderboard") && noServices(s),
    answer: (s) => commandAnswer(q(s), "leaderboard"),
  },
  {
    name: "quiz",
    when: (s) => s.reading.asks.has("quiz") && noServices(s),
    answer: (s) => commandAnswer(q(s), "quiz"),
  },
  {
    name: "help",
    when: (s) => s.reading.asks.has("help") && noServices(s) && s.reading.residual.length <= 3,
    answer: (s) => helpAnswer(q(s)),
  },
  {
    name: "shared-controls",
    when: (s) =>
      s.reading.offTopic === 0 &&
      noServices(s) &&
      !oneInheritedControl(s) &&
      asksForControls(
        s.reading.analysis.words,
        s.reading.analysis.stems,
        s.reading.asks.has("shared_controls"),
      ),
    answer: (s) => s.compose.controls(q(s)),
  },
  {
    name: "compare-topic",
    when: (s) => {
      const r = s.reading;
      if (r.offTopic > 0 || !s.topic || r.services.length < 2 || r.picksOne) return false;
      // Services listed ("s3 and dynamodb", "ec2, rds, lambda") with no cue: a list to compare, unless
      // one entry is about them together.
      // A "who" question with a layer read asks about one duty, whatever the list ("IAM or Cognito").
      const listed =
        r.joined &&
        !(r.asksOwnership && r.layer) &&
        !s.coversTogether(r.services) &&
        (best(s)?.score ?? 0) < TUNING.entryStrong;
      // Three or more services that are each a subject (not IAM or KMS beside them).
      const many =
        r.askedServices.filter((x) => !x.crossCutting).length >= 3 &&
        !s.coversTogether(r.services) &&
        // A general entry that fits well is about no one of them: the list still asks for each (a yes/no
        // about "data sent to Lambda or Kinesis" still asks about the one duty).
        ((best(s)?.score ?? 0) < TUNING.entryStrong ||
          (entryOf(s, best(s))?.services.length === 0 &&
            !r.form.yesNo &&
            (best(s)?.score ?? 0) < TUNING.generalEntryOverList));
      return r.compareCue || r.versus || listed || many;
    },
    answer: (s) =>
      s.compose.compare(q(s), s.topic ?? null, s.reading.services, s.rankAll(s.reading.services)),
  },
  {
    name: "compare-default-services",
    when: (s) => {
      const r = s.reading;
      return (
        r.offTopic === 0 &&
        !!s.topic &&
        r.services.length < 2 &&
        r.compareCue &&
        (r.services.length === 1 || r.models.length !== 1) &&
        !r.layer
      );
    },
    answer: (s) =>
      s.compose.compare(q(s), s.topic ?? null, s.defaultCompare(s.reading.services), s.rankAll([]), {
        defaulted: s.reading.services.length === 0,
      }),
  },
  {
    name: "compare-services",
    when: (s) => {
      const r = s.reading;
      return (
        r.offTopic === 0 &&
        !s.topic &&
        r.services.length >= 2 &&
        !r.picksOne &&
        // "ECS on EC2 vs Fargate: what changes for us?": two services set against each other, no duty named.
        (r.compareStrong ||
          ((r.compareCue || r.versus) &&
            (r.asksOwnership || (!r.layer && r.analysis.words.includes("versus")))))
      );
    },
    answer: (s) => s.compose.compare(q(s), null, s.reading.services, []),
  },
  {
    name: "how-to",
    // How-to and advice questions are about doing, not owning: offer ownership questions instead.
    when: (s) => s.reading.howTo,
    answer: (s) => {
      const close = s.ranked.filter((r) => r.score >= s.threshold).slice(0, 3);
      return s.compose.fallback(
        q(s),
        "out_of_scope",
        close.map((r) => r.target),
        close.length ? undefined : s.reading.services[0],
      );
    },
  },
  {
    name: "definition",
    // "what is kubernetes" asks for a definition, not for who owns what.
    when: (s) =>
      s.reading.services.length === 1 &&
      s.reading.offTopic === 0 &&
      s.reading.residual.length === 0 &&
      s.reading.definition &&
      !s.reading.asksOwnership,
    answer: (s) => s.compose.fallback(q(s), "low_confidence", [], s.reading.services[0]),
  },
  {
    name: "service-overview",
    // "SCPs in orgs - us or aws" names one duty by its noun: not the whole split.
    when: (s) =>
      s.reading.services.length === 1 &&
      s.reading.offTopic === 0 &&
      s.reading.residual.length === 0 &&
      !(
        s.reading.layer &&
        s.reading.layerFromNoun &&
        s.reading.form.namesParty &&
        !s.reading.asks.has("overview")
      ),
    answer: (s) => s.compose.service(q(s), s.reading.services[0] as Service),
  },
  {
    name: "service-model",
    when: (s) => {
      const r = s.reading;
      if (!noServices(s) || r.offTopic > 0 || (r.models.length === 0 && !r.asks.has("service_model")))
        return false;
      // "How does the split change for serverless services?": a model and an overview ask, no one duty.
      const overview = r.models.length > 0 && r.asks.has("overview") && !r.duty && !r.layer;
      return (
        !confident(s) ||
        r.residual.length <= 1 ||
        r.models.length > 1 ||
        r.asks.has("service_model") ||
        overview
      );
    },
    answer: (s) => s.compose.models(q(s), s.reading.models),
  },
  {
    name: "overview-cue",
    // Asked for a service's whole split: a weak layer cue ("files", "app") does not make it one duty.
    when: (s) =>
      !!overviewSubject(s) &&
      s.reading.asks.has("overview") &&
      // "What's on us if we run Lambda" asks for the list, however well one entry's words fit.
      ((best(s)?.score ?? 0) < TUNING.entryStrong || s.reading.analysis.words[0] === "what") &&
      (!s.reading.layer || s.cue < TUNING.overviewBeatsLayerBelow) &&
      // "Who's on the hook for the content we store": a who-question about a thing it names is one duty.
      !(s.reading.form.asksWho && s.reading.layer && s.reading.layerFromNoun) &&
      // "Is turning off unauthenticated access on MSK on us?": a yes/no about one duty, not the whole list.
      !(s.reading.form.yesNo && (s.reading.layer || confident(s))) &&
      // "…left it in a shared mailbox. Is that on us?" asks about the story, not the whole list.
      !s.reading.form.pointsBack,
    answer: (s) => s.compose.service(q(s), overviewSubject(s) as Service),
  },
  {
    name: "other-cloud",
    // Another provider's split is not this bot's to explain, however AWS-like the question sounds.
    when: (s) => s.reading.otherCloud,
    answer: (s) => s.compose.fallback(q(s), "out_of_scope", []),
  },
  {
    name: "unknown-service",
    // "Amazon Braket engine upgrades": a service we do not know, about a layer whose owner depends on the
    // kind of service. Rather than guess its kind (or answer with a look-alike), say so.
    when: (s) =>
      !!s.reading.unknownService &&
      // An OS, an engine or a runtime belongs to whoever runs it, which depends on the kind of service; and
      // where many known services depart from a layer's rule (what a service encrypts on its own), so may this one.
      (!s.reading.layer ||
        !s.ruling ||
        s.departures >= TUNING.unknownServiceDepartures ||
        (s.reading.layer === "service-software" && s.reading.platformCue)) &&
      (best(s)?.score ?? 0) < TUNING.entryStrong,
    answer: (s) => s.compose.fallback(q(s), "low_confidence", suggestions(s).slice(0, 3)),
  },
];

/** Layers whose controls a customer inherits whole from AWS: the buildings, machines, network and hypervisor. */
const INHERITED_LAYERS = new Set(["facilities", "hardware", "global-network", "virtualization"]);

/**
 * "Inherited control? Environmental safeguards (fire suppression, HVAC)": one control of a layer AWS runs,
 * asked about by the kind of control it is, is that layer's duty; "which controls are inherited" is the list.
 */
function oneInheritedControl(s: Situation): boolean {
  const layer = s.reading.layer;
  return !!layer && INHERITED_LAYERS.has(layer) && !s.reading.analysis.words.includes("controls");
}
