import type { LayerId, Service, Variant } from "../knowledge/schema.js";
import type { DutyCue, LayerCue } from "./lexicon.js";
import type { PhraseHit } from "./phrases.js";
import type { LayerScore } from "./reading.js";
import { wordBefore } from "./reading-services.js";
import type { ResponsibilityModel } from "./responsibility.js";
import { TUNING } from "./tuning.js";

const PHYSICAL: LayerId[] = ["facilities", "hardware", "virtualization", "global-network"];

/**
 * Scores every layer the question's words point at. Nouns that name a layer count most, longer phrases
 * more; a duty verb adds the layer it implies for the service's model (less when a noun already says
 * where). The best layer is read unless a runner-up close behind it would give another owner; the OS of a
 * managed service is placed where AWS runs it.
 */
/** Words that open a clause describing the noun before them ("the building where our data lives"). */
const RELATIVIZERS = new Set(["where", "which", "that", "whose"]);
const INSIDE = new Set(["in", "inside", "within", "at"]);

/**
 * A cue inside a clause that describes an earlier cue's noun says where that thing is, not what is asked:
 * in "the building where our data lives" the duty is the building's.
 */
const DETERMINERS = new Set(["our", "the", "a", "an", "my", "your", "their"]);

/** "Not our guest OS, the host": a thing set aside by "not" is what the question is not about. */
function setAside(words: string[], at: number): boolean {
  return wordBefore(words, at, DETERMINERS) === "not";
}

/** Words that report an outcome as not happening ("with no data loss"). */
const NONE = new Set(["no", "without", "zero"]);

/** Words that point back to something the story named ("those keys"). */
export const POINTERS = new Set(["that", "those", "these", "this", "the"]);

/**
 * "Access keys got committed … who owned rotating those keys?": a bare noun the question points back to
 * means what the story called it ("access keys"), so it takes the story's cue.
 */
export function pointedBack(
  hits: PhraseHit<LayerCue>[],
  words: string[],
  focus: number,
): PhraseHit<LayerCue>[] {
  if (focus === 0) return hits;
  return hits.map((h) => {
    if (h.start < focus || h.end - h.start !== 1 || !POINTERS.has(words[h.start - 1] as string)) return h;
    const named = hits.find(
      (x) => x.end <= focus && x.end - x.start >= 2 && words[x.end - 1] === words[h.start],
    );
    return named && named.value.layer !== h.value.layer ? { ...h, value: { ...named.value, words: 1 } } : h;
  });
}

/** The layer cues that count, each marked when it sits in a clause describing an earlier cue. */
export function layerCues(hits: PhraseHit<LayerCue>[], words: string[], outcomes: PhraseHit<true>[] = []) {
  // "Repaired with no data loss": an outcome the story reports as not happening is no duty asked about.
  const noOutcome = (h: PhraseHit<LayerCue>) =>
    NONE.has(words[h.start - 1] as string) && outcomes.some((o) => o.start === h.start);
  return hits
    .filter((h) => !setAside(words, h.start) && !noOutcome(h))
    .map((h) => (describesEarlierCue(h, hits, words) ? { ...h, clause: true } : h));
}

export function describesEarlierCue(
  h: PhraseHit<LayerCue>,
  hits: PhraseHit<LayerCue>[],
  words: string[],
): boolean {
  for (let p = h.start; p >= Math.max(0, h.start - TUNING.clauseReach); p--) {
    // "A physical server inside Amazon's building breaks": the building only says where the hardware is.
    if (INSIDE.has(words[p] as string) && h.value.layer === "facilities")
      return hits.some((x) => x.end === p && x.value.layer === "hardware");
    if (!RELATIVIZERS.has(words[p] as string)) continue;
    return hits.some((x) => x.end <= p && p - x.end <= 1 && x.value.layer !== h.value.layer);
  }
  return false;
}

/** The customer keeps the OS under every form of the service: no variant hands it to AWS. */
function keepsOwnOs(service: Service): boolean {
  const customerOs = (o: { layer: LayerId; owner: string }) =>
    o.layer === "guest-os" && o.owner === "customer";
  const variantOs = (v: Variant) => v.overrides.some((o) => o.layer === "guest-os");
  return service.overrides.some(customerOs) && !service.variants.some(variantOs);
}

/** "Inspector found CVEs on our EC2 fleet: who patches them?": the instance service a scanner's finding is on. */
export function patchedInstance(services: Service[], duties: PhraseHit<DutyCue>[]): Service | null {
  if (!services[0]?.reportsOn || !duties.some((d) => d.value.id === "patch")) return null;
  return services.find((x) => x.model === "iaas") ?? null;
}

/**
 * "Our unpatched web server on EC2", "CVEs in packages on our boxes": software patched on an instance the
 * customer runs is that instance's OS, unless the question names the customer's own code beside it.
 */
function patchesInstance(
  layerHits: PhraseHit<LayerCue>[],
  duties: PhraseHit<DutyCue>[],
  onInstance: boolean,
) {
  return (
    onInstance &&
    duties.some((d) => d.value.id === "patch") &&
    !layerHits.some(
      (h) =>
        PHYSICAL.includes(h.value.layer) ||
        h.value.host ||
        (h.value.layer === "application" && !h.value.instance && h.value.strong),
    )
  );
}

/**
 * The layer one cue points at for this service. An engine or runtime on IaaS is software the customer
 * installed: their application. The host of Fargate or Lambda is software AWS runs for the service; under
 * EC2 it is the hypervisor's.
 */
