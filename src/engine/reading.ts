// Reading a question: one named value that says what the question is about (duty, layer, services, model),
// what it asks for, and how it is framed. Everything after this works from the reading alone.
import type { LayerId, ModelId, Service, Variant } from "../knowledge/schema.js";
import { type Analysis, analyze, expandAbbreviations } from "./analyzer.js";
import { isDefinition, isHowTo, OVERVIEW_STEMS, servicesAroundVersus } from "./cues.js";
import type { CompiledLexicon, DutyCue, LayerCue } from "./lexicon.js";
import { distinctValues, type PhraseHit, type PhraseMatcher } from "./phrases.js";
import type { ResponsibilityModel } from "./responsibility.js";
import { tokenize } from "./text.js";
import { TUNING } from "./tuning.js";
import type { TypoCorrector } from "./typos.js";

/** What a question asks for, before any entry is ranked. */
export type Ask =
  | "quiz"
  | "leaderboard"
  | "help"
  | "shared_controls"
  | "service_model"
  | "compare"
  | "overview";

/** How the question is put: the answer is the same, the wording of the reply is not. */
export type Framing = "question" | "yesno" | "incident" | "statement";

export interface LayerScore {
  layer: LayerId;
  score: number;
}

export interface Reading {
  analysis: Analysis;
  /** Services named, strong names first; `unknownService` when "Amazon X" names one we do not know. */
  services: Service[];
  /** The services named by their own names ("rds", "dynamo"), not only by a feature ("security groups"). */
  named: Service[];
  serviceHits: PhraseHit<Service>[];
  unknownService: string | null;
  /** A variant named ("RDS Custom", "Auto Mode"): it may move layers to the other side. */
  variant: { service: Service; variant: Variant } | null;
  models: ModelId[];
  asks: Set<Ask>;
  duty: DutyCue | null;
  /** The layer the question is about, when its cues lead clearly; `layers` has every candidate, best first. */
  layer: LayerId | null;
  layers: LayerScore[];
  framing: Framing;
  /** Whose side of a split duty the question is about ("our staff", "AWS's own"), when it says. */
  side: "customer" | "aws" | null;
  /** The duty is the customer's kind of act: setting up, turning on, choosing, rolling back. */
  configures: boolean;
  /** The question asks who performs a set-up act ("who turns on", "whose call to pick"). */
  whoConfigures: boolean;
  /** It asks about a decision the layer's owner leaves open: "kick off the major upgrade", "roll back". */
  choice: boolean;
  offTopic: number;
  otherCloud: boolean;
  asksOwnership: boolean;
  compareCue: boolean;
  /** The services the asking sentence itself names. */
  askedServices: Service[];
  /** Two services named side by side ("s3 and dynamodb", "ec2, rds"): a list. */
  joined: boolean;
  /** "compare", "side by side": a matrix is wanted even without a topic or a "who". */
  compareStrong: boolean;
  /** "Patch management overall", "as a control": the control as a whole, not one layer of it. */
  wholeControl: boolean;
  /** The layer was read from a noun that names it, not only from a duty verb. */
  layerFromNoun: boolean;
  /** It names software a managed service runs for you (an engine, a runtime, a version). */
  platformCue: boolean;
  versus: boolean;
  howTo: boolean;
  definition: boolean;
  /** Distinct stems of the meaningful words, and those that only name a service or model. */
  queryStems: string[];
  entityStems: Set<string>;
  /** Stems that weigh little in ranking: service names, and words only the story before the question used. */
  lightStems: Set<string>;
  /** Index of the first word of the sentence that asks the question (0 when the message is one sentence). */
  focus: number;
  /** Meaningful words besides service and model names and overview words: empty means "tell me about X". */
  residual: number[];
}

export interface Readers {
  corrector: TypoCorrector;
  lexicon: CompiledLexicon;
  services: PhraseMatcher<Service>;
  variants: PhraseMatcher<{ service: Service; variant: Variant }>;
  nameWords: Map<string, Set<string>>;
  models: PhraseMatcher<ModelId>;
  asks: PhraseMatcher<Ask>;
  responsibility: ResponsibilityModel;
}

