// Reading a question: one named value that says what the question is about (duty, layer, services, model),
// what it asks for, and how it is framed. Everything after this works from the reading alone.
import type { LayerId, ModelId, Service, Variant } from "../knowledge/schema.js";
import { type Analysis, analyze } from "./analyzer.js";
import { isDefinition, isHowTo, OVERVIEW_STEMS, servicesAroundVersus } from "./cues.js";
import { impliedFeatures } from "./implied-service.js";
import { type CompiledLexicon, type DutyCue, NOT_A_DUTY } from "./lexicon.js";
import { distinctValues, type PhraseHit, type PhraseMatcher } from "./phrases.js";
import { focusStart, lastClauseStart, statedPartStems } from "./reading-focus.js";
import { type Form, formOf } from "./reading-form.js";
import { layerCues, patchedInstance, pointedBack, readLayer } from "./reading-layer.js";
import { readServices } from "./reading-services.js";
import { askedAct, asksChoice, readSides } from "./reading-sides.js";
import type { ResponsibilityModel } from "./responsibility.js";
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
  /**
   * "Inspector found CVEs on our EC2 instances: who patches them?": the instance service a finding to patch is
   * on, when the question's subject only reports it. The duty's layer and owner are that service's.
   */
  patchedOn: Service | null;
  /** Features named without their service's name ("security groups"): the services they imply, by layer. */
  implied: Array<{ service: string; layer: LayerId }>;
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
  /** The one side's act within a shared duty the asking sentence names ("who applies", "who builds the patch"). */
  act: "customer" | "aws" | null;
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
  form: Form;
  /** "EC2 vs Fargate: on Fargate, who patches…": after setting services side by side, it asks about one. */
  picksOne: boolean;
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
  /** Services by contract id: after "compare", an id alone names its service ("compare backup glacier"). */
  byId: Map<string, Service>;
  models: PhraseMatcher<ModelId>;
  asks: PhraseMatcher<Ask>;
  responsibility: ResponsibilityModel;
}

const QUESTION_START =
  /^(who|whose|whom|what|which|where|when|why|how|is|are|am|do|does|did|can|could|should|would|will|shall|must|if)\b/;
const LIST_WORDS = new Set(["and", "or", "plus", "versus", "amazon", "aws"]);

/**
 * "Keeps telling us to document how we patch the OS": the most specific duty named, the first of equals. (Phrases
 * like "operating system" and "broken into" are matched with the cues, hiding "operate" and "broken", then dropped.)
 */
function mostSpecific(duties: PhraseHit<DutyCue>[]): DutyCue | null {
  let best: DutyCue | null = null;
  for (const d of duties) if (!best || (d.value.rank ?? 0) < (best.rank ?? 0)) best = d.value;
  return best;
}

export function read(question: string, r: Readers): Reading {
  const a = analyze(String(question ?? ""), r.corrector);
  const asking = focusStart(a.clean);
  const layerHits = r.lexicon.layers.find(a.stems).filter((h) => !h.value.none);
  const duties = r.lexicon.duties.find(a.stems).filter((d) => d.value.id !== NOT_A_DUTY);
  // A question that names no layer itself ("whose job was that?", "aws manages it, so their fault right?":
  // a verb alone does not count) is about the story before it.
  const focus = layerHits.some((h) => h.start >= asking && h.value.strong) ? asking : 0;
  const askHits = r.asks.find(a.words);
  const overviewWords = overviewPhraseWords(askHits);
  const sv = readServices(a, r, asking, focus);
  const { serviceHits, services, variant, asked } = sv;
  const modelHits = r.models.find(a.words);
  const lex = r.lexicon;
  const { entityWords, queryStems, entityStems, lightStems } = readStems(a, r, serviceHits, modelHits, focus);
  const otherCloud = lex.otherClouds.find(a.stems).length > 0 || onPremisesOnly(lex, a, services, asking);
  const asksOwnership = lex.ownership.find(a.stems).length > 0;
  const { configures, whoConfigures, side } = readSides(a, lex, duties, asking, layerHits);
  const choice = asksChoice(lex, a, focus, duties);
  const patchedOn = patchedInstance(services, duties);
  const {
    layer,
    layers,
    nouns: layerFromNoun,
  } = readLayer(
    layerCues(pointedBack(layerHits, a.words, asking), a.words, r.lexicon.outcomes.find(a.stems)),
    duties,
    patchedOn ?? services[0],
    variant?.variant,
    side,
    r.responsibility,
    focus,
    { choice, setUp: configures },
  );
  // "a CVE in our python runtime", "a payments workload": an off-topic word in a question that clearly asks
  // who owns a duty in a layer is part of the story, not a sign the question is off-topic.
  const offTopic = (asksOwnership && layer ? 0 : lex.offTopic.find(a.stems).length) + (otherCloud ? 1 : 0);
  return {
    analysis: a,
    services,
    named: sv.named,
    serviceHits,
    unknownService: sv.unknownService,
    patchedOn,
    implied: impliedFeatures(lex, a.stems),
    variant,
    models: distinctValues(modelHits),
    asks: new Set(askHits.map((h) => h.value)),
    duty: mostSpecific(duties),
    layer,
    layers,
    framing: framingOf(a, lex),
    side,
    configures,
    whoConfigures,
    choice,
    act: askedAct(lex, a, asking),
    offTopic,
    otherCloud,
    asksOwnership,
    compareCue: lex.compare.find(a.stems).length > 0,
    // Only the asking sentence's list counts: "CloudFront in front of S3 and an ALB" in the story is scenery.
    joined: listsServices(a, asked),
    askedServices: [...new Set(asked.map((h) => h.value))],
    compareStrong: lex.compareStrong.find(a.stems).length > 0,
    wholeControl: lex.wholeControl.find(a.stems).length > 0,
    layerFromNoun,
    platformCue: layerHits.some((h) => h.value.platform),
    versus: servicesAroundVersus(a.words, serviceHits),
    picksOne: sv.picksOne,
    howTo: asksHowTo(a, lex, focus),
    form: formOf(a, lex, lastClauseStart(a.clean)),
    definition: isDefinition(a.words),
    queryStems,
    entityStems,
    lightStems,
    focus,
    residual: residualWords(a, entityWords, overviewWords),
  };
}

