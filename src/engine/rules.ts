// The decisions, in order, as a table (Fuse.js's extended-search matchers are the model): the first rule
// whose condition holds answers. `explain` names the rule that fired, so a wrong answer points at one row.
import type { Category, Entry, Service } from "../knowledge/schema.js";
import type { Answer } from "./answer.js";
import type { Composer } from "./compose.js";
import { asksForControls } from "./cues.js";
import type { Scored } from "./entry-index.js";
import type { Reading } from "./reading.js";
import type { Ruling } from "./responsibility.js";
import { TUNING } from "./tuning.js";

/** What every rule may look at: the reading, the ranked entries, and the model's ruling for the reading. */
export interface Situation {
  reading: Reading;
  ranked: Scored[];
  entries: readonly Entry[];
  /** The responsibility model's answer for the reading's (service, layer), when a layer was read. */
  ruling: Ruling | undefined;
  /** Strength of the layer cues behind `ruling`. */
  cue: number;
  topic: Category | undefined;
  compose: Composer;
  threshold: number;
  /** Ranks again for a compare matrix: every entry, no off-topic penalty. */
  rankAll(services: Service[]): Scored[];
  defaultCompare(named: Service[]): Service[];
  /** Character-level closeness of the question to an entry's phrasings (Fuse.js; 0 best, 1 worst). */
  closeness(target: number): number;
  coversTogether(services: Service[]): boolean;
  /** A multiple-choice question's one option owned by the party it asks about, each option read alone. */
  option(): Answer | undefined;
}

export interface Rule {
  name: string;
  when(s: Situation): boolean;
  answer(s: Situation): Answer;
}

const q = (s: Situation) => s.reading.analysis.clean;
const noServices = (s: Situation) => s.reading.services.length === 0 && !s.reading.unknownService;
const best = (s: Situation) => s.ranked[0];
const confident = (s: Situation) => (best(s)?.score ?? 0) >= s.threshold;
const entryOf = (s: Situation, r: Scored | undefined) => (r ? (s.entries[r.target] as Entry) : undefined);
/** The best entry's layer disagrees with a layer the question was clearly read in. */
const layerConflict = (s: Situation) => {
  const e = entryOf(s, best(s));
  return !!e && !!s.reading.layer && e.layer !== null && e.layer !== s.reading.layer;
};
const ruleReady = (s: Situation) =>
  !!s.ruling &&
  s.cue >= TUNING.ruleMinCue &&
  // "Who sets up …" in a layer AWS runs asks about a choice left to the customer that no entry covers:
  // the layer's owner would be the wrong answer, so it is not given.
  !(s.reading.whoConfigures && s.ruling.owner === "aws") &&
  s.reading.offTopic === 0 &&
  // With no service named, a duty verb alone ("who should review...") is too little to rule on.
  (s.reading.services.length > 0 || s.reading.layerFromNoun);
/** The one service the question is about, when it names exactly one subject. */
const subject = (s: Situation) => s.reading.services[0];
/** The one service an overview is asked for: the only one named, or the only one the asking sentence names. */
const overviewSubject = (s: Situation): Service | undefined => {
  if (s.reading.services.length === 1) return s.reading.services[0];
  const asked = s.reading.askedServices.filter((x) => !x.crossCutting);
  return asked.length === 1 ? asked[0] : undefined;
};

function ruleConfidence(cue: number): number {
  return Math.min(TUNING.ruleConfidenceMax, TUNING.ruleConfidenceBase + TUNING.ruleConfidencePerCue * cue);
}

function answerRule(s: Situation): Answer {
  const ruling = s.ruling as Ruling;
  // "See also": the service's entries in the same layer or with the same owner.
  const related = s.compose
    .entriesOf(ruling.service?.id ?? null)
    .filter((e) => e.layer === ruling.layer.id || e.owner === ruling.owner);
  const named = !!ruling.service && s.reading.named.includes(ruling.service);
  return s.compose.rule(q(s), ruling, ruleConfidence(s.cue), related, named);
}