const QUESTION_START =
  /^(who|whose|whom|what|which|where|when|why|how|is|are|am|do|does|did|can|could|should|would|will|shall|must|if)\b/;
const PHYSICAL: LayerId[] = ["facilities", "hardware", "virtualization", "global-network"];
const NEGATIONS = new Set([
  "never",
  "not",
  "non",
  "didnt",
  "dont",
  "havent",
  "hasnt",
  "no",
  "nothing",
  "without",
  "except",
]);
const LIST_WORDS = new Set(["and", "or", "plus", "versus", "amazon", "aws"]);
/** Words after "Amazon" / "AWS" that are not product names. */
const NOT_A_PRODUCT = new Set(
  "the a an or and is are was to for of in on s side cloud account accounts console responsibility responsible shared security infrastructure data center centers network global services service who what we us customer customers own owns handle handles patch patches manage manages employees staff people team".split(
    " ",
  ),
);

export function read(question: string, r: Readers): Reading {
  const a = analyze(String(question ?? ""), r.corrector);
  const asking = focusStart(a.clean);
  const layerHits = r.lexicon.layers.find(a.stems);
  const duties = r.lexicon.duties.find(a.stems);
  // A question that names no layer itself ("whose job was that?", "aws manages it, so their fault right?":
  // a verb alone does not count) is about the story before it.
  const focus = layerHits.some((h) => h.start >= asking && h.value.strong) ? asking : 0;
  const askHits = r.asks.find(a.words);
  const asks = new Set(askHits.map((h) => h.value));
  // The words of an overview phrase ("who owns what", "end to end") ask for the overview; they are not a duty.
  const overviewWords = new Set(
    askHits.filter((h) => h.value === "overview").flatMap((h) => range(h.start, h.end)),
  );
  const serviceHits = r.services.find(a.words);
  // The subject first: a service the asking sentence names ("we moved from EC2 to MSK. Who patches the
  // brokers on MSK?"), else the one named last in the story, else the first named; a cross-cutting one
  // (IAM, KMS) after the others, since "task IAM roles for Fargate" is about Fargate.
  const first = new Map<Service, number>();
  const last = new Map<Service, number>();
  let focusNames = new Set<Service>();
  for (const h of serviceHits) {
    if (!first.has(h.value)) first.set(h.value, h.start);
    last.set(h.value, h.start);
    if (h.start >= focus) focusNames.add(h.value);
  }
  if (focus === 0) focusNames = new Set(first.keys());
  const rank = (x: Service) => (focusNames.has(x) ? (first.get(x) as number) : 1e6 - (last.get(x) as number));
  const services = distinctValues(serviceHits).sort(
    (x, y) => Number(x.crossCutting ?? false) - Number(y.crossCutting ?? false) || rank(x) - rank(y),
  );
  /** The three words before a phrase: where "not" or "who" changes what the phrase means. */
  const before = (at: number) => a.words.slice(Math.max(0, at - 3), at);
  const negated = (at: number) => before(at).some((w) => NEGATIONS.has(w));
  // Two variants named ("SSE-KMS vs SSE-S3") is a choice between them: neither one's exception applies;
  // nor does one ruled out ("RDS, not RDS Custom").
  const variantHits = [
    ...new Map(
      r.variants
        .find(a.words)
        .filter((h) => !negated(h.start))
        .map((h) => [h.value.variant.id, h.value]),
    ).values(),
  ];
  const variant = variantHits.length === 1 ? (variantHits[0] ?? null) : null;
  // A variant names its service ("auto mode" is EKS) even when the service's own name is left out, and
  // makes it the subject: "the cert we imported into ACM for our ALB" is about ACM.
  if (variant) {
    const at = services.indexOf(variant.service);
    if (at >= 0) services.splice(at, 1);
    services.unshift(variant.service);
  }
  const asked = serviceHits.filter((h) => h.start >= asking);
  const unknownService = services.some((x) => !x.crossCutting)
    ? null
    : unknownProduct(a, serviceHits, (w) => r.corrector.has(w));
  // "In Amazon Braket, who sets the IAM role…": the unknown product is the subject; IAM only says what.
  const named = services.filter(
    (s) => !unknownService && (serviceHits.some((h) => h.strong && h.value === s) || variant?.service === s),
  );
  const modelHits = r.models.find(a.words);
  const models = distinctValues(modelHits);
  const lex = r.lexicon;
  // Only the words that name a service ("rds" in "rds snapshots") or a model say where; the rest say what.
  const entityWords = new Set<number>();
  for (const h of serviceHits)
    for (let i = h.start; i < h.end; i++)
      if (r.nameWords.get(h.value.id)?.has(a.words[i] as string)) entityWords.add(i);
  for (const h of modelHits) for (let i = h.start; i < h.end; i++) entityWords.add(i);
  const queryStems = [...new Set(a.content.map((i) => a.stems[i] as string))];
  const entityStems = new Set([...entityWords].map((i) => a.stems[i] as string));
  const focusStems = new Set(a.stems.slice(focus));
  const lightStems = new Set([...entityStems, ...a.stems.slice(0, focus).filter((x) => !focusStems.has(x))]);
  const otherCloud = lex.otherClouds.find(a.stems).length > 0;
  const asksOwnership = lex.ownership.find(a.stems).length > 0;
  const offTopicWords = lex.offTopic.find(a.stems).length;
  const duty = duties[0]?.value ?? null;
  const service = services[0];
  // "Who turns on automatic backups" is the customer's act even though the backups run by themselves.
  // "We never turned anything on" is not the customer setting something up: it asks what happens anyway.
  const configures = duties.some((d) => d.value.id === "configure" && !negated(d.start));
  // "Who sets it up / gets to decide / kicks off …": the question asks whose act it is, not whether it happens.
  const whoConfigures = duties.some(
    (d) => d.value.id === "configure" && before(d.start).some((w) => w === "who" || w === "whose"),
  );
  const sides = new Set(
    lex.sides
      .find(a.stems)
      .filter((h) => !(configures && h.value === "aws"))
      .map((h) => h.value),
  );
  // "AWS's own employees" names AWS outright; the customer's words ("employees") are the generic ones.
  const side = sides.has("aws") ? "aws" : sides.has("customer") ? "customer" : null;
  const {
    layer,
    layers,
    nouns: layerFromNoun,
  } = readLayer(
    layerHits.map((h) => (describesEarlierCue(h, layerHits, a.words) ? { ...h, clause: true } : h)),
    duties,
    service,
    variant?.variant,
    side,
    r.responsibility,
    focus,
    configures,
  );
  // "a CVE in our python runtime", "a payments workload": an off-topic word in a question that clearly asks
  // who owns a duty in a layer is part of the story, not a sign the question is off-topic.
  const offTopic = (asksOwnership && layer ? 0 : offTopicWords) + (otherCloud ? 1 : 0);
  const incident = lex.incident.find(a.stems).length > 0;
  const text = a.words.join(" ");
  const framing: Framing = incident
    ? "incident"
    : QUESTION_START.test(text) || a.clean.includes("?")
      ? lex.yesno.find(a.stems).length && !/^(who|whose|what|which)\b/.test(text)
        ? "yesno"
        : "question"
      : "statement";
  return {
    analysis: a,
    services,
    named,
    serviceHits,
    unknownService,
    variant,
    models,
    asks,
    duty,
    layer,
    layers,
    framing,
    side,
    configures,
    whoConfigures,
    // Only the asking sentence's choice counts: "I'm deciding whether to keep the rotation" is the story.
    choice: lex.choices.find(a.stems).some((h) => h.start >= focus && !negated(h.start)),
    offTopic,
    otherCloud,
    asksOwnership,
    compareCue: lex.compare.find(a.stems).length > 0,
    // Only the asking sentence's list counts: "CloudFront in front of S3 and an ALB" in the story is scenery.
    joined: asked.some((h, i) => {
      const next = asked[i + 1];
      return (
        !!next && next.value !== h.value && a.words.slice(h.end, next.start).every((w) => LIST_WORDS.has(w))
      );
    }),
    askedServices: [...new Set(asked.map((h) => h.value))],
    compareStrong: lex.compareStrong.find(a.stems).length > 0,
    wholeControl: lex.wholeControl.find(a.stems).length > 0,
    layerFromNoun,
    platformCue: layerHits.some((h) => h.value.platform),
    versus: servicesAroundVersus(a.words, serviceHits),
    // "Write me a script…", "walk me through…": asked at the start of the question, not inside a story.
    howTo:
      isHowTo(a.words) || lex.howTo.find(a.stems).some((h) => h.start <= focus + 2 || h.end - h.start >= 3),
    definition: isDefinition(a.words),
    queryStems,
    entityStems,
    lightStems,
    focus,
    residual: a.content.filter(
      (i) => !entityWords.has(i) && !overviewWords.has(i) && !OVERVIEW_STEMS.has(a.stems[i] as string),
    ),
  };
}