/** The content words left once the service, model and overview words are set aside: what the question is about. */
function residualWords(a: Analysis, entityWords: Set<number>, overviewWords: Set<number>): number[] {
  return a.content.filter(
    (i) => !entityWords.has(i) && !overviewWords.has(i) && !OVERVIEW_STEMS.has(a.stems[i] as string),
  );
}

/** "Write me a script…", "walk me through…": asked at the start of the question, not inside a story. */
function asksHowTo(a: Analysis, lex: CompiledLexicon, focus: number): boolean {
  return (
    isHowTo(a.words) ||
    lex.howTo.find(a.stems).some((h) => (h.start >= focus && h.start <= focus + 2) || h.end - h.start >= 3)
  );
}

/** Only the words that name a service ("rds" in "rds snapshots") or a model say where; the rest say what. */
function readStems(
  a: Analysis,
  r: Readers,
  serviceHits: PhraseHit<Service>[],
  modelHits: PhraseHit<ModelId>[],
  focus: number,
) {
  const entityWords = new Set<number>();
  for (const h of serviceHits)
    for (let i = h.start; i < h.end; i++)
      if (r.nameWords.get(h.value.id)?.has(a.words[i] as string)) entityWords.add(i);
  for (const h of modelHits) for (let i = h.start; i < h.end; i++) entityWords.add(i);
  const queryStems = [...new Set(a.content.map((i) => a.stems[i] as string))];
  const entityStems = new Set([...entityWords].map((i) => a.stems[i] as string));
  const focusStems = new Set(a.stems.slice(focus));
  const lightStems = new Set([
    ...entityStems,
    ...a.stems.slice(0, focus).filter((x) => !focusStems.has(x)),
    ...statedPartStems(a),
  ]);
  return { entityWords, queryStems, entityStems, lightStems };
}

function framingOf(a: Analysis, lex: CompiledLexicon): Framing {
  if (lex.incident.find(a.stems).length > 0) return "incident";
  const text = a.words.join(" ");
  if (!(QUESTION_START.test(text) || a.clean.includes("?"))) return "statement";
  return lex.yesno.find(a.stems).length && !/^(who|whose|what|which)\b/.test(text) ? "yesno" : "question";
}

/** Services named as a list in the asking sentence ("S3 and an ALB"), not one after another in a story. */
function listsServices(a: Analysis, asked: PhraseHit<Service>[]): boolean {
  return asked.some((h, i) => {
    const next = asked[i + 1];
    if (!next || next.value === h.value) return false;
    const between = a.words.slice(h.end, next.start);
    // "Neptune IAM database auth": a cross-cutting service right after another names a feature of it.
    if (between.length === 0 && next.value.crossCutting) return false;
    // "Data moving between Athena and S3" names one path, not a list.
    if (a.words[h.start - 1] === "between") return false;
    return between.every((w) => LIST_WORDS.has(w));
  });
}

/** The words of an overview phrase ("who owns what", "end to end") ask for the overview; they are not a duty. */
function overviewPhraseWords(hits: Array<PhraseHit<Ask>>): Set<number> {
  const overview = hits.filter((h) => h.value === "overview");
  return new Set(overview.flatMap((h) => Array.from({ length: h.end - h.start }, (_, i) => h.start + i)));
}

/** "Servers in our own on-prem datacenter" with no AWS service named is not a question about AWS's model. */
function onPremisesOnly(lex: CompiledLexicon, a: Analysis, services: Service[], asking: number): boolean {
  return (
    services.length === 0 &&
    !a.words.some((w) => w === "aws" || w === "amazon") &&
    lex.onPremises.find(a.stems).some((h) => h.start >= asking)
  );
}
