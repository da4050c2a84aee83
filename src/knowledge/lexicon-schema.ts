// The lexicon's schema (intents/lexicon.json): the words the engine reads questions by, as people type them.
import { z } from "zod";
import { byModel, LayerSchema } from "./layer-ids.js";

const phrases = z.array(z.string().trim().min(1).max(60));
const words = z.array(z.string().regex(/^[a-z0-9]+$/, "one lowercase word, as a question's words are read"));

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
        yesnoFirst: words.describe("A question starting with one of these is worded for a yes or no"),
        yesnoLast: words.describe("So is one ending with one of these ('…, right?')"),
      })
      .strict(),
    partyWords: words.describe(
      "Single words naming AWS or the customer: a question using one asks about owners",
    ),
    whoWords: words.describe(
      "Words that ask who: a 'who' question is about one duty, not a service's whole split",
    ),
    platformSoftware: phrases.describe(
      "Software a managed service runs for you (an engine, a runtime): AWS's on managed services, yours on IaaS",
    ),
    hostSoftware: phrases.describe(
      "The host a service runs on (its OS, its kernel): AWS's virtualization layer under IaaS, the service's own software under a managed or serverless service",
    ),
    instanceSoftware: phrases.describe(
      "Software on a server (a web server, OS packages, OpenSSL): patched on an instance the customer runs it is that instance's OS; elsewhere the customer's application",
    ),
    sides: z
      .object({ customer: phrases, aws: phrases })
      .strict()
      .describe("Words that say whose side a split duty is asked about: our staff, AWS's own"),
    ownWorkload: phrases.describe(
      "The customer's own system ('our app', 'the workload'): named beside compliance words, the compliance asked about is the customer's",
    ),
    ownership: phrases.min(1),
    compare: phrases.min(1),
    compareStrong: phrases.describe("Compare words that ask for a matrix even with no topic and no 'who'"),
    offTopic: phrases,
    otherClouds: phrases,
    impliedServices: z
      .array(
        z
          .object({
            service: z.string().regex(/^[a-z0-9]+$/),
            layer: LayerSchema,
            words: phrases.min(1),
            with: phrases
              .optional()
              .describe("Only when one of these is named too ('security groups' on 'our servers' are EC2's)"),
          })
          .strict(),
      )
      .default([])
      .describe(
        "Words that name a service's feature without its name ('security groups', 'ddos floods', 'log in to our account'): an answer in that layer, naming no service, is that service's",
      ),
    outcomes: phrases.describe(
      "What a story reports as its outcome ('with no data loss', 'without downtime'): negated, it names no duty",
    ),
    notDuties: phrases.describe(
      "Phrases that hold a duty word but name a thing, not a task ('operating system' is no 'operate')",
    ),
    notLayerCues: phrases.describe(
      "Phrases that hold a layer word but say nothing of the layer ('broken into' is no broken hardware)",
    ),
    partNames: z
      .array(
        z
          .object({
            service: z.string().regex(/^[a-z0-9]+$/),
            words: phrases.min(1),
          })
          .strict(),
      )
      .default([])
      .describe(
        "Parts of a service named by words that are also another service's name ('the HSMs behind KMS'): beside that service, the words name its part, not the other service",
      ),
    otherProducts: phrases.describe(
      "AWS products outside the answer contract ('IoT Greengrass', 'GameLift'): never answered as a look-alike service",
    ),
    onPremises: phrases.describe(
      "Words for the customer's own premises ('our on-prem datacenter'): with no AWS service named, the question is not about AWS's model",
    ),
    everydayWords: z
      .array(z.string().regex(/^[a-z0-9]+$/, "one lowercase word"))
      .describe(
        "Everyday words the knowledge base does not use, which typo correction must leave alone ('recognition' is not a misspelt Rekognition, nor 'cost' of 'host')",
      ),
    plainWords: z
      .array(z.string().regex(/^[a-z]+$/, "one lowercase word"))
      .describe(
        "Common English words that typo correction must leave as they are rather than read as a near word the knowledge uses ('context' is not 'content', 'later' not 'layer'); from SCOWL size 35, see intents/plain-words.NOTICE, regenerated by scripts/plain-words.ts",
      ),
    parties: z
      .object({ aws: phrases, customer: phrases })
      .strict()
      .describe(
        "Words naming the party a multiple-choice question asks about ('which of the following is AWS's responsibility')",
      ),
    partyOptions: phrases.describe(
      "Options of a multiple-choice question that name a party rather than a duty ('A) AWS B) The customer C) Both'): the question before them is the duty, and is answered as asked",
    ),
    acts: z
      .object({ aws: phrases, customer: phrases })
      .strict()
      .describe(
        "Words naming one side's act within a shared duty ('who builds the patch' is AWS's, 'who applies it' the customer's): a shared entry asked about that act answers that side's part",
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