/**
 * Scores every layer the question's words point at. Nouns that name a layer count most, longer phrases
 * more; a duty verb adds the layer it implies for the service's model (less when a noun already says
 * where). The best layer is read unless a runner-up close behind it would give another owner; the OS of a
 * managed service is placed where AWS runs it.
 */
/** Words that open a clause describing the noun before them ("the building where our data lives"). */
const RELATIVIZERS = new Set(["where", "which", "that", "whose"]);

/**
 * A cue inside a clause that describes an earlier cue's noun says where that thing is, not what is asked:
 * in "the building where our data lives" the duty is the building's.
 */
function describesEarlierCue(h: PhraseHit<LayerCue>, hits: PhraseHit<LayerCue>[], words: string[]): boolean {
  for (let p = h.start; p >= Math.max(0, h.start - TUNING.clauseReach); p--) {
    if (!RELATIVIZERS.has(words[p] as string)) continue;
    return hits.some((x) => x.end <= p && p - x.end <= 1 && x.value.layer !== h.value.layer);
  }
  return false;
}

function readLayer(
  layerHits: Array<PhraseHit<LayerCue> & { clause?: boolean }>,
  duties: PhraseHit<DutyCue>[],
  service: Service | undefined,
  variant: Variant | undefined,
  side: "customer" | "aws" | null,
  model: ResponsibilityModel,
  focus: number,
  configures: boolean,
): { layer: LayerId | null; layers: LayerScore[]; nouns: boolean } {
  const scores = new Map<LayerId, number>();
  const bump = (layer: LayerId, w: number) => {
    const placed = model.placed(layer, service, variant);
    scores.set(placed, (scores.get(placed) ?? 0) + w);
  };
  let nouns = false;
  for (const h of layerHits) {
    const v = h.value;
    nouns ||= v.strong;
    // An engine or runtime on IaaS is software the customer installed: their application.
    // The host of Fargate or Lambda is software AWS runs for the service; under EC2 it is the hypervisor's.
    const layer =
      v.platform && service?.model === "iaas"
        ? "application"
        : v.host && service && service.model !== "iaas"
          ? "service-software"
          : v.layer;
    const w = v.strong ? TUNING.layerStrong + TUNING.layerPerExtraWord * (v.words - 1) : TUNING.layerWeak;
    // The story before the question sets the scene; the question's own words say where the duty sits.
    const inClause = h.clause ? TUNING.clauseWeight : 1;
    bump(layer, (h.start < focus ? w * TUNING.contextWeight : w) * inClause);
  }
  for (const d of duties) {
    let layer = d.value.layer?.[service?.model ?? "iaas"];
    // "Roll out updates to managed node groups": a named variant that moves the OS makes patching about it.
    if (layer === "service-software" && variant?.overrides.some((o) => o.layer === "guest-os"))
      layer = "guest-os";
    // Without a service, only a duty whose layer is the same for every model says where it sits.
    if (!layer || (!service && new Set(Object.values(d.value.layer ?? {})).size !== 1)) continue;
    // "Who runs / scales / keeps running" a managed service is asking about what AWS operates, whatever
    // part of it is named ("the sign-in service", "the metrics backend"), unless the customer sets it up.
    const operates = d.value.id === "operate" && !configures;
    const w = operates
      ? TUNING.layerFromOperate
      : nouns
        ? TUNING.layerFromDutyBesideNoun
        : TUNING.layerFromDuty;
    bump(layer, d.start < focus ? w * TUNING.contextWeight : w);
  }
  // "The hardware behind the domain controllers": a physical layer named outright is the layer asked about;
  // the managed resource it sits under only says where.
  if (PHYSICAL.some((l) => (scores.get(l) ?? 0) >= TUNING.layerStrong) && scores.has("service-software"))
    scores.set("service-software", (scores.get("service-software") as number) * TUNING.softwareUnderPhysical);
  const owner = (l: LayerId) => {
    const o = service ? model.forService(service, l, variant).owner : (model.general(l)?.owner ?? null);
    return o === "shared" && side ? side : o;
  };
  // "The AWS backbone", "AWS employees": the question is about AWS's side of the stack.
  if (side === "aws")
    for (const [l, v] of scores) if (owner(l) === "aws") scores.set(l, v + TUNING.layerAwsSide);
  const priority = (l: LayerId) => TUNING.layerPriority.indexOf(l);
  const layers = [...scores]
    .map(([layer, score]) => ({ layer, score }))
    .sort((x, y) => y.score - x.score || priority(x.layer) - priority(y.layer));
  const best = layers[0];
  if (!best) return { layer: null, layers, nouns };
  const contested = layers
    .slice(1)
    .some(
      (x) => best.score - x.score < TUNING.layerLead * best.score && owner(x.layer) !== owner(best.layer),
    );
  return { layer: contested ? null : best.layer, layers, nouns };
}

