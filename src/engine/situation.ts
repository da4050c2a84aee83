// What the rules look at (a Situation) and the small readings of it they share.
import type { Category, Entry, Service } from "../knowledge/schema.js";
import type { Answer } from "./answer.js";
import { namedCase } from "./caveat-case.js";
import type { Composer } from "./compose.js";
import type { Scored } from "./entry-index.js";
import { impliedService } from "./implied-service.js";
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
  /** The share of known services that depart from the read layer's general rule (see ResponsibilityModel). */
  departures: number;
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

export const q = (s: Situation) => s.reading.analysis.clean;
export const noServices = (s: Situation) => s.reading.services.length === 0 && !s.reading.unknownService;
export const best = (s: Situation) => s.ranked[0];
export const confident = (s: Situation) => (best(s)?.score ?? 0) >= s.threshold;
export const entryOf = (s: Situation, r: Scored | undefined) =>
  r ? (s.entries[r.target] as Entry) : undefined;
/** The best entry's layer disagrees with a layer the question was clearly read in. */
export const layerConflict = (s: Situation) => {
  const e = entryOf(s, best(s));
  return !!e && !!s.reading.layer && e.layer !== null && e.layer !== s.reading.layer;
};
export const ruleReady = (s: Situation) =>
  !!s.ruling &&
  s.cue >= TUNING.ruleMinCue &&
  // "Who sets up …" in a layer AWS runs asks about a choice left to the customer that no entry covers:
  // the layer's owner would be the wrong answer, so it is not given.
  !(s.reading.whoConfigures && s.ruling.owner === "aws") &&
  s.reading.offTopic === 0 &&
  // With no service named, a duty verb alone ("who should review...") is too little to rule on.
  (s.reading.services.length > 0 || s.reading.layerFromNoun);
/** The one service the question is about, when it names exactly one subject. */
export const subject = (s: Situation) => s.reading.services[0];
/** The one service an overview is asked for: the only one named, or the only one the asking sentence names. */
export const overviewSubject = (s: Situation): Service | undefined => {
  if (s.reading.services.length === 1) return s.reading.services[0];
  const asked = s.reading.askedServices.filter((x) => !x.crossCutting);
  return asked.length === 1 ? asked[0] : undefined;
};

export function ruleConfidence(cue: number): number {
  return Math.min(TUNING.ruleConfidenceMax, TUNING.ruleConfidenceBase + TUNING.ruleConfidencePerCue * cue);
}

export function answerRule(s: Situation): Answer {
  const ruling = s.ruling as Ruling;
  // "See also": the service's entries in the same layer or with the same owner.
  const related = s.compose
    .entriesOf(ruling.service?.id ?? null)
    .filter((e) => e.layer === ruling.layer.id || e.owner === ruling.owner);
  const named = !!ruling.service && s.reading.named.includes(ruling.service);
  const a = asVariant(s, s.compose.rule(q(s), ruling, ruleConfidence(s.cue), related, named, askedPart(s)));
  // Ruled on the instance a finding is on, the answer is still about the service the question asks of.
  const asked = s.reading.services[0];
  return s.reading.patchedOn && asked ? s.compose.asService(a, asked.id) : impliedService(s, a);
}

/** "ECS on Fargate": an answer about a variant that is a service of its own names that service. */
function asVariant(s: Situation, a: Answer): Answer {
  const v = s.reading.variant;
  const as = v?.variant.answeredAs;
  return as && a.service === v.service.id ? s.compose.asService(a, as) : a;
}

/** The model's ruling when the named service splits the layer ("shared" for it) and no side is asked about. */
export const splitOverride = (s: Situation) =>
  s.ruling?.override && s.ruling.owner === "shared" && !askedPart(s) && s.ruling.service
    ? s.ruling
    : undefined;

/** The owner the model's rule gives, with the side asked about for a shared layer. */
export const ruledOwner = (s: Situation) =>
  s.ruling?.owner === "shared" ? (askedPart(s) ?? "shared") : s.ruling?.owner;

/**
 * The entry that fits best, when it gives another owner than the model's rule would and the rule is not
 * clearly the better reading (its layer cue is slight, or the entry fits fairly well).
 */
export function doubtingEntry(s: Situation): Scored | undefined {
  const top = best(s);
  const e = entryOf(s, top);
  if (!top || !e || !s.ruling || top.score < s.threshold * TUNING.suggestionShare) return undefined;
  // An entry about the model as a whole (no layer) is not a rival reading of one duty, and a shared entry of
  // the very layer ruled on is the whole of which the rule answers one side's part.
  if (e.owner === ruledOwner(s) || !e.layer) return undefined;
  // "A power cut at Amazon's site": an entry about a service the question neither names nor implies (the
  // Outposts rack's power) is no rival reading of the general rule.
  if (!s.ruling.service && e.services.length > 0 && !aboutNamedOrImplied(s, e)) return undefined;
  if (e.owner === "shared" && e.layer === s.ruling.layer.id) return undefined;
  // "Our own KMS key on Step Functions": the entry's caveat names the case, and gives it the model's owner.
  if (namedCase(s, e)?.owner === ruledOwner(s)) return undefined;
  return s.cue <= TUNING.ruleDoubtCue || top.score >= TUNING.ruleDoubtEntry ? top : undefined;
}

