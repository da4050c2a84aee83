// The responsibility model: who owns a layer of the stack follows from the kind of service (AWS's
// infrastructure / container / abstracted categories, here iaas / paas / serverless), with the overrides a
// service documents. Curated entries explain specific duties; this answers every (service, layer) pair.
import type {
  Entry,
  LayerId,
  LayerRule,
  ModelId,
  Override,
  Owner,
  Service,
  Variant,
} from "../knowledge/schema.js";

export interface Ruling {
  layer: LayerRule;
  owner: Owner;
  /** The service the ruling is for; null for a question that names none (or names one we do not know). */
  service: Service | null;
  model: ModelId | null;
  /** Set when the service (or the variant named) departs from its model's rule for this layer. */
  override?: Override;
  variant?: Variant;
  /** The rule's text for this model (or the only text). */
  text: string;
  /** The question asks about a decision the layer's owner leaves to the other party (the layer's `choices`). */
  choice?: boolean;
}

export class ResponsibilityModel {
  private readonly byId = new Map<LayerId, LayerRule>();
  private readonly departing = new Map<LayerId, number>();

  /** With the services and entries, it also learns how often each layer departs from its general rule. */
  constructor(layers: LayerRule[], services: Service[] = [], entries: Entry[] = []) {
    for (const l of layers) this.byId.set(l.id, l);
    // One pass over the overrides and the entries (this runs at every start): the services departing per layer.
    const away = new Map<LayerId, Set<string>>();
    const depart = (layer: LayerId, svc: Service | undefined, owner: Owner) => {
      const l = this.byId.get(layer);
      if (!svc || !l || l.owner[svc.model] === owner) return;
      const set = away.get(layer) ?? new Set<string>();
      away.set(layer, set.add(svc.id));
    };
    const byId = new Map(services.map((svc) => [svc.id, svc]));
    for (const svc of services) for (const o of svc.overrides) depart(o.layer, svc, o.owner);
    for (const e of entries) if (e.layer) for (const id of e.services) depart(e.layer, byId.get(id), e.owner);
    for (const [layer, set] of away) this.departing.set(layer, set.size / services.length);
  }

  /**
   * The share of known services whose own owner for a layer (an override, or an entry of theirs) differs
   * from the general rule: where it is high, a service we do not know cannot be answered by the rule.
   */
  departures(layer: LayerId): number {
    return this.departing.get(layer) ?? 0;
  }

  rule(layer: LayerId): LayerRule {
    const r = this.byId.get(layer);
    if (!r) throw new Error(`layer ${layer} has no rule in layers.json`);
    return r;
  }

  /** The owner of a layer for one service: the variant's override, the service's, else its model's rule. */
  forService(service: Service, layer: LayerId, variant?: Variant): Ruling {
    const l = this.rule(layer);
    const fromVariant = ownOverride(variant?.overrides ?? [], layer);
    const override = fromVariant ?? ownOverride(service.overrides, layer);
    return {
      layer: l,
      owner: override?.owner ?? l.owner[service.model],
      service,
      model: service.model,
      override,
      variant: fromVariant ? variant : undefined,
      text: typeof l.rule === "string" ? l.rule : l.rule[service.model],
    };
  }

  /** A split rule asked from one side ("our staff's training"): that side owns its part. */
  sided(ruling: Ruling, side: "customer" | "aws" | null): Ruling {
    return side && ruling.owner === "shared" && !ruling.override ? { ...ruling, owner: side } : ruling;
  }

  /** "Who kicks off the major upgrade?": the owner of the decisions the layer's owner leaves open. */
  chosen(ruling: Ruling, asked: { choice: boolean; setUp: boolean }): Ruling {
    const c = ruling.layer.choices;
    if (!c || ruling.variant || c.owner === ruling.owner) return ruling;
    if (!asked.choice && !(asked.setUp && c.setUp)) return ruling;
    return { ...ruling, owner: c.owner, text: c.rule, choice: true };
  }

  /** The owner of a layer whatever the service: only when every kind of service agrees. */
  general(layer: LayerId): Ruling | undefined {
    const l = this.rule(layer);
    const owners = new Set(Object.values(l.owner));
    if (owners.size !== 1) return undefined;
    return {
      layer: l,
      owner: l.owner.iaas,
      service: null,
      model: null,
      text: typeof l.rule === "string" ? l.rule : l.rule.iaas,
    };
  }

  /**
   * The layer a duty really sits in for this service. "The OS" of a managed or serverless service is
   * software AWS runs for it (service-software), unless the service hands the OS back to the customer.
   */
  placed(layer: LayerId, service: Service | undefined, variant?: Variant): LayerId {
    if (layer !== "guest-os" || !service || service.model === "iaas") return layer;
    // A variant's word on the OS comes before its service's. An OS that AWS runs for the customer (Fargate
    // hosts, EKS Auto Mode nodes) is software AWS operates to deliver the service, not a customer's guest OS.
    const own = [...(variant?.overrides ?? []), ...service.overrides].find((o) => o.layer === "guest-os");
    return own && (own.owner !== "aws" || service.platformOnInstances) ? layer : "service-software";
  }
}

/**
 * A variant's override for a layer. The software AWS runs for a service is also explained by an OS that AWS
 * runs in the customer's place ("with Fargate, AWS provisions and patches the hosts").
 */
function ownOverride(overrides: Override[], layer: LayerId): Override | undefined {
  const own = overrides.find((o) => o.layer === layer);
  if (own || layer !== "service-software") return own;
  return overrides.find((o) => o.layer === "guest-os" && o.owner === "aws");
}
