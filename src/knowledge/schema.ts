import { z } from "zod";
import { byModel, LayerSchema } from "./layer-ids.js";
import type { Lexicon } from "./lexicon-schema.js";

/** Who carries a duty. `shared` means each side owns a distinct part of it. */
export const OwnerSchema = z.enum(["aws", "customer", "shared"]);
export type Owner = z.infer<typeof OwnerSchema>;

/** The three service models the SRM talks about; `paas` covers AWS "managed" / "container" services. */
export const ModelIdSchema = z.enum(["iaas", "paas", "serverless"]);
export type ModelId = z.infer<typeof ModelIdSchema>;

export const CategorySchema = z.enum([
  "patching",
  "identity-access",
  "encryption",
  "network",
  "physical",
  "configuration",
  "data",
  "code",
  "logging-monitoring",
  "resilience",
  "training",
  "compliance",
  "infrastructure",
]);
export type Category = z.infer<typeof CategorySchema>;

export { LAYER_IDS, type LayerId, LayerSchema } from "./layer-ids.js";

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase kebab-case (a-z, 0-9 and single dashes)");
const sentence = z.string().trim().min(3, "must not be empty").max(600, "must be at most 600 characters");
const isoDate = z.iso.date({ message: "must be a date written YYYY-MM-DD" });

export const SourceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("aws"),
    title: z.string().min(3),
    url: z
      .url({ message: "must be an https URL" })
      .refine((u) => /^https:\/\/([a-z0-9-]+\.)*(aws\.amazon\.com|amazon\.com)\//.test(u), {
        message: "must point at an AWS page (aws.amazon.com or docs.aws.amazon.com)",
      }),
  }),
  z.object({
    kind: z.literal("seed"),
    title: z.string().min(3),
    section: z.string().min(2).describe("Section of the seed blog post the fact comes from"),
  }),
]);

export const CaveatSchema = z.object({
  label: z.string().min(2).max(60).describe('Where the caveat applies, e.g. "IaaS (EC2)", "RDS Custom"'),
  owner: OwnerSchema.optional().describe("Owner in that case, when it differs from the entry's owner"),
  text: sentence,
});

export const EntrySchema = z
  .object({
    id,
    statement: z.string().trim().min(5).max(200).describe("The task, phrased as a noun phrase"),
    owner: OwnerSchema,
    services: z.array(id).describe("Service ids this entry concerns; empty for general items"),
    category: CategorySchema,
    layer: LayerSchema.nullable().describe(
      "The layer of the stack the duty sits in; null only for a shared control or an overview as a whole",
    ),
    rationale: sentence.describe("Why this owner, 1-3 sentences"),
    caveats: z.array(CaveatSchema).default([]),
    otherParty: sentence.describe("What the other party still owns"),
    phrasings: z.array(z.string().trim().min(3).max(200)).min(2, "needs at least 2 phrasings"),
    related: z.array(id).default([]),
    source: SourceSchema,
    reviewed: isoDate,
    seed: z.boolean().optional().describe("True for the examples listed in the seed blog post"),
  })
  .strict();
export type Entry = z.infer<typeof EntrySchema>;

/** Where a service departs from the general rule of its model for one layer. */
export const OverrideSchema = z
  .object({
    layer: LayerSchema,
    owner: OwnerSchema,
    text: sentence.describe("Why this layer's owner differs for this service, in one or two sentences"),
  })
  .strict();
export type Override = z.infer<typeof OverrideSchema>;

/** A way of running a service that moves some layers to the other side (RDS Custom, EKS Auto Mode). */
export const VariantSchema = z
  .object({
    id,
    name: z.string().min(2),
    aliases: z.array(z.string().trim().min(2)).min(1).describe("Phrases that name the variant"),
    overrides: z.array(OverrideSchema).min(1),
    answeredAs: z
      .string()
      .regex(/^[a-z0-9]+$/)
      .optional()
      .describe(
        "The service an answer about this variant names, when it is a service of its own (ECS on Fargate: fargate)",
      ),
    leaves: z
      .array(id)
      .default([])
      .describe(
        "Entries about duties the variant does not move (managed updates never change platform branches): asked about one, it answers",
      ),
  })
  .strict();
export type Variant = z.infer<typeof VariantSchema>;

