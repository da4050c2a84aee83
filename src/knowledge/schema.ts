import { z } from "zod";

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

const byModel = <T extends z.ZodType>(t: T) => z.object({ iaas: t, paas: t, serverless: t }).strict();

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

const phrases = z.array(z.string().trim().min(1).max(60));

/** The words the engine reads questions by: surface words, normalised by the engine at load. */
export const LexiconSchema = z
  .object({
    layers: z.record(LayerSchema, z.object({ strong: phrases, weak: phrases }).strict()),
    duties: z.record(
      z.string().regex(/^[a-z-]+$/),
      z
        .object({
          words: phrases.min(1),
          layer: byModel(LayerSchema.nullable())
            .optional()
            .describe("The layer the duty points at, by service model (null: it does not say)"),
        })
        .strict(),
    ),
    framings: z
      .object({
        incident: phrases,
        yesno: phrases,
        howTo: phrases.describe("Asking how to do something, not who owns it: declined with suggestions"),
      })
      .strict(),
    platformSoftware: phrases.describe(
      "Software a managed service runs for you (an engine, a runtime): AWS's on managed services, yours on IaaS",
    ),
    hostSoftware: phrases.describe(
      "The host a service runs on (its OS, its kernel): AWS's virtualization layer under IaaS, the service's own software under a managed or serverless service",
    ),
    sides: z
      .object({ customer: phrases, aws: phrases })
      .strict()
      .describe("Words that say whose side a split duty is asked about: our staff, AWS's own"),
    ownership: phrases.min(1),
    compare: phrases.min(1),
    compareStrong: phrases.describe("Compare words that ask for a matrix even with no topic and no 'who'"),
    offTopic: phrases,
    otherClouds: phrases,
    everydayWords: z
      .array(z.string().regex(/^[a-z0-9]+$/, "one lowercase word"))
      .describe(
        "Everyday words the knowledge base does not use, which typo correction must leave alone ('recognition' is not a misspelt Rekognition, nor 'cost' of 'host')",
      ),
    parties: z
      .object({ aws: phrases, customer: phrases })
      .strict()
      .describe(
        "Words naming the party a multiple-choice question asks about ('which of the following is AWS's responsibility')",
      ),
    choices: phrases.describe(
      "Words that ask who makes a decision the layer's owner leaves open ('kick off the major upgrade', 'roll back', 'decide when'): the layer's `choices` owner answers",
    ),
    wholeControl: phrases.describe(
      "Words that ask about a control as a whole ('patch management overall', 'as a control'), not one layer of it",
    ),
  })
  .strict();
export type Lexicon = z.infer<typeof LexiconSchema>;

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