function aboutNamedOrImplied(s: Situation, e: Entry): boolean {
  const r = s.reading;
  return e.services.some(
    (id) => r.services.some((x) => x.id === id) || r.implied.some((x) => x.service === id),
  );
}

/**
 * Whose part of a shared duty the question asks about: who decides or sets it up is the customer; else the
 * side it names, else the act ("who builds the patch" is AWS's part, "who applies it" the customer's).
 */
function askedPart(s: Situation): "customer" | "aws" | undefined {
  const r = s.reading;
  // An act of making the update named outright ("who creates the updates") says more than a set-up verb.
  if (r.act === "aws" && !r.choice) return "aws";
  return r.choice || r.whoConfigures ? "customer" : (r.side ?? r.act ?? undefined);
}

/** Asked who makes a decision the layer's owner leaves open, the best entry gives the owner that does not decide. */
export function againstChoice(s: Situation): boolean {
  const owner = entryOf(s, best(s))?.owner;
  if (setUpAgainstRule(s, owner)) return true;
  return !!s.ruling?.choice && owner !== s.ruling.owner && owner !== "shared";
}

/**
 * "Who sets up the retry policy and DLQ": asked whose act a set-up is, in a layer the model gives the customer, an
 * entry about what AWS does on its own answers another question.
 */
export function setUpAgainstRule(s: Situation, owner: string | undefined): boolean {
  return s.reading.whoConfigures && s.ruling?.owner === "customer" && owner === "aws";
}

export function answerEntry(s: Situation): Answer {
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
  const answer = s.compose.entry(q(s), e, Math.min(1, top.score), {
    mentioned: s.reading.named,
    implied: s.reading.unknownService ? [] : s.reading.services,
    unknownProduct: !!s.reading.unknownService,
    closeCall: close ? entryOf(s, second) : undefined,
    // A shared control asked about for one side's people ("training for our contractors") is that side's part;
    // asked about as a whole ("is training a shared thing", "who does configuration management") it stays shared.
    part: e.layer ? askedPart(s) : s.reading.wholeControl ? undefined : (s.reading.side ?? undefined),
    producing: s.reading.act === "aws",
    case: namedCase(s, e),
  });
  return impliedService(s, asVariant(s, answer));
}

/** Asked about a shared control as a whole, with no service named: that control's own entry. */
export function controlEntry(s: Situation): Scored | undefined {
  const r = s.reading;
  if (!r.wholeControl || !noServices(s) || r.offTopic > 0) return undefined;
  if (r.duty?.id !== "patch" && r.duty?.id !== "configure") return undefined;
  return s.ranked.find((x) => {
    const e = s.entries[x.target] as Entry;
    return x.score >= s.threshold * TUNING.suggestionShare && e.layer === null && e.owner === "shared";
  });
}

export function suggestions(s: Situation): number[] {
  return s.ranked.filter((r) => r.score >= s.threshold * TUNING.suggestionShare).map((r) => r.target);
}

/**
 * The best entry when the nearby entries all agree on the owner: at least `agreedOwnerCount` of them score
 * within reach of the threshold, and a question naming a service has that service's entry among them.
 */
export function agreedEntry(s: Situation): Scored | undefined {
  const top = best(s);
  const r = s.reading;
  if (!top || top.score < TUNING.agreedOwnerMin || r.offTopic > 0 || r.unknownService || !r.layerFromNoun)
    return undefined;
  const near = s.ranked.filter((r) => r.score >= s.threshold * TUNING.suggestionShare);
  const owner = entryOf(s, top)?.owner;
  if (near.length < TUNING.agreedOwnerCount || near.some((r) => entryOf(s, r)?.owner !== owner))
    return undefined;
  const service = subject(s);
  if (!service) return noServices(s) ? top : undefined;
  return near.find((r) => entryOf(s, r)?.services.includes(service.id));
}

/**
 * Clear layer words too close to call one layer ("the HSM hardware": encryption or hardware), and the best
 * entry, not a strong fit, sits in neither: its wording matched something else ("cluster").
 */
export function outsideCuedLayers(s: Situation): boolean {
  const e = entryOf(s, best(s));
  const r = s.reading;
  if (!e?.layer || r.layer || (best(s)?.score ?? 0) >= TUNING.entryOverrulesLayer) return false;
  const cued = r.layers.filter((l) => l.score >= TUNING.layerStrong).map((l) => l.layer);
  // "Who patches the servers hosting our frontend" on Amplify: the duty itself places the entry's layer.
  const model = r.services[0]?.model;
  const byDuty = model ? r.duty?.layer?.[model] : undefined;
  return cued.length >= 2 && !cued.includes(e.layer) && byDuty !== e.layer;
}