function cueLayer(
  v: LayerCue,
  service: Service | undefined,
  patchedInstance: boolean,
  variant: Variant | undefined,
): LayerId {
  if (v.platform && service?.model === "iaas") return "application";
  // "RDS Custom: who customizes the host OS?": a variant that hands the OS to the customer makes its host theirs.
  if (v.host && variant?.overrides.some((o) => o.layer === "guest-os" && o.owner === "customer"))
    return "guest-os";
  // Beanstalk's platform branch (OS, runtime, web server) is installed on the instances in your account.
  if (v.platform && service?.platformOnInstances) return "guest-os";
  if (v.host && service && service.model !== "iaas") return "service-software";
  if (v.instance && patchedInstance) return "guest-os";
  return v.layer;
}

export function readLayer(
  layerHits: Array<PhraseHit<LayerCue> & { clause?: boolean }>,
  duties: PhraseHit<DutyCue>[],
  service: Service | undefined,
  variant: Variant | undefined,
  side: "customer" | "aws" | null,
  model: ResponsibilityModel,
  focus: number,
  asked: { choice: boolean; setUp: boolean },
): { layer: LayerId | null; layers: LayerScore[]; nouns: boolean } {
  const scores = new Map<LayerId, number>();
  const bump = (layer: LayerId, w: number) => {
    const placed = model.placed(layer, service, variant);
    scores.set(placed, (scores.get(placed) ?? 0) + w);
  };
  let nouns = false;
  const patched = patchesInstance(layerHits, duties, service?.model === "iaas");
  for (const h of layerHits) {
    const v = h.value;
    nouns ||= v.strong;
    const layer = cueLayer(v, service, patched, variant);
    const w = v.strong ? TUNING.layerStrong + TUNING.layerPerExtraWord * (v.words - 1) : TUNING.layerWeak;
    // The story before the question sets the scene; the question's own words say where the duty sits.
    const inClause = h.clause ? TUNING.clauseWeight : 1;
    bump(layer, (h.start < focus ? w * TUNING.contextWeight : w) * inClause);
  }
  for (const d of duties) {
    const layer = dutyLayer(d, layerHits, service, variant);
    if (!layer) continue;
    // "Who runs / scales / keeps running" a managed service is asking about what AWS operates, whatever
    // part of it is named ("the sign-in service", "the metrics backend"), unless the customer sets it up.
    const operates = d.value.id === "operate" && !asked.setUp;
    // "Scrambling the data on our servers' disks": encrypting is encryption wherever it happens.
    const fixed = d.value.id === "encrypt";
    const w = operates
      ? TUNING.layerFromOperate
      : nouns && !fixed
        ? TUNING.layerFromDutyBesideNoun
        : TUNING.layerFromDuty;
    bump(layer, d.start < focus ? w * TUNING.contextWeight : w);
  }
  // "The hardware behind the domain controllers": a physical layer named outright is the layer asked about;
  // the managed resource it sits under only says where.
  if (PHYSICAL.some((l) => (scores.get(l) ?? 0) >= TUNING.layerStrong) && scores.has("service-software"))
    scores.set("service-software", (scores.get("service-software") as number) * TUNING.softwareUnderPhysical);
  // Asked who decides or sets something up, a layer is owned by whoever makes that decision ("under our own
  // KMS key" is the customer's, though the service encrypts on its own).
  const owner = (l: LayerId) => {
    const ruling = service ? model.forService(service, l, variant) : model.general(l);
    const o = ruling ? model.chosen(ruling, asked).owner : null;
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
  if (!contested) return { layer: best.layer, layers, nouns };
  // "The cert we imported expired — shouldn't ACM have auto-renewed it?": a leading layer that a named variant
  // gives to one party is the one the question is about, though another comes close. A variant that moves
  // several layers, or makes one shared, does not say which of them is asked about.
  const only = variant?.overrides.length === 1 ? variant.overrides[0] : undefined;
  const moved = only?.layer === best.layer && only.owner !== "shared";
  return { layer: moved ? best.layer : null, layers, nouns };
}

/** The layer a duty sits in for this service, or undefined when the duty alone does not say. */
function dutyLayer(
  d: PhraseHit<DutyCue>,
  layerHits: PhraseHit<LayerCue>[],
  service: Service | undefined,
  variant: Variant | undefined,
): LayerId | undefined {
  // "Data center operations": what is operated is the building named beside the duty.
  const building = d.value.id === "operate" ? buildingBeside(layerHits, d) : undefined;
  if (building) return building;
  const layer = d.value.layer?.[service?.model ?? "iaas"];
  // Without a service, only a duty whose layer is the same for every model says where it sits.
  if (!layer || (!service && new Set(Object.values(d.value.layer ?? {})).size !== 1)) return undefined;
  // "Roll out updates to managed node groups": a named variant that moves the OS makes patching about it.
  if (layer === "service-software" && variant?.overrides.some((o) => o.layer === "guest-os"))
    return "guest-os";
  // So does a service whose OS is always the customer's (WorkSpaces desktops, AppStream images).
  if (layer === "service-software" && !variant && service && keepsOwnOs(service)) return "guest-os";
  return layer;
}

/**
 * "Data center operations", "who runs the data centers": a building right beside the duty is what is operated.
 * Servers and infrastructure beside it are not: running those is the service's own operation.
 */
function buildingBeside(layerHits: PhraseHit<LayerCue>[], d: PhraseHit<DutyCue>): LayerId | undefined {
  const beside = layerHits.filter(
    (h) =>
      (h.end <= d.start && d.start - h.end <= TUNING.besideReach) ||
      (h.start >= d.end && h.start - d.end <= TUNING.besideReach),
  );
  // "Operating the physical edge locations": an adjective before another layer's noun names that layer.
  const otherNext = layerHits.some(
    (h) => h.value.layer !== "facilities" && h.start >= d.end && beside.some((b) => h.start === b.end),
  );
  return beside.length > 0 && !otherNext && beside.every((h) => h.value.layer === "facilities")
    ? "facilities"
    : undefined;
}