function answerEntry(s: Situation): Answer {
  let top = best(s) as Scored;
  let second = s.ranked.find((r) => r.target !== top.target);
  const a = entryOf(s, top) as Entry;
  const b = second && (entryOf(s, second) as Entry);
  // Only worth the character-level look when the two would answer differently.
  const differ = !!b && (a.owner !== b.owner || a.layer !== b.layer);
  if (second && differ && second.score >= s.threshold && top.score - second.score < TUNING.closeMargin) {
    // Word overlap cannot separate them: character-level similarity of the phrasings decides.
    if (s.closeness(second.target) + TUNING.fuseLead < s.closeness(top.target)) [top, second] = [second, top];
  }
  const e = entryOf(s, top) as Entry;
  const close =
    second && second.score >= s.threshold && Math.abs(top.score - second.score) < TUNING.closeMargin;
  return s.compose.entry(q(s), e, Math.min(1, top.score), {
    mentioned: s.reading.named,
    closeCall: close ? entryOf(s, second) : undefined,
    part: e.layer ? askedPart(s) : undefined,
  });
}

/** Asked who makes a decision the layer's owner leaves open, the best entry gives the owner that does not decide. */
const againstChoice = (s: Situation) =>
  !!s.ruling?.choice &&
  entryOf(s, best(s))?.owner !== s.ruling.owner &&
  entryOf(s, best(s))?.owner !== "shared";

/** Whose part of a shared duty the question asks about: who decides or sets it up is the customer. */
function askedPart(s: Situation): "customer" | "aws" | undefined {
  const r = s.reading;
  return r.choice || r.whoConfigures ? "customer" : (r.side ?? undefined);
}

/** The best entry about the question's service in the layer it was read in, even when its wording is far. */
function layerEntry(s: Situation): Scored | undefined {
  const service = subject(s);
  const layer = s.reading.layer;
  if (!service || !layer) return undefined;
  const fits = s.ranked.filter((r) => {
    const e = s.entries[r.target] as Entry;
    return r.score >= TUNING.layerEntryMin && e.layer === layer && e.services.includes(service.id);
  });
  // Of the service's entries in that layer, the best worded; one that agrees with the model's owner for the
  // layer wins only when it is nearly as good (the act asked about, "kick off the major upgrade", decides).
  const top = fits[0];
  const agrees = fits.find((r) => (s.entries[r.target] as Entry).owner === s.ruling?.owner);
  // Asked who makes a decision ("who kicks off the major upgrade"), the entry about that decision wins.
  if (agrees && s.ruling?.choice) return agrees;
  // Asked who sets up or decides, an entry saying AWS does it on its own is not the answer.
  if (s.ruling?.choice && !agrees) return undefined;
  return agrees && top && agrees.score >= top.score - TUNING.layerEntryOwnerMargin ? agrees : top;
}

/**
 * The best entry is a general one, but the named service has its own entry in the same layer that says
 * otherwise ("DynamoDB encryption at rest" against "turning on encryption at rest"): the service's exception.
 */
function exceptionEntry(s: Situation): Scored | undefined {
  const service = subject(s);
  const top = entryOf(s, best(s));
  if (!service || !top || top.services.length > 0) return undefined;
  return s.ranked.find((r) => {
    const e = s.entries[r.target] as Entry;
    return (
      r.score >= s.threshold && e.services[0] === service.id && e.layer === top.layer && e.owner !== top.owner
    );
  });
}

/** Asked about a shared control as a whole, with no service named: that control's own entry. */
function controlEntry(s: Situation): Scored | undefined {
  const r = s.reading;
  if (!r.wholeControl || !noServices(s) || r.offTopic > 0) return undefined;
  if (r.duty?.id !== "patch" && r.duty?.id !== "configure") return undefined;
  return s.ranked.find((x) => {
    const e = s.entries[x.target] as Entry;
    return x.score >= s.threshold * TUNING.suggestionShare && e.layer === null && e.owner === "shared";
  });
}

function suggestions(s: Situation): number[] {
  return s.ranked.filter((r) => r.score >= s.threshold * TUNING.suggestionShare).map((r) => r.target);
}

