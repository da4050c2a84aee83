// Every threshold and weight the engine decides by, in one frozen object (as Fuse.js keeps its config):
// tuning the engine means editing this file and re-running `npm run eval`, nothing else.

export const TUNING = Object.freeze({
  /** An entry scoring below this is not answered but offered as a suggestion. */
  threshold: 0.4,
  /** Share of the threshold a suggestion must reach to be offered at all. */
  suggestionShare: 0.6,
  /** Two candidates closer than this are a close call. */
  closeMargin: 0.03,
  /** In a close call, the runner-up wins when Fuse.js finds its phrasings closer by this much. */
  fuseLead: 0.05,
  /** How many ranked entries a question keeps: the answer, a close call, suggestions. */
  ranked: 8,

  /** A question naming no service prefers a general entry that fits nearly as well as a service's own. */
  generalPreference: 0.85,
  /** A question naming a service: a general entry keeps this share; another service's entry is never answered. */
  generalWhenServiceNamed: 0.85,
  /** A question naming no service: a service's entry whose owner contradicts the general rule keeps this share. */
  exceptionWhenGeneral: 0.7,
  /** A split layer (compliance, training): entries on the side the question names, and on the other side. */
  sideAgrees: 1.15,
  sideDisagrees: 0.6,
  /** No side named: the shared entry first. */
  sharedWhenNoSide: 1.1,
  oneSideWhenNoSide: 0.9,
  /** The question asks about AWS's side: a customer-owned entry keeps this share. */
  customerWhenAwsSide: 0.7,
  /** The question asks who sets something up or turns it on: an AWS-owned entry keeps this share. */
  awsWhenConfigures: 0.8,
  /** A general entry whose owner contradicts the named service's own exception for the layer. */
  generalAgainstException: 0.6,
  /** A question about a service: an entry that lists it only after another service. */
  subjectSecond: 0.9,
  /** A question about a service: an entry only of a cross-cutting service it also names (IAM, KMS). */
  crossCuttingOnly: 0.9,
  /** Each off-topic cue multiplies every score by this. */
  offTopicFactor: 0.55,

  /** Layer cue weights: a strong phrase, each extra word of it, a weak phrase, a duty's default layer. */
  layerStrong: 1,
  layerPerExtraWord: 0.6,
  layerWeak: 0.35,
  layerFromDuty: 0.9,
  layerFromDutyBesideNoun: 0.45,
  /** "Who runs / scales / keeps running" a managed or serverless service: AWS's operation of it. */
  layerFromOperate: 1.4,
  /** A physical layer named outright: the managed-software cues beside it keep this share. */
  softwareUnderPhysical: 0.5,
  /** Layer cues in the story before the question count this share. */
  contextWeight: 0.35,
  /** A cue in a clause describing an earlier cue's noun ("the building where our data lives") counts this share. */
  clauseWeight: 0.4,
  /** How many words after "where/which/that" such a clause's cue may start. */
  clauseReach: 3,
  /** A "who" this many words before a duty asks about that duty, not about an act named earlier. */
  whoReach: 3,
  /** The customer's own system this many words from a compliance word makes the compliance the customer's. */
  workloadComplianceReach: 6,
  /** Words after "we only …" that say the part the asker already does (see statedPartStems). */
  statedPartReach: 6,
  /** Words before "from X" in which a verb of moving ("migrated", "switching") makes X the service left behind. */
  moveReach: 10,
  /** Words between a duty and the physical thing it acts on ("operating the data centers"). */
  besideReach: 1,
  /** "AWS doesn't … automatically": a denial this many words before an AWS-side cue cancels it. */
  denialReach: 7,
  /** Added to every layer AWS owns when the question says it is about AWS's side. */
  layerAwsSide: 0.6,
  /** Equal cue scores: the layer listed first wins (the more specific duty before the place it happens). */
  layerPriority: [
    "compliance",
    "training",
    "encryption",
    "identity-access",
    "logging-monitoring",
    "resilience",
    "network-config",
    "facilities",
    "virtualization",
    "global-network",
    "hardware",
    "service-software",
    "guest-os",
    "application",
    "data",
  ] as readonly string[],
  /** A runner-up layer within this share of the best, with another owner, leaves the layer unread. */
  layerLead: 0.25,
  /** An entry in the layer the question is read in keeps its score times this; one in another layer, that. */
  layerAgrees: 1.12,
  layerDisagrees: 0.7,
  /** Words allowed between two words of a caveat's case named in a question ("long-running EMR on EC2 cluster"). */
  caseWordGap: 3,
  /** An entry scoring this high answers before any layer rule is consulted. */
  entryStrong: 0.58,
  /** A general entry (about no service) this close to a list of three services still lets the list be compared. */
  generalEntryOverList: 0.75,
  /** An entry above this score is answered even when its layer differs from the reading. */
  entryOverrulesLayer: 0.72,

  /** Least score for an entry of the question's service, in the layer it was read in, to answer. */
  layerEntryMin: 0.3,
  /** With no one layer read, the service's best entry answers from this score when it sits in the leading layer. */
  leadingLayerEntryMin: 0.3,
  /** Of a service's entries in the layer read, one with the model's owner wins if within this of the best. */
  layerEntryOwnerMargin: 0.05,
  /** Least score for the service's entry of the side a question names, when the layer's rule gives the other. */
  sidedEntryMin: 0.2,
  /** Asked for a service's whole split, a layer cue weaker than this does not make it one duty. */
  overviewBeatsLayerBelow: 1.5,
  /** Least layer-cue score for answering from the responsibility model when no entry fits. */
  ruleMinCue: 0.6,
  /** A service we do not know is not answered in a layer that at least this share of known services depart from. */
  unknownServiceDepartures: 0.25,
  /**
   * A question naming the side a layer's general rule does not give ("does it replicate by itself?") is asked
   * back, not ruled on, in a layer where at least this share of services depart from that rule.
   */
  sideDoubtDepartures: 0.25,
  /** Typo look-ups remembered per process (a question's unknown words recur). */
  typoMemo: 10_000,
  /** A general-rule answer to a question with no service, party or "who" needs a layer named this clearly. */
  ruleUnaskedMinCue: 1.5,
  /**
   * The model's answer yields to "did you mean" when the best entry gives the other owner and either the
   * layer rests on no more than this cue score, or that entry scores at least `ruleDoubtEntry`: two readings
   * that disagree on the owner are a question to ask back, not a guess to make.
   */
  ruleDoubtCue: 1,
  /** Below the threshold, the best entry answers from this score when all of the nearby entries share its owner… */
  agreedOwnerMin: 0.3,
  /** …and there are at least this many of them. */
  agreedOwnerCount: 2,
  ruleDoubtEntry: 0.3,
  /** Confidence of a general-rule answer: base plus per cue point, capped. */
  ruleConfidenceBase: 0.5,
  ruleConfidencePerCue: 0.08,
  ruleConfidenceMax: 0.85,
});

export type Tuning = typeof TUNING;
