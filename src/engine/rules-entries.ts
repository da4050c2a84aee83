// The rules that answer from one entry or the responsibility model, in order, ending with the catch-all.
import type { Entry, Service } from "../knowledge/schema.js";
import { namedCase } from "./caveat-case.js";
import type { Scored } from "./entry-index.js";
import { exceptionEntry, layerEntry, sidedEntry } from "./layer-entries.js";
import type { Ruling } from "./responsibility.js";
import {
  againstChoice,
  agreedEntry,
  answerEntry,
  answerRule,
  best,
  confident,
  controlEntry,
  doubtingEntry,
  entryOf,
  layerConflict,
  outsideCuedLayers,
  overviewSubject,
  q,
  type Rule,
  ruledOwner,
  ruleReady,
  type Situation,
  splitOverride,
  suggestions,
} from "./situation.js";
import { TUNING } from "./tuning.js";

export const ENTRY_RULES: readonly Rule[] = [
  {
    name: "variant-rule",
    // "RDS Custom", "Auto Mode": a named variant that moves this layer answers from its own override, or
    // with the best entry when that entry already gives the variant's owner (an entry about the variant
    // itself), never with another entry of the layer that the variant's owner contradicts.
    when: (s) => !!s.ruling?.variant && s.reading.offTopic === 0,
    answer: (s) => {
      // "Managed updates on: who moves us to a new platform branch?": a shared entry's caveat that names the
      // case asked about is more specific than the variant's layer.
      const top = entryOf(s, best(s));
      if (confident(s) && top && namedCase(s, top)) return answerEntry(s);
      // "Managed updates on: who migrates us to a new platform branch?": a duty the variant leaves alone.
      if (top && untouchedByVariant(s, top)) return answerEntry(s);
      // An entry of the variant's layer that gives its owner explains it, though another fits the words better.
      const agreeing = s.ranked.filter((x) => {
        const e = entryOf(s, x);
        return e?.owner === s.ruling?.owner && (x === best(s) || e?.layer === s.ruling?.layer.id);
      });
      return (agreeing[0]?.score ?? 0) >= s.threshold
        ? answerEntry({ ...s, ranked: agreeing })
        : answerRule(s);
    },
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
    // Not when it answers a decision the question asks about with the party that does not make it.
    when: (s) => (best(s)?.score ?? 0) >= TUNING.entryStrong && !againstChoice(s),
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
      !outsideCuedLayers(s) &&
      // An entry about the model or a control as a whole is no answer to one duty the model can rule on.
      !(
        entryOf(s, best(s))?.layer === null &&
        ruleReady(s) &&
        !s.reading.wholeControl &&
        (best(s)?.score ?? 0) < TUNING.entryOverrulesLayer
      ) &&
      !againstChoice(s),
    answer: answerEntry,
  },
  {
    name: "sided-entry",
    // "Aurora backs itself up without us scheduling anything, yes?": the service's entry of the side named.
    when: (s) => !!sidedEntry(s) && s.reading.offTopic === 0,
    answer: (s) => answerEntry({ ...s, ranked: [sidedEntry(s) as Scored, ...s.ranked] }),
  },
  {
    name: "leading-layer-entry",
    // The layer cues were too close to call one layer, but the named service's best entry, not far below the
    // threshold, sits in the leading one: the two readings agree on what is asked.
    when: (s) => !!leadingLayerEntry(s) && s.reading.offTopic === 0,
    answer: (s) => answerEntry({ ...s, ranked: [leadingLayerEntry(s) as Scored, ...s.ranked] }),
  },
  {
    name: "named-case",
    // "Our own KMS key on Step Functions": the model's owner and the best entry's differ, but the entry's caveat
    // names the case asked about and gives it the model's owner; the entry explains that case.
    when: (s) => {
      const e = entryOf(s, best(s));
      return !!e && generalRuleHolds(s) && e.layer === s.ruling?.layer.id && namesRuledCase(s, e);
    },
    answer: answerEntry,
  },
  {
    name: "owner-in-doubt",
    // The model would answer one owner while the entry that fits best gives the other: ask which was meant.
    when: (s) => generalRuleHolds(s) && !!doubtingEntry(s),
    answer: (s) => {
      // Both readings: the entry that fits best, and the best one that agrees with the model's owner.
      const agreeing = suggestions(s).find((t) => s.entries[t]?.owner === ruledOwner(s));
      const offered = [(doubtingEntry(s) as Scored).target, ...(agreeing === undefined ? [] : [agreeing])];
      return s.compose.ownerInDoubt(
        q(s),
        offered.map((t) => s.entries[t] as Entry),
        s.ruling?.service ?? undefined,
      );
    },
  },
  {
    name: "split-layer",
    // The service splits this layer between the two sides ("shared" for it), and the question does not say which
    // part it means: the service's entries of that layer are offered, not "shared" as if that answered it.
    when: (s) => generalRuleHolds(s) && !!splitOverride(s),
    answer: (s) => {
      const ruling = splitOverride(s) as Ruling;
      const service = ruling.service as Service;
      const inLayer = s.compose.entriesOf(service.id).filter((e) => e.layer === ruling.layer.id);
      return s.compose.ownerInDoubt(q(s), inLayer, service, "split");
    },
  },
  {
    name: "side-in-doubt",
    // "Does Kinesis replicate across AZs by itself?": the question names the other side than the layer's general
    // rule, in a layer where what AWS does differs from service to service, and nothing here says which this
    // service does. The rule would only be a guess at this service: ask which was meant.
    when: (s) => generalRuleHolds(s) && !!sideAgainstRule(s),
    answer: (s) => {
      const ruling = s.ruling as Ruling;
      const inLayer = s.compose
        .entriesOf(ruling.service?.id ?? null)
        .filter((e) => e.layer === ruling.layer.id);
      return s.compose.ownerInDoubt(q(s), inLayer, ruling.service ?? undefined, "side");
    },
  },
  {
    name: "general-rule",
    // No entry fits: the responsibility model answers the (service, layer) pair, labelled as the rule.
    // A question that names no service, no party and no duty clearly, and never asks whose duty it is ("how does
    // Borg place workloads"), is not one for the model to answer.
    when: generalRuleHolds,
    answer: answerRule,
  },
  {
    name: "service-split",
    // "Timestream shared responsibility in a nutshell?": one service, the split, and no duty or layer named.
    // "Who cleans the crawler" asks about one duty, just not one known here.
    when: (s) =>
      !!overviewSubject(s) &&
      !s.reading.form.asksWho &&
      !s.reading.layer &&
      !s.reading.duty &&
      s.reading.offTopic === 0 &&
      !confident(s) &&
      (s.reading.asksOwnership || s.reading.form.namesParty),
    answer: (s) => s.compose.service(q(s), overviewSubject(s) as Service),
  },
  {
    name: "agreed-owner",
    // Nothing fits well enough, but every nearby reading gives the same owner: the best of them answers, at
    // the low confidence it has, rather than asking back a question whose owner is not in doubt.
    when: (s) => !!agreedEntry(s),
    answer: (s) => answerEntry({ ...s, ranked: [agreedEntry(s) as Scored, ...s.ranked] }),
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

/** Whether the entry fits well enough and its caveat names the case asked about with the model's owner. */
function namesRuledCase(s: Situation, e: Entry): boolean {
  const top = best(s);
  return (
    !!top && top.score >= s.threshold * TUNING.suggestionShare && namedCase(s, e)?.owner === ruledOwner(s)
  );
}

/** The service's best entry, when no layer was settled on and that entry sits in the layer the cues lead with. */
function leadingLayerEntry(s: Situation): Scored | undefined {
  const top = s.ranked[0];
  const e = top && s.entries[top.target];
  const subject = s.reading.services[0];
  const leading = s.reading.layers[0]?.layer;
  if (!top || !e || !subject || s.reading.layer || !leading || top.score < TUNING.leadingLayerEntryMin)
    return undefined;
  // A shared entry would only restate the contest between the two owners the cues could not settle.
  return e.services.includes(subject.id) && e.layer === leading && e.owner !== "shared" ? top : undefined;
}

/** The side the question names, when it is not the one the model's general rule gives for a varying layer. */
function sideAgainstRule(s: Situation): "aws" | "customer" | undefined {
  const side = s.reading.side;
  const ruling = s.ruling;
  if (!side || !ruling?.service || ruling.override || ruling.owner === "shared" || ruling.owner === side)
    return undefined;
  // "Who flips EBS encryption by default on?" asks about the switch, which is the customer's either way.
  if (s.reading.configures || s.reading.whoConfigures) return undefined;
  // Where the service's own entries cover the layer and none gives the side asked about, the rule is this service's.
  if (s.compose.entriesOf(ruling.service.id).some((e) => e.layer === ruling.layer.id)) return undefined;
  return s.departures >= TUNING.sideDoubtDepartures ? side : undefined;
}

function generalRuleHolds(s: Situation): boolean {
  return ruleReady(s) && (asksAboutOwners(s) || s.cue >= TUNING.ruleUnaskedMinCue);
}

function asksAboutOwners(s: Situation): boolean {
  const r = s.reading;
  return r.asksOwnership || r.services.length > 0 || r.form.namesParty;
}

function untouchedByVariant(s: Situation, top: Entry): boolean {
  return confident(s) && !!s.reading.variant?.variant.leaves.includes(top.id);
}
