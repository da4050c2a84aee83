// Entry ranking: how much each entry's services, layer and side agree with the question's reading.
import type { Entry, KnowledgeBase } from "../knowledge/schema.js";
import type { EntryIndex, Scored } from "./entry-index.js";
import type { Reading } from "./reading.js";
import type { ResponsibilityModel } from "./responsibility.js";
import { TUNING } from "./tuning.js";

/** The largest product of the ranking factors above 1 (a layer and a side that both agree). */
const MAX_FACTOR = TUNING.layerAgrees * Math.max(TUNING.sideAgrees, TUNING.sharedWhenNoSide);

export class Ranker {
  private readonly crossCutting: ReadonlySet<string>;
  /** Per entry: 1 when every service it names is cross-cutting (IAM, KMS) or it names none. */
  private readonly crossCuttingOnly: Uint8Array;
  /** Entries that name each service, and (1 per entry) those that name none: a question naming services
   * can only be answered by these, so the ranking skips the rest before scoring them. */
  private readonly serviceEntries = new Map<string, number[]>();
  private readonly generalEntries: Uint8Array;
  private readonly allowed: Uint8Array;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly index: EntryIndex,
    private readonly responsibility: ResponsibilityModel,
  ) {
    this.crossCutting = new Set(kb.services.filter((s) => s.crossCutting).map((s) => s.id));
    this.crossCuttingOnly = Uint8Array.from(
      kb.entries,
      (e) => +e.services.every((x) => this.crossCutting.has(x)),
    );
    this.generalEntries = Uint8Array.from(kb.entries, (e) => +(e.services.length === 0));
    this.allowed = new Uint8Array(kb.entries.length);
    kb.entries.forEach((e, t) => {
      for (const s of e.services) {
        const list = this.serviceEntries.get(s);
        if (list) list.push(t);
        else this.serviceEntries.set(s, [t]);
      }
    });
  }

  /**
   * Entry ranking with the question's services and layer taken into account. Service names weigh little in
   * the overlap itself (they say where, not what); agreement with the entry's services and layer is scored
   * separately. A question that names a service is never answered with another service's entry.
   */
  rank(
    r: Pick<
      Reading,
      "queryStems" | "services" | "lightStems" | "layer" | "side" | "configures" | "choice" | "unknownService"
    >,
    offTopic: number,
    limit: number,
  ): Scored[] {
    const wanted = new Set(r.services.map((s) => s.id));
    const layerRule = r.layer ? this.responsibility.general(r.layer) : undefined;
    const general = wanted.size ? undefined : layerRule;
    // A split layer (compliance, training): which side's entry answers depends on the side asked about.
    const split = layerRule?.owner === "shared";
    const subject = r.services[0];
    const exception = subject && r.layer ? subject.overrides.find((o) => o.layer === r.layer) : undefined;
    const offTopicFactor = TUNING.offTopicFactor ** offTopic;
    const crossCutting = this.crossCutting;
    const factor = (t: number) => {
      const e = this.kb.entries[t] as Entry;
      const services = e.services;
      // Plain loops: this runs for every entry a question touches, so no closures per entry.
      let named = false;
      let others = false;
      const onlyCrossCutting = this.crossCuttingOnly[t] === 1;
      if (wanted.size)
        for (const s of services)
          if (wanted.has(s)) named = true;
          else if (!crossCutting.has(s)) others = true;
      // A product we do not know is never answered with another service's entry, only a general one.
      if (r.unknownService && !onlyCrossCutting) return 0;
      let f = offTopicFactor;
      if (wanted.size) {
        if (!named) f *= services.length === 0 ? TUNING.generalWhenServiceNamed : 0;
        else if (subject && services.includes(subject.id)) {
          // "Who patches EC2": EC2's own entry before one that lists EC2 second (self-managed EKS nodes).
          if (services[0] !== subject.id) f *= TUNING.subjectSecond;
        }
        // "Fargate task IAM roles": Fargate's own entry before IAM's general one; and an entry about other
        // services ("Aurora IAM auth" for a Neptune question) is never the answer, whatever else it shares.
        else if (subject && !subject.crossCutting) {
          if (others) f = 0;
          else if (onlyCrossCutting) f *= TUNING.crossCuttingOnly;
        }
      } else if (services.length > 0) {
        f *= TUNING.generalPreference;
        // Asked in general, a service's exception ("an Outpost's site is yours") is not the answer.
        if (general && e.owner !== general.owner) f *= TUNING.exceptionWhenGeneral;
      }
      if (r.layer && e.layer) f *= e.layer === r.layer ? TUNING.layerAgrees : TUNING.layerDisagrees;
      if (split && e.layer === r.layer) {
        if (r.side)
          f *= e.owner === r.side ? TUNING.sideAgrees : e.owner === "shared" ? 1 : TUNING.sideDisagrees;
        else f *= e.owner === "shared" ? TUNING.sharedWhenNoSide : TUNING.oneSideWhenNoSide;
      }
      // "AWS's side of the tunnel", "encrypted by default": what AWS does, not what is left to you.
      if (r.side === "aws" && e.owner === "customer") f *= TUNING.customerWhenAwsSide;
      // "Who sets up / turns on / rolls back …": an act of the customer's, not a duty AWS performs — unless the
      // named service does it on its own ("switch on DynamoDB encryption": it is always on).
      const onItsOwn = !r.choice && exception?.owner === "aws" && !!subject && services.includes(subject.id);
      if (r.configures && e.owner === "aws" && !onItsOwn) f *= TUNING.awsWhenConfigures;
      // The named service's own exception for this layer outweighs a general entry that says otherwise.
      if (exception && services.length === 0 && e.owner !== exception.owner)
        f *= TUNING.generalAgainstException;
      return f;
    };
    let allowed: Uint8Array | undefined;
    if (wanted.size && !r.unknownService) {
      allowed = this.allowed;
      allowed.set(this.generalEntries);
      for (const id of wanted) for (const t of this.serviceEntries.get(id) ?? []) allowed[t] = 1;
    }
    return this.index
      .search(r.queryStems, r.lightStems, factor, limit, MAX_FACTOR, allowed)
      .filter((x) => x.score > 0);
  }
}