/**
 * Where the question starts in a message that tells a story first: the last sentence that asks something
 * ("...?"), when there is more than one sentence. Returned as an index into the analysed words.
 */
function focusStart(clean: string): number {
  const sentences = clean.split(/(?<=[.!?])\s+/);
  if (sentences.length < 2) return 0;
  let i = sentences.length - 1;
  while (i > 0 && !(sentences[i] as string).includes("?")) i--;
  if (i === 0 && !(sentences[0] as string).includes("?")) i = sentences.length - 1;
  return expandAbbreviations(tokenize(sentences.slice(0, i).join(" "))).length;
}

/** "Amazon Braket", "AWS Ground Station": a product name we do not know, so nothing is mapped to a look-alike. */
function unknownProduct(
  a: Analysis,
  hits: PhraseHit<Service>[],
  knows: (w: string) => boolean,
): string | null {
  // From the text as typed: typo correction may have turned "polly" into a word we know.
  const m = /\b(?:amazon|aws)\s+([a-z][\w-]*)(\s+[a-z][\w-]*)?/gi;
  // In a message typed in capitals, a capital letter says nothing about names.
  const shouted = a.clean === a.clean.toUpperCase();
  for (let x = m.exec(a.clean); x; x = m.exec(a.clean)) {
    const name = (x[1] as string).toLowerCase();
    if (NOT_A_PRODUCT.has(name)) continue;
    const at = a.words.indexOf(name);
    if (at >= 0 && hits.some((h) => h.start <= at && h.end > at)) continue;
    // A capitalised name ("AWS Braket") or a word the knowledge base never uses ("amazon polly").
    if ((!shouted && /^[A-Z]/.test(x[1] as string)) || !knows(name)) return x[1] as string;
  }
  return null;
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}