export const ServiceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+$/, "must be the lowercase AWS short name (a-z, 0-9)"),
    name: z.string().min(2),
    aliases: z.array(z.string().trim().min(2)).min(1),
    plainNames: z
      .array(z.string().trim().min(2))
      .default([])
      .describe(
        "What people call the service in plain words ('key-value database', 'run code without servers'): they name it as surely as an alias",
      ),
    model: ModelIdSchema.describe(
      "AWS's category: iaas = infrastructure, paas = container/managed, serverless = abstracted",
    ),
    summary: sentence.describe("A short summary of how the duties split for this service"),
    url: z.url().optional().describe("The service's own security chapter in its AWS documentation"),
    sourceTitle: z.string().min(3).optional().describe("Title of the page at `url`"),
    reviewed: isoDate.optional().describe("When the summary and overrides were last checked against `url`"),
    overrides: z.array(OverrideSchema).default([]),
    variants: z.array(VariantSchema).default([]),
    crossCutting: z
      .boolean()
      .optional()
      .describe("True for services most questions name beside another (IAM, KMS): the other is the subject"),
    reportsOn: z
      .boolean()
      .optional()
      .describe(
        "True for services that report findings on resources of other services (Inspector): patching what they find is the resource's duty",
      ),
    platformOnInstances: z
      .boolean()
      .optional()
      .describe(
        "True for services whose platform (OS, runtime, web server) runs on instances in the customer's account (Elastic Beanstalk): its runtime and platform are that OS layer",
      ),
  })
  .strict();
export type Service = z.infer<typeof ServiceSchema>;

export const ServiceModelSchema = z
  .object({
    id: ModelIdSchema,
    name: z.string().min(2),
    aliases: z.array(z.string().min(2)).min(1),
    examples: z.array(z.string()).min(1).describe("Service ids that follow this model"),
    summary: sentence,
    aws: z.array(sentence).min(1),
    customer: z.array(sentence).min(1),
  })
  .strict();
export type ServiceModel = z.infer<typeof ServiceModelSchema>;

export const SharedControlSchema = z
  .object({
    id,
    name: z.string().min(2),
    aliases: z.array(z.string().min(2)).min(1),
    summary: sentence,
    aws: sentence,
    customer: sentence,
    entries: z.array(id).default([]).describe("Entries that illustrate the control"),
  })
  .strict();
export type SharedControl = z.infer<typeof SharedControlSchema>;

export const ScenarioSchema = z
  .object({
    id,
    prompt: z.string().min(10).max(300),
    owner: OwnerSchema,
    explanation: sentence,
    services: z.array(id).default([]),
    entry: id.optional().describe("Entry holding the full answer"),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

export const SlotSchema = z.enum(["service", "model", "topic"]);
export type Slot = z.infer<typeof SlotSchema>;

export const IntentSchema = z
  .object({
    name: z.string().regex(/^[a-z_]+$/),
    description: z.string().min(5),
    slots: z.array(SlotSchema).default([]),
    keywords: z
      .array(z.string().min(2))
      .default([])
      .describe("Words or short phrases that signal this intent on their own"),
    examples: z.array(z.string().min(2)).min(1),
  })
  .strict();
export type Intent = z.infer<typeof IntentSchema>;

/** One layer of the responsibility model: its owner for each kind of service and the general rule. */
export const LayerRuleSchema = z
  .object({
    id: LayerSchema,
    name: z.string().min(2),
    duty: z
      .string()
      .min(5)
      .max(200)
      .describe("The layer's duty as a noun phrase, shown as the answer's task"),
    owner: byModel(OwnerSchema),
    rule: z.union([sentence, byModel(sentence)]).describe("The general rule, one text or one per model"),
    otherParty: sentence,
    choices: z
      .object({
        owner: OwnerSchema,
        setUp: z
          .boolean()
          .optional()
          .describe("A 'who sets it up / turns it on' question asks about these decisions too"),
        duty: z.string().min(5).max(200),
        rule: sentence,
        otherParty: sentence,
      })
      .strict()
      .optional()
      .describe(
        "Who owns the decisions the layer's owner leaves open (when maintenance happens, which version to move to, rolling back, opting in or out), asked with a word of the lexicon's `choices`",
      ),
    source: z.object({ title: z.string().min(3), url: z.url() }).strict(),
    reviewed: isoDate,
  })
  .strict();
export type LayerRule = z.infer<typeof LayerRuleSchema>;

export const EntriesFileSchema = z.array(EntrySchema);
export const ServicesFileSchema = z.array(ServiceSchema);
export const ModelsFileSchema = z.array(ServiceModelSchema);
export const ControlsFileSchema = z.array(SharedControlSchema);
export const ScenariosFileSchema = z.array(ScenarioSchema);
export const IntentsFileSchema = z.array(IntentSchema);
export const LayersFileSchema = z.array(LayerRuleSchema);

export interface KnowledgeBase {
  entries: Entry[];
  layers: LayerRule[];
  lexicon: Lexicon;
  services: Service[];
  models: ServiceModel[];
  controls: SharedControl[];
  scenarios: Scenario[];
  intents: Intent[];
}

export { type Lexicon, LexiconSchema } from "./lexicon-schema.js";