export const RULES: readonly Rule[] = [
  {
    name: "empty",
    when: (s) => s.reading.analysis.content.length === 0 && s.reading.asks.size === 0,
    answer: (s) =>
      s.compose.fallback(q(s), s.reading.analysis.words.length === 0 ? "empty" : "out_of_scope", []),
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
    answer: (s) => s.compose.command(q(s), "leaderboard"),
  },
  {
    name: "quiz",
    when: (s) => s.reading.asks.has("quiz") && noServices(s),
    answer: (s) => s.compose.command(q(s), "quiz"),
  },
  {
    name: "help",
    when: (s) => s.reading.asks.has("help") && noServices(s) && s.reading.residual.length <= 3,
    answer: (s) => s.compose.help(q(s)),
  },
  {
    name: "shared-controls",
    when: (s) =>
      s.reading.offTopic === 0 &&
      noServices(s) &&
      asksForControls(s.reading.analysis.words, s.reading.analysis.stems),
    answer: (s) => s.compose.controls(q(s)),
  },
  {
    name: "compare-topic",
    when: (s) => {
      const r = s.reading;
      if (r.offTopic > 0 || !s.topic || r.services.length < 2) return false;
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
        (best(s)?.score ?? 0) < TUNING.entryStrong;
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
        (r.compareStrong || ((r.compareCue || r.versus) && r.asksOwnership))
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
    when: (s) =>
      s.reading.services.length === 1 && s.reading.offTopic === 0 && s.reading.residual.length === 0,
    answer: (s) => s.compose.service(q(s), s.reading.services[0] as Service),
  },
  {
    name: "service-model",
    when: (s) => {
      const r = s.reading;
      if (!noServices(s) || r.offTopic > 0 || (r.models.length === 0 && !r.asks.has("service_model")))
        return false;
      return !confident(s) || r.residual.length <= 1 || r.models.length > 1 || r.asks.has("service_model");
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
      (!s.reading.layer || s.cue < TUNING.overviewBeatsLayerBelow),
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
      // An OS, an engine or a runtime belongs to whoever runs it, which depends on the kind of service.
      (!s.reading.layer ||
        !s.ruling ||
        s.reading.layer === "guest-os" ||
        (s.reading.layer === "service-software" && s.reading.platformCue)) &&
      (best(s)?.score ?? 0) < TUNING.entryStrong,
    answer: (s) => s.compose.fallback(q(s), "low_confidence", suggestions(s).slice(0, 3)),
  },
  {
    name: "variant-rule",
    // "RDS Custom", "Auto Mode": a named variant that moves this layer answers from its own override.
    // It yields to an entry that already gives the variant's owner (an entry about the variant itself).
    when: (s) =>
      !!s.ruling?.variant &&
      s.reading.offTopic === 0 &&
      !(confident(s) && entryOf(s, best(s))?.owner === s.ruling.owner),
    answer: answerRule,
  },
  {
    name: "whole-control",
    // "Who owns patch management overall?": the shared control itself, not the one layer a cue points at.
    when: (s) => !!controlEntry(s),
    answer: (s) => answerEntry({ ...s, ranked: [controlEntry(s) as Scored, ...s.ranked] }),
  },
  {
    name: "service-exception",
    // A general entry fits the words best, but the service named has its own exception in that layer.
    when: (s) => !!exceptionEntry(s) && s.reading.offTopic === 0,
    answer: (s) => answerEntry({ ...s, ranked: [exceptionEntry(s) as Scored, ...s.ranked] }),
  },
  {
    name: "entry-strong",
    // Wording this close to an entry's own is read right whatever the layer cues say.
    when: (s) => (best(s)?.score ?? 0) >= TUNING.entryStrong,
    answer: answerEntry,
  },
  {
    name: "service-layer-entry",
    // The question's service has an entry in the layer it asks about: that entry explains it best.
    when: (s) => !!layerEntry(s) && s.reading.offTopic === 0,
    answer: (s) => answerEntry({ ...s, ranked: [layerEntry(s) as Scored, ...s.ranked] }),
  },
  {
    name: "entry",
    // The best entry answers when it fits well and sits in the layer the question is about.
    when: (s) =>
      confident(s) &&
      !(layerConflict(s) && ruleReady(s) && (best(s)?.score ?? 0) < TUNING.entryOverrulesLayer) &&
      !againstChoice(s),
    answer: answerEntry,
  },
  {
    name: "general-rule",
    // No entry fits: the responsibility model answers the (service, layer) pair, labelled as the rule.
    when: ruleReady,
    answer: answerRule,
  },
  {
    name: "did-you-mean",
    when: (s) => suggestions(s).length > 0,
    answer: (s) => s.compose.fallback(q(s), "low_confidence", suggestions(s).slice(0, 3)),
  },
  {
    name: "service-suggestions",
    when: (s) => s.reading.services.length === 1,
    answer: (s) => s.compose.fallback(q(s), "low_confidence", [], s.reading.services[0]),
  },
  {
    name: "decline",
    when: () => true,
    answer: (s) => s.compose.fallback(q(s), "out_of_scope", []),
  },
];

/** The first rule that holds, and its answer. */
export function decide(s: Situation): { rule: string; answer: Answer } {
  for (const rule of RULES) if (rule.when(s)) return { rule: rule.name, answer: rule.answer(s) };
  throw new Error("the rules table has no catch-all rule");
}
