// The entries of the one service a question names, in the layer it was read in: the service's own explanation.
import type { Entry, LayerId, Service } from "../knowledge/schema.js";
import type { Scored } from "./entry-index.js";
import { best, entryOf, type Situation, setUpAgainstRule, subject } from "./situation.js";
import { TUNING } from "./tuning.js";

/** The best entry about the question's service in the layer it was read in, even when its wording is far. */
export function layerEntry(s: Situation): Scored | undefined {
  const service = subject(s);
  const layer = s.reading.layer;
  if (!service || !layer) return undefined;
  const fits = serviceLayerEntries(s, service, layer, TUNING.layerEntryMin);
  // Of the service's entries in that layer, the best worded; one that agrees with the model's owner for the
  // layer wins only when it is nearly as good (the act asked about, "kick off the major upgrade", decides).
  const top = fits[0];
  const agrees = fits.find((r) => (s.entries[r.target] as Entry).owner === s.ruling?.owner);
  // Asked who makes a decision ("who kicks off the major upgrade"), the entry about that decision wins;
  // an entry saying AWS does it on its own is not the answer.
  if (s.ruling?.choice) return agrees;
  if (setUpAgainstRule(s, entryOf(s, top)?.owner)) return agrees;
  // "Is the output encrypted if we never set a key?": asked what AWS does on its own, in a layer the model gives
  // AWS for this service, the customer's entry is not the answer; AWS's entry is, else the model's rule.
  const r = s.reading;
  if (
    r.side === "aws" &&
    !r.variant &&
    !r.choice &&
    !r.configures &&
    s.ruling?.owner === "aws" &&
    entryOf(s, top)?.owner === "customer"
  )
    return serviceLayerEntries(s, service, layer, TUNING.sidedEntryMin).find(
      (x) => entryOf(s, x)?.owner === "aws",
    );
  return agrees && top && agrees.score >= top.score - TUNING.layerEntryOwnerMargin ? agrees : top;
}

/**
 * The question names a side ("backs itself up without us scheduling anything") that the layer's general rule
 * does not give, and the service has an entry of that side in that layer: it explains the side asked about.
 */
export function sidedEntry(s: Situation): Scored | undefined {
  const { side, layer } = s.reading;
  const service = subject(s);
  if (!side || !service || !layer || s.ruling?.owner === side || s.ruling?.choice) return undefined;
  return serviceLayerEntries(s, service, layer, TUNING.sidedEntryMin).find(
    (r) => (s.entries[r.target] as Entry).owner === side,
  );
}

/** The ranked entries of a service in one layer that score at least `min`, best first. */
function serviceLayerEntries(s: Situation, service: Service, layer: LayerId, min: number): Scored[] {
  return s.ranked.filter((r) => {
    const e = s.entries[r.target] as Entry;
    return r.score >= min && e.layer === layer && e.services.includes(service.id) && ownedBy(s, e, service);
  });
}

/**
 * "Network access to RDS instances" also names VPC, but it is RDS's entry: an entry about another service the
 * question does not name is no explanation of this one.
 */
function ownedBy(s: Situation, e: Entry, service: Service): boolean {
  const first = e.services[0];
  return first === service.id || s.reading.services.some((x) => x.id === first);
}

/**
 * The best entry is a general one, but the named service has its own entry in the same layer that says
 * otherwise ("DynamoDB encryption at rest" against "turning on encryption at rest"): the service's exception.
 */
export function exceptionEntry(s: Situation): Scored | undefined {
  const service = subject(s);
  const top = entryOf(s, best(s));
  if (!service || !top || top.services.length > 0) return undefined;
  return s.ranked.find((r) => {
    const e = s.entries[r.target] as Entry;
    return (
      r.score >= s.threshold &&
      e.services[0] === service.id &&
      e.layer === top.layer &&
      e.owner !== top.owner &&
      // Asked about a decision ("client-side encryption"), what the service does on its own is no exception.
      !(s.ruling?.choice && e.owner !== s.ruling.owner)
    );
  });
}
