// The pieces the knowledge schema and the lexicon schema share: the contract's layer ids, values by model.
import { z } from "zod";

/**
 * The layers of the stack a duty sits in, as fixed by the answer contract (shared/reference/answer-contract.md).
 * Who owns a layer follows from the service's model, with per-service overrides (see data/layers.json).
 */
export const LAYER_IDS = [
  "facilities",
  "hardware",
  "global-network",
  "virtualization",
  "service-software",
  "guest-os",
  "application",
  "data",
  "identity-access",
  "network-config",
  "encryption",
  "logging-monitoring",
  "resilience",
  "compliance",
  "training",
] as const;
export const LayerSchema = z.enum(LAYER_IDS);
export type LayerId = z.infer<typeof LayerSchema>;

/** One value for each kind of service. */
export const byModel = <T extends z.ZodType>(t: T) => z.object({ iaas: t, paas: t, serverless: t }).strict();
